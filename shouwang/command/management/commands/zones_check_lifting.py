"""Mark the zones that meet their lifting rule today (run daily by the timer of
docs/operations.md); the map page and the dashboard show them as due for lifting."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from shouwang.command.zones.services import zones_mark_lifting_due


class Command(BaseCommand):
    help = "检查各封控区域是否满足解除条件（连续N天无新增病例）并提醒"

    def handle(self, *args, **options):
        newly = zones_mark_lifting_due(today=timezone.localdate())
        for zone in newly:
            self.stdout.write(
                f"{zone.unit.name} {zone.name}: {zone.days_without_case} days without a case"
            )
        self.stdout.write(f"{len(newly)} zones newly due for lifting")
