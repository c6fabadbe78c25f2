"""A verification made for a passage now names the passage (it was the passage naming the
verification): the link between the two apps goes one way, from passes to checkpoints.
0003 copies every existing link before checkpoints drops its column (checkpoints 0006)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("checkpoints", "0005_passage_counts"),
        ("passes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="passverification",
            name="passage",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="pass_verification",
                to="checkpoints.passage",
                verbose_name="通行登记",
            ),
        ),
    ]
