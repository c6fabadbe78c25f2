"""`manage.py worker`: the one process that runs long jobs (list imports, later the daily report).

django-tasks-db's own worker runs the queued tasks; around it this command re-enqueues the jobs
a killed worker left behind (`shell.jobs.recover_stalled`) when it starts and whenever the
queue runs dry. `make run` starts it next to the web server; production runs it as its own
service (docs/operations.md).
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from shouwang.shell.jobs import recover_stalled

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "运行后台任务（名单导入等）：先恢复中断的任务，再依次执行队列中的任务"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="队列为空时的轮询间隔（秒）"
        )
        parser.add_argument("--queue-name", default="default", help="要处理的队列，逗号分隔")

    def handle(self, *args, batch: bool, interval: float, queue_name: str, **options):
        if options.get("verbosity", 1):
            self._configure_logging(options["verbosity"])
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            # The immediate backend (tests) runs a task inside enqueue(): recovering is all.
            self._recover()
            return
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=0,
            batch=True,  # return when the queue is dry, so that recovery runs between rounds
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if not batch:
            worker.configure_signals()  # Ctrl-C / SIGTERM: finish the running task, then stop
        while worker.running:
            self._recover()
            worker.run()
            if batch:
                return
            time.sleep(interval)

    def _configure_logging(self, verbosity: int) -> None:
        # Tasks started and finished at INFO; the queue library's "no more tasks" after every
        # round only from -v 2 on.
        for name, quiet in (("django_tasks", False), ("django_tasks_db", True), (__name__, False)):
            task_logger = logging.getLogger(name)
            level = logging.INFO if verbosity == 1 else logging.DEBUG
            task_logger.setLevel(logging.WARNING if quiet and verbosity == 1 else level)
            if not task_logger.handlers:
                task_logger.addHandler(logging.StreamHandler(self.stdout))
            task_logger.propagate = False

    def _recover(self) -> None:
        resumed = recover_stalled()
        if resumed:
            logger.info("re-enqueued %s stalled job(s)", resumed)
