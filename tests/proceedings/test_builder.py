"""The report builder: the demo's reports read like the seed, and other records read right."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from meetings.enums import MeetingFormat
from meetings.models import Meeting
from proceedings.enums import Outcome, ReportKind
from proceedings.models import Report, ReportParagraph, ReportSection
from proceedings.reports import (
    Annex,
    HeaderField,
    Paragraph,
    Table,
    build_report,
    format_dates,
    ordinal,
)
from tests import factories
from tests.demo import seed
from tests.proceedings.conftest import make_statement
from tests.proceedings.stories import satellite_story

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


# What the builder makes of other records: the second, hand-written history (EG-SAT).

SAT_2_4_STATEMENT = (
    "A statement from Kenya and Thailand in this respect is attached as Annex 1 to the Second "
    "Meeting Report."
)


@pytest.fixture
def sat(secretariat):
    return satellite_story(secretariat)


def test_the_free_text_fields_are_the_secretariats(sat):
    progress = sat.progress
    progress.date = datetime.date(2020, 5, 12)
    progress.conclusions = ""
    progress.action_required = "The Council is asked to note the report."

    assert build_report(progress).header.date == "12 May 2020"
    assert texts(build_report(progress).section("3")) == [
        ("3.1", "The Council is asked to note the report.")
    ]

    progress.action_required = ""

    assert texts(build_report(progress).section("3")) == [
        ("3.1", "The ITU Council is invited to note this progress report of the EG-SAT.")
    ]


def test_a_changed_outcome_and_annex_number_change_the_report(sat):
    sat.deferred.outcome = Outcome.NOT_APPROVED
    sat.deferred.save()
    sat.statement.annex_number = 4
    sat.statement.save()

    activities = build_report(sat.progress).section("2")

    assert texts(activities)[2:] == [
        (
            "2.3",
            "In the first meeting of the EG-SAT, the terms of reference was not approved by the "
            "meeting. The Group will take them up at its next meeting.",
        ),
        (
            "2.4",
            "In the second meeting of the EG-SAT, the meeting took note of the filing "
            "procedures. The Group will revisit them in 2021. A statement from Kenya and "
            "Thailand in this respect is attached as Annex 4 to the Second Meeting Report.",
        ),
    ]


@pytest.mark.parametrize(
    ("outcome", "text", "sentence"),
    [
        (Outcome.APPROVED, "", "the filing procedures was approved by the meeting."),
        (Outcome.NOT_APPROVED, "", "the filing procedures was not approved by the meeting."),
        (
            Outcome.NOTED,
            "They will be revisited in 2021",
            "the meeting took note of the filing procedures. They will be revisited in 2021.",
        ),
        (Outcome.DEFERRED, "", "the consideration of the filing procedures was deferred."),
        (Outcome.NO_CONSENSUS, "", "no consensus was reached on the filing procedures."),
        (
            Outcome.NO_CONSENSUS,
            "The views differed on the fees",
            "the views differed on the fees.",
        ),
        (
            Outcome.APPROVED_WITH_UNDERSTANDING,
            "the secretariat reports on them in 2021.",
            "the filing procedures was approved by the meeting with the understanding that the "
            "secretariat reports on them in 2021.",
        ),
    ],
)
def test_every_outcome_reads_as_a_sentence(sat, outcome, text, sentence):
    sat.noted.outcome = outcome
    sat.noted.text = text
    sat.noted.save()

    assert build_report(sat.progress).paragraph("2.4").text == (
        f"In the second meeting of the EG-SAT, {sentence} {SAT_2_4_STATEMENT}"
    )


def test_statements_joint_unnumbered_or_on_the_meeting_read_right(sat):
    sat.statement.annex_number = None
    sat.statement.save()
    brazil = factories.OrganizationFactory(name="Brazil")
    make_statement(
        sat.online,
        organizations=[brazil],
        title="Statement by Brazil",
        report=sat.online_report,
        annex_number=2,
    )

    assert build_report(sat.progress).paragraph("2.4").text == (
        "In the second meeting of the EG-SAT, the meeting took note of the filing procedures. "
        "The Group will revisit them in 2021. A statement from Kenya and Thailand in this "
        "respect is attached to the Second Meeting Report. A statement from Brazil is attached "
        "as Annex 2 to the Second Meeting Report."
    )


def test_meetings_held_read_right_for_one_meeting_and_for_different_places(sat):
    sat.progress.period_end = datetime.date(2019, 12, 31)

    assert texts(build_report(sat.progress).section("2")) == [
        (
            "2.1",
            "The EG-SAT held its first meeting at the United Nations Conference Centre in "
            "Bangkok, Thailand, on 3-4 June 2019.",
        ),
        ("2.2", "The Report of the first meeting of EG-SAT was approved by the Group."),
        (
            "2.3",
            "In the first meeting of the EG-SAT, the consideration of the terms of reference "
            "was deferred. The Group will take them up at its next meeting.",
        ),
    ]

    sat.progress.period_end = datetime.date(2020, 4, 30)
    Meeting.objects.filter(pk=sat.online.pk).update(
        format=MeetingFormat.IN_PERSON,
        venue="United Nations Conference Centre",
        city="Bangkok",
        country="Thailand",
    )

    assert build_report(sat.progress).paragraph("2.1").text == (
        "The EG-SAT held its first and second meetings at the United Nations Conference Centre "
        "in Bangkok, Thailand, on 3-4 June 2019 and 9 March 2020, respectively."
    )

    Meeting.objects.filter(pk=sat.online.pk).update(
        format=MeetingFormat.HYBRID,
        venue="ITU Headquarters",
        city="Geneva",
        country="Switzerland",
    )

    assert build_report(sat.progress).paragraph("2.1").text == (
        "The EG-SAT held its first meeting at the United Nations Conference Centre in Bangkok, "
        "Thailand, on 3-4 June 2019 and its second meeting at the ITU Headquarters in Geneva, "
        "Switzerland and online, on 9 March 2020."
    )


def test_paragraphs_the_secretariat_adds_are_numbered_with_the_built_ones(sat):
    ReportParagraph.objects.create(
        report=sat.progress,
        section=ReportSection.ACTIVITIES,
        text="The Group also met informally in Nairobi.",
    )
    ReportParagraph.objects.create(
        report=sat.progress, section=ReportSection.CONCLUSIONS, order=2, text="Second."
    )
    ReportParagraph.objects.create(
        report=sat.progress, section=ReportSection.CONCLUSIONS, order=1, text="First."
    )
    ReportParagraph.objects.create(
        report=sat.online_report,
        section=ReportSection.AGENDA_ITEM,
        agenda_item=sat.procedures_item,
        text="Kenya introduced the draft filing procedures.",
    )

    document = build_report(sat.progress)

    assert document.paragraph("2.5").text == "The Group also met informally in Nairobi."
    assert [number for number, _text in texts(document.section("3"))] == [
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    assert texts(document.section("3"))[2:] == [("3.3", "First."), ("3.4", "Second.")]
    # In an agenda item's section the secretariat's summary comes before the decisions.
    assert texts(build_report(sat.online_report).section("3")) == [
        ("3.1", "Kenya introduced the draft filing procedures."),
        (
            "3.2",
            "The meeting took note of the filing procedures. The Group will revisit them in "
            "2021. The meeting considered Document EG-SAT 2/1. A statement from Kenya and "
            "Thailand in this respect is attached as Annex 1 to this report.",
        ),
    ]


def test_the_builder_only_reads(sat):
    with CaptureQueriesContext(connection) as queries:
        build_report(sat.progress)
        build_report(sat.online_report)

    assert [q["sql"].split()[0] for q in queries] == ["SELECT"] * len(queries)


# The demo's meeting reports, as the seed's.


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
