"""The report builder against the demo data: the progress report reads like the seed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from meetings.enums import MeetingFormat
from meetings.models import Meeting
from members.models import Organization
from proceedings.enums import Outcome, ReportKind
from proceedings.models import Decision, Report, ReportParagraph, ReportSection, Statement
from proceedings.reports import (
    Annex,
    HeaderField,
    Paragraph,
    Table,
    build_report,
    format_dates,
    ordinal,
)
from tests.demo import seed

SEED_2_1 = (
    "The EG-ITRs held its first and second meetings at the ITU Headquarters in Geneva, "
    "Switzerland, on 16 October 2023 and 29-30 January 2024, respectively."
)
SEED_2_2 = "The Reports of the first and second meeting of EG-ITRs were approved by the Group."
SEED_2_3 = (
    "In the first meeting of the EG-ITRs, the Group deliberated on the contributions received, "
    "with the discussion focusing on the work plan proposals. No consensus was reached on the "
    "work plan."
)
SEED_2_4_APPROVAL = (
    "In the second meeting of the EG-ITRs, a work plan was approved by the meeting with the "
    "understanding that it provides guidance for the work of the Group and does not limit any "
    "members to submit contributions in line with Resolution 146 (Rev. Bucharest, 2022) and "
    "Council Resolution 1379 (Amended 2023)."
)
SEED_2_4_STATEMENT = (
    "A statement from the Russian Federation in this respect is attached as Annex 2 to the "
    "Second Meeting Report."
)
MEETING_2_WORK_PLAN = (
    f"A work plan was approved by the meeting with the understanding that {seed.UNDERSTANDING}. "
    "The meeting considered Documents EG-ITRs 2/2, EG-ITRs 2/2 (Rev.1), EG-ITRs 2/3 and "
    "EG-ITRs 2/4. A statement "
    "from the Russian Federation in this respect is attached as Annex 2 to this report."
)
SEED_3_1 = "The Council is invited to note this progress report of the EG-ITRs."
SEED_3_2 = (
    "On behalf of EG-ITRs, the Chair extends her personal thanks to all the ITU Member States "
    "who made contributions and participated in the work of the Group, the Vice-Chairs, the "
    "Secretary-General, Deputy Secretary-General, Directors of TSB, BR, and BDT, and the "
    "General Secretariat for their efficient assistance during the first and second meeting "
    "of the EG-ITRs."
)


def build_demo_reports(media_root):
    """The demo's reports as built, from the demo loaded and rolled back at once.

    The builder writes nothing, so what it built stays true after the rollback: the tests
    that only read the untouched demo share these, and the database stays empty between
    tests. The tests that change records load the demo themselves.
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


@pytest.fixture
def progress_report(db):
    call_command("load_demo", stdout=io.StringIO())
    return Report.objects.get(kind=ReportKind.PROGRESS)


def second_meeting():
    return Meeting.objects.get(group__slug="eg-itrs", ordinal=2)


def work_plan_decision(ordinal):
    return Decision.objects.get(
        meeting__ordinal=ordinal,
        subject="Work plan of the EG-ITRs",
        meeting__group__slug="eg-itrs",
    )


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
        HeaderField("Action required by the ITU Council", seed.ACTION_REQUIRED),
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
    # The adoptions of the agendas and the approvals of the reports are procedural:
    # the seed recounts only the work plan decisions.
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


def test_the_free_text_fields_are_the_secretariats(progress_report):
    progress_report.date = datetime.date(2024, 4, 2)
    progress_report.conclusions = ""

    assert build_report(progress_report).header.date == "2 April 2024"

    assert texts(build_report(progress_report).section("3")) == [
        ("3.1", "The Council is invited to note the report.")
    ]

    progress_report.action_required = ""

    assert texts(build_report(progress_report).section("3")) == [
        ("3.1", "The ITU Council is invited to note this progress report of the EG-ITRs.")
    ]


def test_a_changed_outcome_and_annex_number_change_the_report(progress_report):
    first = work_plan_decision(1)
    first.outcome = Outcome.NOT_APPROVED
    first.text = ""
    first.save()
    statement = Statement.objects.get()
    statement.annex_number = 3
    statement.save()

    activities = build_report(progress_report).section("2")

    assert activities.paragraphs[2].text == (
        "In the first meeting of the EG-ITRs, the work plan of the EG-ITRs was not approved by "
        "the meeting."
    )
    assert activities.paragraphs[3].text == (
        f"{SEED_2_4_APPROVAL} A statement from the Russian Federation in this respect is "
        "attached as Annex 3 to the Second Meeting Report."
    )


