"""`manage.py followups_generate`: write the next days' follow-up rows; run once a day."""

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_date

from shouwang.people.services.followup_schedule import followup_horizon, followups_generate


class Command(BaseCommand):
    help = "为所有隔离中的人员生成今明两天的应随访记录（每日由定时任务运行，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--through", help="生成至该日期（YYYY-MM-DD），默认明天", default="")

    def handle(self, *args, through: str = "", **options):
        day = parse_date(through) if through else followup_horizon()
        if day is None:
            self.stderr.write("日期格式不正确，应为 YYYY-MM-DD")
            raise SystemExit(2)
        written = followups_generate(through=day)
        self.stdout.write(f"{written} follow-up rows due through {day.isoformat()}")
