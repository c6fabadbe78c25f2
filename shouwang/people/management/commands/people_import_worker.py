"""Carry on list imports left unfinished (server restart, closed browser): `--once` or a loop."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from shouwang.people.models import ImportJob, ImportStatus
from shouwang.people.services import import_job_apply, import_job_process
from shouwang.people.services.imports import STALE_AFTER


class Command(BaseCommand):
    help = "处理等待中或中断的名单导入任务"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理一轮后退出")
        parser.add_argument("--interval", type=int, default=5, help="轮询间隔（秒）")

    def handle(self, *args, once: bool = False, interval: int = 5, **options):
        while True:
            handled = self.run_once()
            if once:
                self.stdout.write(f"处理了 {handled} 个导入任务")
                return
            if not handled:
                time.sleep(interval)

    def run_once(self) -> int:
        stale = timezone.now() - STALE_AFTER
        jobs = ImportJob.objects.defer("content").filter(
            status__in=[ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.APPLYING]
        )
        handled = 0
        for job in jobs:
            if job.heartbeat_at and job.heartbeat_at > stale and job.status != ImportStatus.PENDING:
                continue  # another worker or thread is on it
            if job.status == ImportStatus.APPLYING:
                import_job_apply(
                    job_id=job.pk
                )  # one transaction: an interrupted apply left nothing
            else:
                import_job_process(job_id=job.pk)
            handled += 1
        return handled
