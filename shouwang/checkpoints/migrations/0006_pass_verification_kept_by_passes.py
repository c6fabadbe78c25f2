"""The passage no longer names its pass verification: passes keeps the link (passes 0002,
0003 copied every link first), so checkpoints refers to no model of passes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("checkpoints", "0005_passage_counts"),
        ("passes", "0003_passverification_passage_copied"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalpassage", name="pass_verification"),
        migrations.RemoveField(model_name="passage", name="pass_verification"),
    ]
