"""Proceedings records for the tests, made through the services as the secretariat makes them.

`make_report` alone writes its row with the ORM: approving a report renders its PDF, which
the many tests that only need a report in some status should not pay for.
"""

import datetime

import pytest

from proceedings import services
from proceedings.enums import Outcome, ReportKind, ReportStatus
from proceedings.models import Report, Statement
from tests import factories


def _secretariat():
    return factories.SecretariatUserFactory(username="recorder")


def make_decision(meeting, *, subject="Work plan", outcome=Outcome.APPROVED, order=0, **fields):
    return services.record_decision(
        meeting=meeting, by=_secretariat(), subject=subject, outcome=outcome, order=order, **fields
    )


def make_statement(
    meeting, *, organizations, title="Statement", report=None, annex_number=None, **fields
):
    """A statement recorded by the services; `report` and `annex_number` annex it to a
    report made by `make_report` in any status (the services annex to drafts only)."""
    fields.setdefault("text", f"{title}.")
    statement = services.record_statement(
        meeting=meeting, by=_secretariat(), organizations=organizations, title=title, **fields
    )
    if report is not None:
        Statement.objects.filter(pk=statement.pk).update(report=report, annex_number=annex_number)
        statement.refresh_from_db()
    return statement


def make_report(group, *, title="Report", status=ReportStatus.PUBLISHED, **fields):
    fields.setdefault("kind", ReportKind.MEETING if fields.get("meeting") else ReportKind.PROGRESS)
    return Report.objects.create(group=group, title=title, status=status, **fields)


@pytest.fixture
def held_meeting(group):
    """A one-day meeting that took place, closed for contributions."""
    day = datetime.date(2023, 10, 16)
    return factories.MeetingFactory(group=group, start_date=day, end_date=day, status="held")
