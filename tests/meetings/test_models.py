"""Meeting dates: the contribution deadline and when a meeting takes contributions."""

import datetime

import pytest

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from tests import factories

UTC = datetime.UTC


def _meeting(group, start, end=None, **fields):
    return factories.MeetingFactory(group=group, start_date=start, end_date=end or start, **fields)


def test_default_deadline_in_winter_is_23_59_zurich_time(group):
    meeting = _meeting(group, datetime.date(2024, 1, 29), datetime.date(2024, 1, 30))
    meeting.refresh_from_db()
    # 17 January 2024, 23:59 CET (UTC+1).
    assert meeting.contribution_deadline == datetime.datetime(2024, 1, 17, 22, 59, tzinfo=UTC)
    assert meeting.contribution_deadline.astimezone(meeting.tz).isoformat() == (
        "2024-01-17T23:59:00+01:00"
    )


def test_default_deadline_in_summer_time_for_a_meeting_opening_in_winter(group):
    # Opens on Monday 6 November 2023 (CET); 12 days earlier is 25 October 2023 (CEST).
    meeting = _meeting(group, datetime.date(2023, 11, 6))
    meeting.refresh_from_db()
    assert meeting.contribution_deadline == datetime.datetime(2023, 10, 25, 21, 59, tzinfo=UTC)
    assert meeting.contribution_deadline.astimezone(meeting.tz).isoformat() == (
        "2023-10-25T23:59:00+02:00"
    )


def test_default_deadline_of_the_seed_reports_first_meeting(group):
    meeting = _meeting(group, datetime.date(2023, 10, 16))
    meeting.refresh_from_db()
    # 4 October 2023, 23:59 CEST.
    assert meeting.contribution_deadline == datetime.datetime(2023, 10, 4, 21, 59, tzinfo=UTC)


def test_default_deadline_follows_the_meetings_own_time_zone(group):
    meeting = _meeting(group, datetime.date(2024, 7, 15), time_zone="America/New_York")
    meeting.refresh_from_db()
    # 3 July 2024, 23:59 EDT (UTC-4).
    assert meeting.contribution_deadline == datetime.datetime(2024, 7, 4, 3, 59, tzinfo=UTC)


def test_a_deadline_set_by_the_secretariat_is_kept(group):
    deadline = datetime.datetime(2024, 1, 10, 12, 0, tzinfo=UTC)
    meeting = _meeting(group, datetime.date(2024, 1, 29), contribution_deadline=deadline)
    meeting.refresh_from_db()
    assert meeting.contribution_deadline == deadline


@pytest.mark.parametrize(
    ("offset", "late"),
    [
        (datetime.timedelta(seconds=-1), False),
        (datetime.timedelta(0), False),
        (datetime.timedelta(seconds=1), True),
    ],
)
def test_is_late_around_the_deadline(group, offset, late):
    meeting = _meeting(group, datetime.date(2024, 1, 29))
    deadline = datetime.datetime(2024, 1, 17, 22, 59, tzinfo=UTC)
    assert meeting.is_late(at=deadline + offset) is late


@pytest.mark.parametrize(
    ("now", "accepts"),
    [
        # 30 January 2024 is the last day; Geneva is UTC+1 in winter.
        (datetime.datetime(2024, 1, 29, 8, 0, tzinfo=UTC), True),
        (datetime.datetime(2024, 1, 30, 22, 59, 59, tzinfo=UTC), True),
        (datetime.datetime(2024, 1, 30, 23, 0, 0, tzinfo=UTC), False),
        (datetime.datetime(2024, 2, 5, 12, 0, tzinfo=UTC), False),
        # Long before the meeting, contributions are welcome (only late).
        (datetime.datetime(2023, 12, 1, 12, 0, tzinfo=UTC), True),
    ],
)
def test_accepts_contributions_until_the_last_day_in_meeting_time(group, now, accepts):
    meeting = _meeting(group, datetime.date(2024, 1, 29), datetime.date(2024, 1, 30))
    assert meeting.accepts_contributions(now=now) is accepts


def test_last_day_ends_at_midnight_of_the_meetings_time_zone(group):
    meeting = _meeting(
        group,
        datetime.date(2024, 1, 29),
        datetime.date(2024, 1, 30),
        time_zone="Pacific/Auckland",
    )
    # Midnight in Auckland (UTC+13 in January) is 11:00 UTC the day before.
    assert meeting.accepts_contributions(
        now=datetime.datetime(2024, 1, 30, 10, 59, 59, tzinfo=UTC)
    )
    assert not meeting.accepts_contributions(
        now=datetime.datetime(2024, 1, 30, 11, 0, 0, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("status", "accepts"),
    [
        (MeetingStatus.PLANNED, False),
        (MeetingStatus.OPEN, True),
        (MeetingStatus.CLOSED, False),
        (MeetingStatus.HELD, False),
    ],
)
def test_only_an_open_meeting_accepts_contributions(group, status, accepts):
    meeting = _meeting(group, datetime.date(2024, 1, 29), status=status)
    now = datetime.datetime(2024, 1, 20, 12, 0, tzinfo=UTC)
    assert meeting.accepts_contributions(now=now) is accepts


def test_meeting_title_and_str(group):
    meeting = _meeting(group, datetime.date(2024, 1, 29), ordinal=2)
    assert str(meeting) == "EG-ITRs meeting 2"
    assert isinstance(str(meeting), str)


def test_open_for_contributions_queryset(group):
    open_meeting = factories.MeetingFactory(group=group)
    factories.MeetingFactory(group=group, status=MeetingStatus.PLANNED)
    factories.MeetingFactory(
        group=group, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    assert list(Meeting.objects.open_for_contributions()) == [open_meeting]
