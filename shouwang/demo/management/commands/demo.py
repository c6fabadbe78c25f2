from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from shouwang.demo.bureau import ACCOUNTS, demo_password
from shouwang.demo.loaders import DEMO_LOADERS


class Command(BaseCommand):
    help = "Load the fictional 清河县公安局 demo bureau (idempotent; demo mode only)."

    def handle(self, *args, **options):
        if not settings.SHOUWANG_DEMO_MODE:
            raise CommandError("演示数据只能在演示模式下加载 (SHOUWANG_DEMO_MODE)")
        with transaction.atomic():
            for dotted in DEMO_LOADERS:
                import_string(dotted)()
        self.stdout.write(self.style.SUCCESS("演示单位已就绪：清河县公安局"))
        self.stdout.write(f"演示账号（密码均为 {demo_password()}）：")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} {account.full_name}  {account.unit}")
