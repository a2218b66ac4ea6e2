"""Meeting dates: the contribution deadline and when a meeting takes contributions."""

import datetime
import zoneinfo

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
    assert meeting.accepts_contributions(at=now) is accepts


def test_last_day_ends_at_midnight_of_the_meetings_time_zone(group):
    meeting = _meeting(
        group,
        datetime.date(2024, 1, 29),
        datetime.date(2024, 1, 30),
        time_zone="Pacific/Auckland",
    )
    # Midnight in Auckland (UTC+13 in January) is 11:00 UTC the day before.
    assert meeting.accepts_contributions(at=datetime.datetime(2024, 1, 30, 10, 59, 59, tzinfo=UTC))
    assert not meeting.accepts_contributions(
        at=datetime.datetime(2024, 1, 30, 11, 0, 0, tzinfo=UTC)
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
    assert meeting.accepts_contributions(at=now) is accepts


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
    assert Meeting.objects.open_for_contributions() == [open_meeting]


# Deadline edges, one second either side, in meeting time zones other than UTC.

SECOND = datetime.timedelta(seconds=1)


def test_contribution_deadline_in_tokyo_one_second_either_side(group):
    meeting = _meeting(group, datetime.date(2024, 7, 15), time_zone="Asia/Tokyo")
    meeting.refresh_from_db()
    # 3 July 2024, 23:59 JST (UTC+9, no daylight-saving time).
    deadline = datetime.datetime(2024, 7, 3, 14, 59, tzinfo=UTC)
    assert meeting.contribution_deadline == deadline
    assert meeting.is_late(at=deadline - SECOND) is False
    assert meeting.is_late(at=deadline) is False
    assert meeting.is_late(at=deadline + SECOND) is True


def test_contribution_deadline_before_the_end_of_summer_time_in_zurich(group):
    # The deadline (25 October 2023, 23:59) is in summer time (CEST, UTC+2); the meeting
    # (6 November) is in winter time (CET, UTC+1). The deadline keeps its summer offset.
    meeting = _meeting(group, datetime.date(2023, 11, 6))
    meeting.refresh_from_db()
    deadline = datetime.datetime(2023, 10, 25, 21, 59, tzinfo=UTC)
    assert meeting.is_late(at=deadline - SECOND) is False
    assert meeting.is_late(at=deadline + SECOND) is True
    # 23:30 on the deadline day in the meeting's winter offset is already 00:30 CEST.
    assert meeting.is_late(at=datetime.datetime(2023, 10, 25, 22, 30, tzinfo=UTC)) is True


def test_translation_deadline_in_new_york_one_second_either_side(group):
    # 1 March 2024, 17:00 EST (UTC-5); the meeting opens after the switch to EDT.
    deadline = datetime.datetime(2024, 3, 1, 17, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    meeting = _meeting(
        group,
        datetime.date(2024, 3, 18),
        time_zone="America/New_York",
        translation_deadline=deadline,
    )
    meeting.refresh_from_db()
    assert meeting.translation_deadline == datetime.datetime(2024, 3, 1, 22, 0, tzinfo=UTC)
    assert meeting.is_after_translation_deadline(at=deadline - SECOND) is False
    assert meeting.is_after_translation_deadline(at=deadline) is False
    assert meeting.is_after_translation_deadline(at=deadline + SECOND) is True


def test_no_translation_deadline_means_never_after_it(group):
    meeting = _meeting(group, datetime.date(2024, 1, 29))
    assert meeting.is_after_translation_deadline(at=datetime.datetime(2030, 1, 1, tzinfo=UTC)) is (
        False
    )


def test_has_ended_after_the_last_day_in_tokyo(group):
    meeting = _meeting(group, datetime.date(2024, 7, 15), time_zone="Asia/Tokyo")
    # Midnight at the end of 15 July in Tokyo is 15:00 UTC that day.
    midnight = datetime.datetime(2024, 7, 15, 15, 0, tzinfo=UTC)
    assert meeting.has_ended(at=midnight - SECOND) is False
    assert meeting.has_ended(at=midnight) is True


def test_deadlines_as_delegates_see_them(group):
    translation = datetime.datetime(2024, 1, 8, 12, 0, tzinfo=UTC)
    meeting = _meeting(group, datetime.date(2024, 1, 29), translation_deadline=translation)
    meeting.refresh_from_db()
    now = datetime.datetime(2024, 1, 10, 12, 0, tzinfo=UTC)

    deadlines = meeting.deadlines(now=now)

    assert [
        (str(deadline.label), deadline.at, deadline.passed, deadline.time_zone)
        for deadline in deadlines
    ] == [
        ("Contribution deadline", meeting.contribution_deadline, False, "Europe/Zurich"),
        ("Translation deadline", translation, True, "Europe/Zurich"),
    ]
    meeting.translation_deadline = None
    assert [str(deadline.label) for deadline in meeting.deadlines(now=now)] == [
        "Contribution deadline"
    ]


def test_a_time_as_the_meeting_reads_it(group):
    tokyo = factories.MeetingFactory(group=group, time_zone="Asia/Tokyo")
    geneva = factories.MeetingFactory(group=group, time_zone="Europe/Zurich")
    moment = datetime.datetime(2024, 1, 30, 15, 0, tzinfo=datetime.UTC)

    assert [tokyo.local_time(moment), geneva.local_time(moment), tokyo.local_time(None)] == [
        "31 January 2024, 00:00 JST",
        "30 January 2024, 16:00 CET",
        "",
    ]
