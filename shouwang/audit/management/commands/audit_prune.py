from django.core.management.base import BaseCommand

from shouwang.audit.services import audit_prune, retention_days


class Command(BaseCommand):
    help = "Delete audit and history rows older than SHOUWANG_AUDIT_RETENTION_DAYS (≥ 180)."

    def handle(self, *args, **options):
        deleted = audit_prune()
        self.stdout.write(f"retention {retention_days()} days; deleted {deleted}")