def test_every_outcome_reads_as_a_sentence(progress_report):
    decision = work_plan_decision(2)
    for outcome, text, sentence in [
        (Outcome.APPROVED, "", "a work plan was approved by the meeting."),
        (
            Outcome.NOTED,
            "The plan will be reviewed.",
            "the meeting took note of a work plan. The plan will be reviewed.",
        ),
        (Outcome.DEFERRED, "", "the consideration of a work plan was deferred."),
        (Outcome.NO_CONSENSUS, "", "no consensus was reached on a work plan."),
        (
            Outcome.APPROVED_WITH_UNDERSTANDING,
            "",
            "a work plan was approved by the meeting with an understanding.",
        ),
    ]:
        decision.outcome = outcome
        decision.text = text
        decision.save()

        assert build_report(progress_report).paragraph("2.4").text == (
            f"In the second meeting of the EG-ITRs, {sentence} {SEED_2_4_STATEMENT}"
        ), outcome


def test_statements_joint_unnumbered_or_on_the_meeting_read_right(progress_report):
    statement = Statement.objects.get()
    statement.annex_number = None
    statement.save()
    statement.organizations.add(Organization.objects.get(name="Brazil"))
    on_the_meeting = Statement.objects.create(
        meeting=second_meeting(),
        title="Statement by India",
        report=statement.report,
        annex_number=3,
    )
    on_the_meeting.organizations.set([Organization.objects.get(name="India")])

    assert build_report(progress_report).paragraph("2.4").text == (
        f"{SEED_2_4_APPROVAL} A statement from Brazil and the Russian Federation in this "
        "respect is attached to the Second Meeting Report. A statement from India is attached "
        "as Annex 3 to the Second Meeting Report."
    )


def test_meetings_held_read_right_for_one_meeting_and_for_different_places(progress_report):
    progress_report.period_end = datetime.date(2023, 12, 31)

    assert texts(build_report(progress_report).section("2")) == [
        (
            "2.1",
            "The EG-ITRs held its first meeting at the ITU Headquarters in Geneva, Switzerland, "
            "on 16 October 2023.",
        ),
        ("2.2", "The Report of the first meeting of EG-ITRs was approved by the Group."),
        ("2.3", SEED_2_3),
    ]

    progress_report.period_end = datetime.date(2024, 3, 31)
    meeting = second_meeting()
    meeting.format = MeetingFormat.VIRTUAL
    meeting.save()

    assert build_report(progress_report).paragraph("2.1").text == (
        "The EG-ITRs held its first meeting at the ITU Headquarters in Geneva, Switzerland, on "
        "16 October 2023 and its second meeting online, on 29-30 January 2024."
    )


def test_paragraphs_the_secretariat_adds_are_numbered_with_the_built_ones(progress_report):
    ReportParagraph.objects.create(
        report=progress_report,
        section=ReportSection.ACTIVITIES,
        text="The Group also held an informal consultation.",
    )
    ReportParagraph.objects.create(
        report=progress_report, section=ReportSection.CONCLUSIONS, order=2, text="Second."
    )
    ReportParagraph.objects.create(
        report=progress_report, section=ReportSection.CONCLUSIONS, order=1, text="First."
    )

    meeting_report = Report.objects.get(kind=ReportKind.MEETING, meeting=second_meeting())
    ReportParagraph.objects.create(
        report=meeting_report,
        section=ReportSection.AGENDA_ITEM,
        agenda_item=second_meeting().agenda_items.get(number="4"),
        text="The Chair introduced the draft work plan.",
    )

    document = build_report(progress_report)

    assert document.paragraph("2.5").text == "The Group also held an informal consultation."
    assert texts(document.section("3")) == [
        ("3.1", SEED_3_1),
        ("3.2", SEED_3_2),
        ("3.3", "First."),
        ("3.4", "Second."),
    ]
    # In an agenda item's section the secretariat's summary comes before the decisions.
    assert texts(build_report(meeting_report).section("5")) == [
        ("5.1", "The Chair introduced the draft work plan."),
        ("5.2", MEETING_2_WORK_PLAN),
    ]


def test_the_builder_only_reads(progress_report):
    with CaptureQueriesContext(connection) as queries:
        build_report(progress_report)
        build_report(Report.objects.get(kind=ReportKind.MEETING, meeting=second_meeting()))

    assert [q["sql"].split()[0] for q in queries] == ["SELECT"] * len(queries)


