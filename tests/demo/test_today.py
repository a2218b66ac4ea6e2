"""Whatever the day the demo is loaded, its third meeting is in session and the rest fits."""

import datetime
import zoneinfo

import pytest

from demo.loader import load_demo, story
from demo.today import for_day
from history.format import instants, parse_instant
from meetings.models import ExpertGroup
from proceedings.models import WorkPlan

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
DAYS = [
    datetime.date(2026, 12, 1),  # the file's own day
    datetime.date(2027, 3, 29),  # the day after the clocks change in Geneva
    datetime.date(2031, 12, 31),  # the meeting ends in the next year
]


def group_of(data):
    return data["groups"][0]


def statuses(data):
    approved = next(p for p in group_of(data)["work_plans"] if p["status"] == "approved")
    return [item["status"] for item in approved["items"]]


@pytest.mark.parametrize("day", DAYS)
def test_the_third_meeting_is_in_session_on_the_day_and_nothing_is_later(day):
    data = for_day(story(), day)
    group = group_of(data)
    third = group["meetings"][2]
    start_of_day = datetime.datetime.combine(day, datetime.time(0), GENEVA)

    assert (third["start_date"], third["end_date"]) == (
        (day - datetime.timedelta(days=1)).isoformat(),
        (day + datetime.timedelta(days=1)).isoformat(),
    )
    # Its deadline was twelve days before it opened, at 23:59 in Geneva, whatever the season.
    deadline = parse_instant(third["contribution_deadline"]).astimezone(GENEVA)
    assert (deadline.date(), deadline.time()) == (
        day - datetime.timedelta(days=13),
        datetime.time(23, 59),
    )
    assert max(instants(data)) < start_of_day
    assert group["period_start"] <= group["meetings"][0]["start_date"]
    assert third["end_date"] <= group["period_end"]


def test_the_past_does_not_move():
    written = group_of(story())
    moved = group_of(for_day(story(), datetime.date(2031, 12, 31)))

    assert moved["meetings"][:2] == written["meetings"][:2]
    assert moved["meetings"][2]["created_at"] == written["meetings"][2]["created_at"]
    assert [r for r in moved["reports"] if r.get("meeting") != 3] == [
        r for r in written["reports"] if r.get("meeting") != 3
    ]
    assert (written["period_end"], moved["period_end"]) == ("2026-12-31", "2032-12-31")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # C24 had its report; C25 and C26 are ahead, then over without a report.
        (datetime.date(2025, 3, 1), ["done", "planned", "planned"]),
        (datetime.date(2025, 9, 1), ["done", "dropped", "planned"]),
        (datetime.date(2026, 12, 1), ["done", "dropped", "dropped"]),
    ],
)
def test_work_plan_items_fit_the_day(day, expected):
    assert statuses(for_day(story(), day)) == [*expected, *["in_progress"] * 3]


def test_a_day_before_the_past_ends_is_refused():
    with pytest.raises(ValueError, match="The demo's past ends on 22 April 2024"):
        for_day(story(), datetime.date(2024, 5, 1))


def test_the_demo_loads_on_another_day(db):
    now = datetime.datetime(2031, 12, 31, 7, 0, tzinfo=datetime.UTC)

    assert load_demo(now=now)

    group = ExpertGroup.objects.get(slug="eg-itrs")
    third = group.meetings.get(ordinal=3)
    assert (third.start_date, third.end_date, group.period_end) == (
        datetime.date(2031, 12, 30),
        datetime.date(2032, 1, 1),
        datetime.date(2032, 12, 31),
    )
    assert third.accepts_contributions(at=now)
    approved = WorkPlan.objects.get(group=group, status="approved")
    assert [item.status for item in approved.items.all()] == [
        "done",
        "dropped",
        "dropped",
        *["in_progress"] * 3,
    ]
