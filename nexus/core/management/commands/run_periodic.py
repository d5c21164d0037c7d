"""Runs one entry of the Celery beat schedule here and now: `manage.py run_periodic close-expired-jobs`.

For cron instead of beat, or by hand. Tasks it enqueues run in-process without a broker, on the workers with one.
"""

from typing import Any

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def registered_task(name: str) -> Any:
    """The task by name, after the apps' tasks modules are imported (as a worker does on start)."""
    current_app.loader.import_default_modules()
    return current_app.tasks[name]


class Command(BaseCommand):
    help = "Runs a periodic task of the beat schedule (CELERY_BEAT_SCHEDULE) in this process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entry", nargs="?", help="Schedule entry name; omit to list them.")

    def handle(self, *args: Any, entry: str | None = None, **options: Any) -> None:
        schedule = settings.CELERY_BEAT_SCHEDULE
        if entry is None:
            for name, spec in schedule.items():
                self.stdout.write(f"{name}\t{spec['task']}\tevery {spec['schedule']}")
            return
        if entry not in schedule:
            raise CommandError(f"Unknown entry {entry!r}; one of: {', '.join(schedule)}")
        task = registered_task(schedule[entry]["task"])
        result = task.apply()
        if result.failed():
            raise CommandError(f"{entry} failed: {result.result!r}")
        self.stdout.write(f"{entry}: {result.result}")
