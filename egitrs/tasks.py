"""Background work: queued once the change that asks for it commits, run again when it
fails, queued again when its worker died.

The tasks live with their app (`contributions.tasks`); they are django-tasks tasks, run
by the backend `settings.TASKS` names: at once in the embedded default and the tests, by
`manage.py db_worker` from the database queue in production. A task that takes an
`attempt` keyword argument is retried when it fails: queued again, later each time, with
`attempt` one more, until it has run `TASKS_MAX_ATTEMPTS` times. The last failure stays
in the queue's table, FAILED, for the secretariat to see in the admin.
"""

import datetime
import inspect
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` for when the current transaction commits: nothing runs for a change
    that rolls back, and nothing runs before the change is there to be read.

    The database queue is written in the transaction itself, so the task is committed
    with the change or not at all: a process that stops right after the commit loses
    nothing. Any other backend is given the task once the transaction has committed.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))


def is_retried(task):
    return "attempt" in inspect.signature(task.func).parameters


def retry_delay(attempt):
    """Seconds before the run after failed run `attempt`: doubled at each failure."""
    return settings.TASKS_RETRY_DELAY * 2 ** (attempt - 1)


@receiver(task_finished)
def retry_failed_task(sender, task_result, **kwargs):
    """Queue a failed task that takes `attempt` again, if it has attempts left."""
    task = task_result.task
    if task_result.status != TaskResultStatus.FAILED or not is_retried(task):
        return
    attempt = task_result.kwargs.get("attempt", 1)
    if attempt >= settings.TASKS_MAX_ATTEMPTS:
        logger.error("Task %s failed %d times: not tried again.", task.module_path, attempt)
        return
    if task.get_backend().supports_defer:
        later = timezone.now() + datetime.timedelta(seconds=retry_delay(attempt))
        task = task.using(run_after=later)
    task.enqueue(*task_result.args, **{**task_result.kwargs, "attempt": attempt + 1})


def recover_tasks():
    """Queue again the tasks of the database queue still running `TASKS_STALE_AFTER`
    seconds after they started: their worker died (killed, out of memory, its machine
    gone) and nothing else will finish them. Returns how many.

    Longer than any task takes: a task still running is not run twice.
    """
    from django_tasks_db.models import DBTaskResult

    stale = timezone.now() - datetime.timedelta(seconds=settings.TASKS_STALE_AFTER)
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=stale)
        .update(status=TaskResultStatus.READY)
    )
