"""Bad history files: every problem reported with its place, in the secretariat's words."""

import pytest

from history.reader import validate
from history.validation import HistoryInvalid, Problem, parse_json
from tests import factories
from tests.history.histories import second_history, write_files

G = "/groups/0"
M1 = f"{G}/meetings/0"
M2 = f"{G}/meetings/1"


def meeting(history, index):
    return history["groups"][0]["meetings"][index]


def document(history, meeting_index, index):
    return meeting(history, meeting_index)["documents"][index]


@pytest.fixture
def folder(tmp_path, db):
    write_files(tmp_path, second_history())
    return tmp_path


def test_the_second_history_is_valid(folder):
    assert validate(second_history(), folder) == []


def test_not_json_says_where_it_breaks():
    with pytest.raises(HistoryInvalid) as refused:
        parse_json(b'{"format": "egitrs-history" "version": 1}')

    assert refused.value.problems == [
        Problem("", "The file is not valid JSON: Expecting ',' delimiter at line 1, column 29.")
    ]


def test_not_utf8():
    with pytest.raises(HistoryInvalid, match="not UTF-8"):
        parse_json(b"\xff\xfe{}")


def _set(path, value):
    def change(history):
        *parents, last = path
        target = history
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _drop(path):
    def change(history):
        *parents, last = path
        target = history
        for key in parents:
            target = target[key]
        del target[last]

    return change


DOC = ("groups", 0, "meetings", 1, "documents")

