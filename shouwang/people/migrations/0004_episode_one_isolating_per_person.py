from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0003: PostgreSQL cannot build an index in the transaction that just wrote
    rows with deferred foreign keys (the events of the duplicates 0003 closes)."""

    dependencies = [
        ("people", "0003_followup_window_and_duplicate_episodes"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="isolationepisode",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "isolating")),
                fields=("person",),
                name="episode_one_isolating_per_person",
            ),
        ),
    ]
