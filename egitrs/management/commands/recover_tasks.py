from django.core.management.base import BaseCommand

from egitrs.tasks import recover_tasks


class Command(BaseCommand):
    help = (
        "Queue again the background tasks whose worker died while running them (still "
        "running TASKS_STALE_AFTER seconds after they started). Run it before starting the "
        "workers and every few minutes."
    )

    def handle(self, *args, **options):
        recovered = recover_tasks()
        self.stdout.write(f"{recovered} task(s) queued again.")