CASES = {
    "another format": (
        _set(("format",), "something-else"),
        [Problem("/format", "This is not a history file: “format” must be “egitrs-history”.")],
    ),
    "a later version": (
        _set(("version",), 2),
        [
            Problem(
                "/version",
                "Version 2 of the history format is unknown here; this application reads "
                "version 1.",
            )
        ],
    ),
    "a missing title and an unknown field": (
        lambda h: (document(h, 0, 1).pop("title"), document(h, 0, 1).update(colour="red")),
        [
            Problem(f"{M1}/documents/1", "“title” is missing."),
            Problem(f"{M1}/documents/1/colour", "“colour” is not a field of this entry."),
        ],
    ),
    "an unknown outcome": (
        _set(("groups", 0, "meetings", 0, "decisions", 0, "outcome"), "adopted"),
        [
            Problem(
                f"{M1}/decisions/0/outcome",
                "“adopted” is not one of: approved, approved_with_understanding, noted, "
                "no_consensus, deferred, not_approved.",
            )
        ],
    ),
    "dates and times badly written": (
        lambda h: (
            meeting(h, 0).update(start_date="15/03/2021"),
            document(h, 0, 0).update(published_at="2021-02-01 10:00"),
        ),
        [
            Problem(
                f"{M1}/documents/0/published_at",
                "“2021-02-01 10:00” is not a time with "
                "its UTC offset, such as 2024-01-30T16:00:00Z.",
            ),
            Problem(f"{M1}/start_date", "“15/03/2021” is not a date written YYYY-MM-DD."),
        ],
    ),
    "a date that does not exist": (
        _set(("groups", 0, "period_end"), "2021-02-30"),
        [Problem(f"{G}/period_end", "“2021-02-30” is not a real date.")],
    ),
    "a register number badly written": (
        _set((*DOC, 1, "number"), "2/20"),
        [
            Problem(
                f"{M2}/documents/1/number",
                "“2/20” is not a register number such as “EG-ITRs 2/20” or "
                "“EG-ITRs 2/20 (Rev.1)”.",
            )
        ],
    ),
    "an unknown organization": (
        _set((*DOC, 4, "sources", 1, "organization"), "Atlantis"),
        [
            Problem(
                f"{M2}/documents/4/sources/1/organization",
                "Unknown organization “Atlantis”: neither an ITU Member State (by name or ISO "
                "code) nor declared under /organizations.",
            )
        ],
    ),
    "a number used twice": (
        _set((*DOC, 0, "number"), "EG-DWM 2/21"),
        [
            Problem(
                f"{M2}/documents/4/number",
                "EG-DWM 2/21 is used twice (also at /groups/0/meetings/1/documents/0).",
            )
        ],
    ),
    "a number of another meeting": (
        _set((*DOC, 0, "number"), "EG-DWM 1/9"),
        [
            Problem(
                f"{M2}/documents/0/number",
                "EG-DWM 1/9 is listed under meeting 2 of EG-DWM: its number says otherwise.",
            )
        ],
    ),
    "a decision on another meeting's agenda item": (
        _set(("groups", 0, "meetings", 0, "decisions", 1, "agenda_item"), "3.1"),
        [
            Problem(
                f"{M1}/decisions/1/agenda_item",
                "Agenda item 3.1 is not on the agenda of meeting 1: a decision is taken on an "
                "item of its own meeting.",
            )
        ],
    ),
    "a decision on another meeting's document": (
        _set(("groups", 0, "meetings", 1, "decisions", 1, "documents"), ["EG-DWM 1/2"]),
        [
            Problem(
                f"{M2}/decisions/1/documents/0",
                "EG-DWM 1/2 is a document of meeting 1; a decision of meeting 2 concerns "
                "documents of its own meeting.",
            )
        ],
    ),
    "dates out of order": (
        lambda h: (
            meeting(h, 1).update(end_date="2021-09-19"),
            document(h, 0, 1).update(published_at="2021-02-19T15:00:00Z"),
        ),
        [
            Problem(f"{M1}/documents/1/published_at", "The document's dates are out of order."),
            Problem(f"{M2}/end_date", "The meeting closes before it opens."),
        ],
    ),
    "meetings out of order": (
        _set(("groups", 0, "meetings", 1, "start_date"), "2021-03-01"),
        [
            Problem(
                f"{M2}/start_date",
                "Meeting 2 opens before meeting 1, which comes before it.",
            )
        ],
    ),
    "a meeting outside the group's period": (
        lambda h: meeting(h, 1).update(start_date="2022-01-10", end_date="2022-01-10"),
        [Problem(f"{M2}/start_date", "Meeting 2 is outside the group's period.")],
    ),
    "a late document said not late": (
        _drop((*DOC, 5, "late")),
        [
            Problem(
                f"{M2}/documents/5/late",
                "Submitted at 2021-09-21 14:00 UTC with the deadline at 2021-09-08 03:59 UTC, "
                "the document is late; the file says otherwise.",
            )
        ],
    ),
    "a file that is not there, one out of the folder, one that differs": (
        lambda h: (
            document(h, 0, 0)["files"][0].update(path="files/nowhere.docx"),
            document(h, 0, 1)["files"][0].update(path="../../etc/passwd"),
            document(h, 0, 2)["files"][0].update(sha256="0" * 64),
        ),
        [
            Problem(
                f"{M1}/documents/0/files/0/path",
                "There is no file “files/nowhere.docx” beside the history file.",
            ),
            Problem(
                f"{M1}/documents/1/files/0/path",
                "The path “../../etc/passwd” leads out of the history's folder; give it "
                "relative to the history file, without “..”.",
            ),
            Problem(
                f"{M1}/documents/2/files/0/path",
                "The file “files/EG-DWM-1-3-E.pdf” is not the one the history names: its "
                "SHA-256 differs.",
            ),
        ],
    ),
    "a report approved by a no-consensus decision": (
        _set(("groups", 0, "reports", 1, "approved_by", "decision"), 3),
        [
            Problem(
                f"{G}/reports/1/approved_by",
                "Decision 3 of meeting 2 is recorded as “No consensus”: it approves no report.",
            )
        ],
    ),
    "a decision that does not exist": (
        _set(("groups", 0, "work_plans", 1, "approved_by", "decision"), 9),
        [Problem(f"{G}/work_plans/1/approved_by", "Meeting 2 has no decision 9.")],
    ),
    "work plan versions out of order": (
        lambda h: h["groups"][0]["work_plans"].reverse(),
        [
            Problem(
                f"{G}/work_plans/0/version",
                "Work plan versions are numbered 1, 2, 3 … in the order of the list: this one "
                "is version 1.",
            ),
            Problem(
                f"{G}/work_plans/1/status",
                "A work plan is superseded by a later approved version; there is none.",
            ),
            Problem(
                f"{G}/work_plans/1/version",
                "Work plan versions are numbered 1, 2, 3 … in the order of the list: this one "
                "is version 2.",
            ),
        ],
    ),
    "a Corr.2 without a Corr.1": (
        _set((*DOC, 3, "number"), "EG-DWM 2/20 (Corr.2)"),
        [
            Problem(
                f"{M2}/documents/3/number",
                "EG-DWM 2/20 (Corr.2) should be Corr.1: the Corr. numbers of EG-DWM 2/20 "
                "follow the order of publication from 1.",
            )
        ],
    ),
    "an amendment of a document not in the register": (
        _set((*DOC, 3, "number"), "EG-DWM 2/30 (Corr.1)"),
        [
            Problem(
                f"{M2}/documents/3/number",
                "EG-DWM 2/30 (Corr.1) amends EG-DWM 2/30, which is not in the register.",
            )
        ],
    ),
    "a confirmation nobody gave": (
        _drop((*DOC[:3], 0, "documents", 1, "sources", 1, "reason")),
        [
            Problem(
                f"{M1}/documents/1/sources/1",
                "A confirmed co-sponsorship names the delegate who confirmed (“by”) or the "
                "secretariat's reason (“reason”).",
            )
        ],
    ),
    "a statement annexed twice": (
        lambda h: h["groups"][0]["reports"][0].update(
            annexes=[{"statement": {"meeting": 2, "statement": 1}, "number": 1}]
        ),
        [
            Problem(
                f"{G}/reports/1/annexes/0/statement",
                "This statement is already annexed at /groups/0/reports/0/annexes/0.",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_file_reports_every_problem_with_its_place(folder, case):
    change, expected = CASES[case]
    history = second_history()
    change(history)

    assert validate(history, folder) == expected


def test_a_group_already_in_the_application_is_refused(folder):
    factories.ExpertGroupFactory(acronym="EG-DWM", slug="eg-dwm")

    assert validate(second_history(), folder) == [
        Problem(
            f"{G}/acronym",
            "The application already has a group EG-DWM: a history brings in new groups only.",
        ),
        Problem(f"{G}/slug", "The address “eg-dwm” is already taken."),
    ]
