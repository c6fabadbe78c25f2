"""Keep yesterday's daily report of every bureau and station (run daily by the timer of
docs/operations.md); a report already kept stays as it was."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from shouwang.command.reports.services import daily_reports_generate


class Command(BaseCommand):
    help = "生成并存档各单位的工作日报（默认昨日，及应急响应以来累计）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="日报日期 YYYY-MM-DD（默认昨日）")

    def handle(self, *args, **options):
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD") from None
        kept = daily_reports_generate(day=day)
        self.stdout.write(f"{len(kept)} reports kept")
