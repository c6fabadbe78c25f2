"""`manage.py bookings_roll`: every open window's slots made for the booking horizon; daily."""

from django.core.management.base import BaseCommand

from shouwang.bookings.selectors import BOOKING_HORIZON_DAYS
from shouwang.bookings.services import slots_roll


class Command(BaseCommand):
    help = "按各预约窗口的每周模板生成未来若干天的预约时段（每日由定时任务运行，可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=BOOKING_HORIZON_DAYS, help="向后生成的天数")

    def handle(self, *args, days: int = BOOKING_HORIZON_DAYS, **options):
        if not 1 <= days <= 60:
            self.stderr.write("天数应在1到60之间")
            raise SystemExit(2)
        made = slots_roll(days=days)
        self.stdout.write(f"{made} booking slots made for the next {days} days")