def test_meeting_report_opening_agenda_and_allocation(demo_reports):
    document = demo_reports["meeting 2"]

    assert document.title == "Report of the second meeting of the EG-ITRs"
    assert document.header.meeting == "Second meeting, Geneva, 29-30 January 2024"
    assert document.header.date == "30 January 2024"
    assert [(section.number, section.title) for section in document.sections] == [
        ("1", "Opening of the meeting"),
        ("2", "Adoption of the agenda and allocation of documents"),
        ("3", "Agenda item 2: Adoption of the agenda"),
        ("4", "Agenda item 3: Approval of the report of the first meeting"),
        ("5", "Agenda item 4: Consideration of contributions and of the draft work plan"),
        ("6", "Agenda item 5: Any other business"),
        ("7", "Agenda item 6: Approval of the report of the meeting"),
    ]
    assert texts(document.section("1")) == [
        (
            "1.1",
            "The second meeting of the EG-ITRs was held at the ITU Headquarters in Geneva, "
            "Switzerland, on 29-30 January 2024.",
        ),
        (
            "1.2",
            "The meeting was attended by 4 participants from 3 organizations. The list of "
            "participants is in Annex 3.",
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
    ]


def test_meeting_report_decisions_per_agenda_item(demo_reports):
    document = demo_reports["meeting 2"]

    assert texts(document.section("3")) == [
        (
            "3.1",
            "The adoption of the agenda was approved by the meeting. The meeting considered "
            "Document EG-ITRs 2/1.",
        )
    ]
    assert texts(document.section("4")) == [
        ("4.1", "The report of the first meeting was approved by the meeting.")
    ]
    assert texts(document.section("5")) == [("5.1", MEETING_2_WORK_PLAN)]
    assert texts(document.section("6")) == [
        ("6.1", "The progress report to Council 2024 was approved by the meeting.")
    ]
    assert texts(document.section("7")) == [
        ("7.1", "The report of the second meeting was approved by the meeting.")
    ]


def test_meeting_report_annexes_keep_the_statement_number(demo_reports):
    document = demo_reports["meeting 2"]

    assert [(annex.number, annex.title) for annex in document.annexes] == [
        (1, "Work plan of the EG-ITRs"),
        (2, seed.STATEMENT_TITLE),
        (3, "List of participants"),
        (4, "Agenda"),
    ]
    assert document.annex(2) == Annex(
        2, seed.STATEMENT_TITLE, [seed.STATEMENT_TEXT, "Document EG-ITRs 2/5"]
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
    assert document.annex(4).table == Table(
        ["Item", "Title"],
        [
            ["1", "Opening of the meeting"],
            ["2", "Adoption of the agenda"],
            ["3", "Approval of the report of the first meeting"],
            ["4", "Consideration of contributions and of the draft work plan"],
            ["5", "Any other business"],
            ["6", "Approval of the report of the meeting"],
            ["7", "Closing of the meeting"],
        ],
    )
    work_plan = document.annex(1).table.rows
    assert work_plan[:3] == [
        ["Progress report to Council 2024", "C24"],
        ["Progress report to Council 2025", "C25"],
        ["Final report to Council 2026", "C26"],
    ]
    assert [row[1] for row in work_plan[3:]] == ["EG-ITRs meeting 3"] * 3


def test_first_meeting_report_has_no_work_plan_annex(demo_reports):
    document = demo_reports["meeting 1"]

    assert [(annex.number, annex.title) for annex in document.annexes] == [
        (1, "List of participants"),
        (2, "Agenda"),
    ]
    assert document.section("4").paragraphs[0].text == (
        f"{seed.NO_CONSENSUS} The meeting considered Documents EG-ITRs 1/2, EG-ITRs 1/3 and "
        "EG-ITRs 1/4."
    )


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("en", datetime.date(2023, 10, 16), datetime.date(2023, 10, 16), "16 October 2023"),
        ("en", datetime.date(2024, 1, 29), datetime.date(2024, 1, 30), "29-30 January 2024"),
        (
            "en",
            datetime.date(2024, 1, 30),
            datetime.date(2024, 2, 2),
            "30 January - 2 February 2024",
        ),
        (
            "en",
            datetime.date(2023, 12, 31),
            datetime.date(2024, 1, 2),
            "31 December 2023 - 2 January 2024",
        ),
        ("ru", datetime.date(2024, 1, 29), datetime.date(2024, 1, 30), "29-30 января 2024"),
    ],
)
def test_dates_are_written_in_the_language(language, start, end, expected):
    with translation.override(language):
        assert format_dates(start, end) == expected


def test_ordinals_are_words():
    with translation.override("en"):
        assert [ordinal(n) for n in (1, 2, 3, 10, 14, 21)] == [
            "first",
            "second",
            "third",
            "tenth",
            "14th",
            "21st",
        ]
