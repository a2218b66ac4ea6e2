"""Today's chapter: the demo's third meeting is in session on the day the demo is loaded.

`demo/history.json` tells the story as it stands on its reference day, 1 December 2026:
the past (the two meetings of the seed report, the approval and publication of the
progress report to Council 2024) and the third meeting, in session since the day before.
`for_day` moves that chapter, every date and time in it from 1 October 2026 on, by whole
days to the day the demo is loaded; extends the group's period when the meeting would end
after it; and gives each work plan item the status the records support on that day.
"""

import copy
import datetime
import re
import zoneinfo

from history.format import instants, parse_date, parse_instant

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
REFERENCE_DAY = datetime.date(2026, 12, 1)
CHAPTER_START = datetime.date(2026, 10, 1)
DATE_FIELDS = {"start_date", "end_date", "date"}
# The ITU Council meets in the first half of the year; the demo does not know the dates of
# each session, so a session "C25" is taken as over at the end of June 2025.
SESSION_OVER = (6, 30)
COUNCIL_SESSION = re.compile(r"^C(?P<year>[0-9]{2})$")


def for_day(story, day):
    """The history `story` with today's chapter set on `day` (a date); `story` is unchanged.

    Raises ValueError for a day on which the chapter would begin before the past ends.
    """
    story = copy.deepcopy(story)
    days = (day - REFERENCE_DAY).days
    past_end = max(
        (at for at in instants(story) if at.astimezone(GENEVA).date() < CHAPTER_START),
        default=None,
    )
    if past_end and CHAPTER_START + datetime.timedelta(days=days) <= past_end.date():
        raise ValueError(
            f"The demo's past ends on {past_end.date():%d %B %Y}: its third meeting cannot be "
            f"in session on {day:%d %B %Y}."
        )
    for group in story["groups"]:
        _move(group, days)
        _extend_period(group)
        _set_item_statuses(group, day)
    return story


def _is_time(key):
    return key.endswith("_at") or key.endswith("deadline")


def _move(value, days):
    """Every date and time of the chapter in `value`, `days` later (wall-clock in Geneva)."""
    if isinstance(value, list):
        for item in value:
            _move(item, days)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if isinstance(item, str) and _is_time(key):
            local = parse_instant(item).astimezone(GENEVA)
            if local.date() >= CHAPTER_START:
                moved = datetime.datetime.combine(
                    local.date() + datetime.timedelta(days=days), local.time(), GENEVA
                )
                value[key] = moved.isoformat()
        elif isinstance(item, str) and key in DATE_FIELDS:
            if parse_date(item) >= CHAPTER_START:
                value[key] = (parse_date(item) + datetime.timedelta(days=days)).isoformat()
        else:
            _move(item, days)


def _extend_period(group):
    """The group's period runs at least to the end of the year its last meeting ends."""
    last = max(parse_date(meeting["end_date"]) for meeting in group["meetings"])
    if "period_end" in group and parse_date(group["period_end"]) < last:
        group["period_end"] = datetime.date(last.year, 12, 31).isoformat()


def _session_over(session, day):
    """Whether the Council's session "C25" is over on `day` (see SESSION_OVER)."""
    year = 2000 + int(COUNCIL_SESSION.match(session)["year"])
    return day > datetime.date(year, *SESSION_OVER)


def _set_item_statuses(group, day):
    """What became of each work plan item, from the records, on `day`.

    An item for a meeting is done once the meeting is held, in progress while it is open
    or closed, planned before. An item for a session of the parent body is done when the
    group's report to that session is published, dropped when the session is over without
    one, planned before.
    """
    meetings = {meeting["number"]: meeting["status"] for meeting in group["meetings"]}
    reported = {
        report["parent_body_document"].split("/")[0]
        for report in group.get("reports", [])
        if report["status"] == "published" and report.get("parent_body_document")
    }
    for plan in group.get("work_plans", []):
        for item in plan.get("items", []):
            if "target_meeting" in item:
                status = meetings[item["target_meeting"]]
                item["status"] = {"held": "done", "planned": "planned"}.get(status, "in_progress")
            elif COUNCIL_SESSION.match(item.get("target_session", "")):
                session = item["target_session"]
                if session in reported:
                    item["status"] = "done"
                elif _session_over(session, day):
                    item["status"] = "dropped"
                else:
                    item["status"] = "planned"
