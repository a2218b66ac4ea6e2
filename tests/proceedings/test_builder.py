"""The report builder: the demo's reports read like the seed, and other records read right."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from proceedings.enums import ReportKind
from proceedings.models import Report
from proceedings.reports import (
    Annex,
    HeaderField,
    Paragraph,
    Table,
    build_report,
)
from tests.demo import seed

SEED_2_1 = (
    "The EG-ITRs held its first and second meetings at the ITU Headquarters in Geneva, "
    "Switzerland, on 16 October 2023 and 29-30 January 2024, respectively."
)
SEED_2_2 = "The Reports of the first and second meeting of EG-ITRs were approved by the Group."
# §2.3: the facts of the seed, the decision's sentence first and then the wording agreed.
SEED_2_3 = (
    "In the first meeting of the EG-ITRs, no consensus was reached on the work plan. The Group "
    "deliberated on the contributions received, with the discussion focusing on the work plan "
    "proposals."
)
# §2.4: the seed's facts, in the active voice (agreement never depends on the subject).
SEED_2_4_APPROVAL = (
    "In the second meeting of the EG-ITRs, the Group approved a work plan with the "
    "understanding that it provides guidance for the work of the Group and does not limit any "
    "members to submit contributions in line with Resolution 146 (Rev. Bucharest, 2022) and "
    "Council Resolution 1379 (Amended 2023)."
)
SEED_2_4_STATEMENT = (
    "A statement from the Russian Federation in this respect is attached as Annex 2 to the "
    "Second Meeting Report."
)
MEETING_2_WORK_PLAN = (
    "The meeting considered Documents EG-ITRs 2/2, EG-ITRs 2/2 (Rev.1), EG-ITRs 2/3 and "
    f"EG-ITRs 2/4. The meeting approved a work plan with the understanding that "
    f"{seed.UNDERSTANDING}. A statement from the Russian Federation in this respect is attached "
    "as Annex 2 to this report."
)
SEED_3_1 = "The Council is invited to note this progress report of the EG-ITRs."
SEED_3_2 = (
    "On behalf of EG-ITRs, the Chair extends her personal thanks to all the ITU Member States "
    "who made contributions and participated in the work of the Group, the Vice-Chairs, the "
    "Secretary-General, Deputy Secretary-General, Directors of TSB, BR, and BDT, and the "
    "General Secretariat for their efficient assistance during the first and second meeting "
    "of the EG-ITRs."
)


# The module's tests read what the fixture built; the mark sets the test database up.
pytestmark = pytest.mark.django_db


def build_demo_reports(media_root):
    """The demo's reports as built, from the demo loaded and rolled back at once.

    The builder writes nothing, so what it built stays true after the rollback: the tests
    that only read the untouched demo share these, and the database stays empty between
    tests. The tests that change records change the second history (`satellite_story`).
    """
    with override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        documents = {
            "progress": build_report(Report.objects.get(kind=ReportKind.PROGRESS)),
            "meeting 1": build_report(Report.objects.get(meeting__ordinal=1)),
            "meeting 2": build_report(Report.objects.get(meeting__ordinal=2)),
        }
        transaction.set_rollback(True)
    return documents


@pytest.fixture(scope="module")
def demo_reports(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        return build_demo_reports(tmp_path_factory.mktemp("media"))


def texts(section):
    return [(paragraph.number, paragraph.text) for paragraph in section.paragraphs]


def test_progress_report_header_is_the_seeds(demo_reports):
    document = demo_reports["progress"]

    assert document.title == "Progress report of the EG-ITRs"
    assert document.header.parent_body_session == "Council 2024"
    assert document.header.document_number == "C24/24"
    assert document.header.original_language == "English"
    assert document.header.author == "Chair of the EG-ITRs"
    # Undated, it took the day of its approval by the second meeting.
    assert document.header.date == "30 January 2024"
    assert document.header_block == [
        HeaderField("Purpose", seed.PURPOSE),
        HeaderField("Action required by the Council", seed.ACTION_REQUIRED),
        HeaderField("Relevant link(s) with the Strategic Plan", seed.STRATEGIC_PLAN_LINKS),
        HeaderField("Financial implications", seed.FINANCIAL_IMPLICATIONS),
        HeaderField(
            "References",
            "Resolution 146 (Rev. Bucharest, 2022); Council Resolution 1379 (Mod. 2023)",
        ),
    ]
    assert [section.number for section in document.sections] == ["1", "2", "3"]
    assert document.annexes == []


def test_introduction_holds_the_mandate_and_the_terms_of_reference(demo_reports):
    introduction = demo_reports["progress"].section("1")

    assert introduction.title == "Introduction"
    assert introduction.paragraphs == [
        Paragraph("1.1", seed.MANDATE),
        Paragraph("1.2", seed.TERMS_OF_REFERENCE_INTRO, seed.TERMS_OF_REFERENCE),
    ]


def test_activities_are_written_from_the_records_as_in_the_seed(demo_reports):
    activities = demo_reports["progress"].section("2")

    assert activities.title == "Activities of the EG-ITRs"
    # The secretariat marked the adoptions of the agendas and the approvals of the reports
    # procedural: the seed recounts only the work plan decisions.
    assert texts(activities) == [
        ("2.1", SEED_2_1),
        ("2.2", SEED_2_2),
        ("2.3", SEED_2_3),
        ("2.4", f"{SEED_2_4_APPROVAL} {SEED_2_4_STATEMENT}"),
    ]


def test_conclusions_ask_the_council_to_note_the_report_and_thank(demo_reports):
    conclusions = demo_reports["progress"].section("3")

    assert conclusions.title == "Conclusions"
    assert texts(conclusions) == [("3.1", SEED_3_1), ("3.2", SEED_3_2)]


# The demo's meeting reports: their sections follow the agenda's own numbers.


def test_meeting_report_sections_follow_the_agenda(demo_reports):
    document = demo_reports["meeting 2"]

    assert document.title == "Report of the second meeting of the EG-ITRs"
    assert document.header.document_number == "EG-ITRs-2/REP"
    assert document.header.meeting == "Second meeting, Geneva, 29-30 January 2024"
    assert document.header.date == "30 January 2024"
    assert [(section.number, section.title) for section in document.sections] == [
        ("1", "Opening of the meeting"),
        ("2", "Adoption of the agenda"),
        ("3", "Approval of the report of the first meeting"),
        ("4", "Consideration of contributions and of the draft work plan"),
        ("5", "Any other business"),
        ("6", "Approval of the report of the meeting"),
        ("7", "Closing of the meeting"),
    ]
    assert texts(document.section("1")) == [
        (
            "1.1",
            "The second meeting of the EG-ITRs was held at the ITU Headquarters in Geneva, "
            "Switzerland, on 29-30 January 2024.",
        ),
        (
            "1.2",
            "The meeting was attended by 4 participants. 3 organizations were represented. "
            "The list of participants is in Annex 3.",
        ),
    ]
    assert document.section("2").paragraphs == [
        Paragraph(
            "2.1",
            "The agenda of the meeting is in Annex 4. The documents were allocated to the "
            "agenda items as follows.",
        ),
        Paragraph(
            "2.2",
            "Agenda item 2, Adoption of the agenda:",
            ["EG-ITRs 2/1, Draft agenda (ITU General Secretariat)"],
        ),
        Paragraph(
            "2.3",
            "Agenda item 4, Consideration of contributions and of the draft work plan:",
            [
                "EG-ITRs 2/2, Draft work plan of the EG-ITRs (ITU General Secretariat)",
                "EG-ITRs 2/2 (Rev.1), Draft work plan of the EG-ITRs (ITU General Secretariat)",
                "EG-ITRs 2/3, Contribution on the work plan of the EG-ITRs (Russian Federation)",
                "EG-ITRs 2/4, Comments on the draft work plan of the EG-ITRs (Brazil, India)",
                f"EG-ITRs 2/5, {seed.STATEMENT_TITLE} (Russian Federation)",
            ],
        ),
        Paragraph(
            "2.4", "The meeting considered Document EG-ITRs 2/1. The meeting approved the agenda."
        ),
    ]
    assert texts(document.section("3")) == [
        ("3.1", "The meeting approved the report of the first meeting.")
    ]
    assert texts(document.section("4")) == [("4.1", MEETING_2_WORK_PLAN)]
    assert texts(document.section("5")) == [
        ("5.1", "The meeting approved the progress report to Council 2024.")
    ]
    assert texts(document.section("7")) == [("7.1", "The meeting closed on 30 January 2024.")]


def test_meeting_report_annexes_hold_the_statement_and_keep_its_number(demo_reports):
    document = demo_reports["meeting 2"]

    assert [(annex.number, annex.title) for annex in document.annexes] == [
        (1, "Work plan of the EG-ITRs"),
        (2, seed.STATEMENT_TITLE),
        (3, "List of participants"),
        (4, "Agenda"),
    ]
    # The statement has no text of its own: the annex holds its document's.
    assert document.annex(2) == Annex(
        2,
        seed.STATEMENT_TITLE,
        [
            seed.STATEMENT_TITLE,
            "Demonstration file: it stands in for the document of this title.",
            "Submitted as Document EG-ITRs 2/5.",
        ],
    )
    assert document.annex(3).table == Table(
        ["Organization", "Name", "Role"],
        [
            ["Brazil", "Head of delegation, Brazil", "Head of delegation"],
            ["Example Telecom Operator", "Observer, Example Telecom Operator", "Observer"],
            ["Russian Federation", "Delegate, Russian Federation", "Delegate"],
            ["Russian Federation", "Head of delegation, Russian Federation", "Head of delegation"],
        ],
    )
    assert document.annex(4).table.rows[-1] == ["7", "Closing of the meeting"]
    work_plan = document.annex(1).table.rows
    assert work_plan[:3] == [
        ["Progress report to Council 2024", "C24"],
        ["Progress report to Council 2025", "C25"],
        ["Final report to Council 2026", "C26"],
    ]


def test_first_meeting_report_says_what_each_item_recorded(demo_reports):
    document = demo_reports["meeting 1"]

    assert [(annex.number, annex.title) for annex in document.annexes] == [
        (1, "List of participants"),
        (2, "Agenda"),
    ]
    assert texts(document.section("3")) == [
        (
            "3.1",
            "The meeting considered Documents EG-ITRs 1/2, EG-ITRs 1/3 and EG-ITRs 1/4. No "
            "consensus was reached on the work plan. The Group deliberated on the contributions "
            "received, with the discussion focusing on the work plan proposals.",
        )
    ]
    assert texts(document.section("4")) == [("4.1", "No other business was raised.")]
    assert texts(document.section("5")) == [
        ("5.1", "The meeting took no decision under this item.")
    ]
    assert texts(document.section("6")) == [("6.1", "The meeting closed on 16 October 2023.")]
