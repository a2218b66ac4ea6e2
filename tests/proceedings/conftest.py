"""Proceedings rows built directly with the ORM: the proceedings services come later."""

import datetime

import pytest

from proceedings.enums import Outcome, ReportKind, ReportStatus
from proceedings.models import Decision, Report, Statement
from tests import factories


def make_decision(meeting, *, subject="Work plan", outcome=Outcome.APPROVED, order=0, **fields):
    return Decision.objects.create(
        meeting=meeting, subject=subject, outcome=outcome, order=order, **fields
    )


def make_statement(meeting, *, organizations, title="Statement", **fields):
    statement = Statement.objects.create(meeting=meeting, title=title, **fields)
    statement.organizations.set(organizations)
    return statement


def make_report(group, *, title="Report", status=ReportStatus.PUBLISHED, **fields):
    fields.setdefault("kind", ReportKind.MEETING if fields.get("meeting") else ReportKind.PROGRESS)
    return Report.objects.create(group=group, title=title, status=status, **fields)


@pytest.fixture
def held_meeting(group):
    """A one-day meeting that took place, closed for contributions."""
    day = datetime.date(2023, 10, 16)
    return factories.MeetingFactory(group=group, start_date=day, end_date=day, status="held")
