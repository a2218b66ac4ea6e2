"""Background work: a failed task runs again later, then stays failed for the secretariat
to see; a task whose worker died is queued again; a worker process runs what the site
queued in the database."""

import datetime
import io
import os
import smtplib
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from contributions.models import SearchEntry
from contributions.services.notifications import notify_on_commit
from tests.factories import make_contribution, publish_document

ROOT = Path(__file__).resolve().parent.parent
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
READY, RUNNING = TaskResultStatus.READY, TaskResultStatus.RUNNING
FAILED, SUCCESSFUL = TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL


@task
def fails_twice(attempt=1):
    if attempt < 3:
        raise OSError(f"Attempt {attempt} failed.")
    return attempt


@task
def always_fails(attempt=1):
    raise OSError(f"Attempt {attempt} failed.")


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def queue(settings):
    """The database queue, its first retry 30 seconds after a failure, three runs at most."""
    settings.TASKS = DATABASE_QUEUE
    settings.TASKS_RETRY_DELAY = 30
    settings.TASKS_MAX_ATTEMPTS = 3


def run_due_tasks():
    """What `manage.py db_worker --batch` does, in this process and its test transaction:
    claim each task that is due and run it."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)


def time_passes():
    """Every queued task is due (its retry delay has gone by)."""
    DBTaskResult.objects.filter(status=READY).update(run_after=timezone.now())


def results():
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_a_failing_task_runs_again_later_each_time_until_it_succeeds(db, queue):
    fails_twice.enqueue()
    run_due_tasks()
    first, second = results()
    time_passes()
    run_due_tasks()
    _first, _second, third = results()
    waited = [second.run_after - first.finished_at, third.run_after - _second.finished_at]
    time_passes()
    run_due_tasks()

    assert [(r.status, r.args_kwargs["kwargs"], r.return_value) for r in results()] == [
        (FAILED, {}, None),
        (FAILED, {"attempt": 2}, None),
        (SUCCESSFUL, {"attempt": 3}, 3),
    ]
    assert [r.exception_class_path for r in results()] == [
        "builtins.OSError",
        "builtins.OSError",
        "",
    ]
    # 30 seconds after the first failure, 60 after the second (and the moment it took).
    assert [round(delay.total_seconds()) for delay in waited] == [30, 60]


def test_a_task_that_always_fails_stops_failed_for_the_secretariat_to_see(
    client, db, queue, secretariat
):
    always_fails.enqueue()
    for _run in range(5):
        run_due_tasks()
        time_passes()

    assert [(r.status, r.args_kwargs["kwargs"]) for r in results()] == [
        (FAILED, {}),
        (FAILED, {"attempt": 2}),
        (FAILED, {"attempt": 3}),
    ]
    client.force_login(secretariat)
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    response = client.get(url, {"status__exact": FAILED})
    assert [result.pk for result in response.context["cl"].result_list] == [
        result.pk for result in reversed(results())
    ]
    last = results()[-1]
    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[last.pk]))
    assert "OSError: Attempt 3 failed." in page.content.decode()


def test_the_immediate_backend_runs_a_failed_task_again_at_once(db, settings):
    settings.TASKS_MAX_ATTEMPTS = 5
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append((task_result.kwargs.get("attempt", 1), task_result.status))

    task_finished.connect(record)
    try:
        fails_twice.enqueue()
    finally:
        task_finished.disconnect(record)

    # The runs are nested: each retry finishes before the run that failed returns.
    assert finished == [(3, SUCCESSFUL), (2, FAILED), (1, FAILED)]


def test_mail_a_server_refused_is_sent_by_a_later_attempt(
    db, queue, settings, meeting, delegate_a, mailoutbox
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, title="Work plan")
    notify_on_commit("submitted", contribution, [delegate_a])
    settings.EMAIL_BACKEND = "tests.test_tasks.RefusingBackend"
    run_due_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_passes()
    run_due_tasks()

    assert [(r.status, r.exception_class_path) for r in results()] == [
        (FAILED, "smtplib.SMTPServerDisconnected"),
        (SUCCESSFUL, ""),
    ]
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["delegate-a@example.org"], "Submitted: Work plan")
    ]


def test_a_task_whose_worker_died_is_queued_again(db, queue, settings):
    settings.TASKS_STALE_AFTER = 600
    stale, fresh = fails_twice.enqueue(), fails_twice.enqueue()
    now = timezone.now()
    for result, started in [(stale, 601), (fresh, 599)]:
        row = DBTaskResult.objects.get(pk=result.id)
        row.claim("a-worker-that-died")
        row.started_at = now - datetime.timedelta(seconds=started)
        row.save(update_fields=["started_at"])
    out = io.StringIO()

    call_command("recover_tasks", stdout=out)

    assert out.getvalue() == "1 task(s) queued again.\n"
    assert {str(r.pk): r.status for r in results()} == {stale.id: READY, fresh.id: RUNNING}


@pytest.mark.postgresql
def test_a_worker_process_runs_what_the_site_queued(
    transactional_db, settings, meeting, author, secretariat
):
    settings.TASKS = DATABASE_QUEUE
    document = publish_document(meeting, delegate=author, secretariat=secretariat, title="Roaming")
    assert SearchEntry.objects.filter(contribution=document).count() == 0
    database = connection.settings_dict

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "egitrs.settings",
            "DATABASE_URL": (
                f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
                f"{database['NAME']}"
            ),
            "TASKS_BACKEND": "database",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert worker.returncode == 0, worker.stderr
    assert [e.title for e in SearchEntry.objects.filter(contribution=document)] == [
        f"{document.register_number} Roaming"
    ]
    # The index, and the mail of the submission (to the author and the secretariat) and
    # of the publication (to the author).
    assert sorted((r.task_path, r.status) for r in results()) == [
        ("contributions.tasks.index_documents_task", SUCCESSFUL),
        *[("contributions.tasks.send_notification_task", SUCCESSFUL)] * 3,
    ]
