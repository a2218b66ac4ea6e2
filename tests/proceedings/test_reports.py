"""Reports from start to publication: the services, and approval freezing what was approved.

`story` is a small group with two held meetings, built with factories; the tests that
check the report against the seed use the demo (`call_command("load_demo")`).
"""

import datetime
import hashlib
import io
import re
from types import SimpleNamespace

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from contributions.services import TransitionNotAllowed
from meetings.enums import MeetingStatus
from proceedings import services
from proceedings.enums import Outcome, ReportKind, ReportStatus
from proceedings.models import (
    RenditionFormat,
    Report,
    ReportParagraph,
    ReportSection,
    Statement,
)
from proceedings.reports import build_report
from tests import factories
from tests.demo import seed
from tests.proceedings.conftest import make_decision, make_statement
from tests.refusals import refused

MANDATE = "The EG-ITRs was reconvened by Council Resolution 1379 (Mod. 2023)."
UNDERSTANDING = "it guides the work of the Group"
STATEMENT_TEXT = "Member State A made a statement on the work plan."


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def stored_bytes(report, format):
    with report.renditions.get(format=format).file.open("rb") as file:
        return file.read()


def normalized(text):
    """Whitespace as one space; a line broken after a hyphen or a slash joined again."""
    return re.sub(r"([-/]) ", r"\1", " ".join(text.split()))


def pdf_text(pdf):
    return normalized(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def build_story(group, secretariat, organization):
    """Two held meetings, a decision without consensus, an understanding, a statement
    annexed (as Annex 2) to the draft report of the second meeting, and a progress report."""
    group.mandate = MANDATE
    group.period_start = datetime.date(2023, 10, 1)
    group.save()
    first = datetime.date(2023, 10, 16)
    meeting1 = factories.MeetingFactory(
        group=group, ordinal=1, start_date=first, end_date=first, status=MeetingStatus.HELD
    )
    meeting2 = factories.MeetingFactory(
        group=group,
        ordinal=2,
        start_date=datetime.date(2024, 1, 29),
        end_date=datetime.date(2024, 1, 30),
        status=MeetingStatus.HELD,
    )
    no_consensus = make_decision(
        meeting1,
        subject="the work plan of the EG-ITRs",
        outcome=Outcome.NO_CONSENSUS,
        text="The proposals differed on the targets.",
    )
    understanding = make_decision(
        meeting2,
        subject="the work plan of the EG-ITRs",
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text=UNDERSTANDING,
        order=1,
    )
    approval = make_decision(
        meeting2, subject="the report of the second meeting", order=2, procedural=True
    )
    meeting_report = Report.objects.create(
        group=group,
        kind=ReportKind.MEETING,
        meeting=meeting2,
        title="Report of the second meeting of the EG-ITRs",
        author="Chair of the EG-ITRs",
    )
    statement = make_statement(
        meeting2,
        organizations=[organization],
        decision=understanding,
        title="Statement by Member State A",
        text=STATEMENT_TEXT,
    )
    services.annex_statement(
        statement=statement, report=meeting_report, by=secretariat, first_number=2
    )
    progress = services.start_progress_report(
        group=group,
        period_start=datetime.date(2023, 10, 1),
        period_end=datetime.date(2024, 3, 31),
        by=secretariat,
        parent_body_session="Council 2024",
        parent_body_document="C24/24",
        notes="The number is the one the Council secretariat announced.",
    )
    return SimpleNamespace(
        group=group,
        meeting1=meeting1,
        meeting2=meeting2,
        no_consensus=no_consensus,
        understanding=understanding,
        approval=approval,
        meeting_report=meeting_report,
        statement=statement,
        progress=progress,
    )


@pytest.fixture
def story(group, secretariat, org_a):
    return build_story(group, secretariat, org_a)


@pytest.fixture
def demo_data(db):
    """The demo, with a new draft of its published progress report to approve again."""
    call_command("load_demo", stdout=io.StringIO())
    secretariat = get_user_model().objects.get(username="secretariat")
    published = Report.objects.get(kind=ReportKind.PROGRESS)
    meeting_report_2 = Report.objects.get(kind=ReportKind.MEETING, meeting__ordinal=2)
    return SimpleNamespace(
        progress=services.new_report_version(report=published, by=secretariat),
        meeting_report_2=meeting_report_2,
        secretariat=secretariat,
        no_consensus=published.group.meetings.get(ordinal=1).decisions.get(
            outcome=Outcome.NO_CONSENSUS
        ),
        approval=published.approved_by,
        meeting_approval=meeting_report_2.approved_by,
    )


# start_progress_report -----------------------------------------------------------------


def test_a_progress_report_starts_with_a_header_written_from_the_records(story, secretariat):
    report = story.progress

    assert (report.kind, report.status, report.version) == (
        ReportKind.PROGRESS,
        ReportStatus.DRAFT,
        1,
    )
    assert (report.period_start, report.period_end) == (
        datetime.date(2023, 10, 1),
        datetime.date(2024, 3, 31),
    )
    assert (report.parent_body_session, report.parent_body_document) == ("Council 2024", "C24/24")
    assert report.title == "Progress report of the EG-ITRs"
    # The rest of the header is written from the records at each build, not stored.
    assert (report.author, report.purpose, report.action_required, report.conclusions) == (
        "",
        "",
        "",
        "",
    )
    document = build_report(report)
    assert document.header.author == "Secretariat of the EG-ITRs"
    assert [(field.label, field.value) for field in document.header_block[:2]] == [
        (
            "Purpose",
            "This report summarizes the main results of the first and second meetings of the "
            "EG-ITRs, held on 16 October 2023 and 29-30 January 2024 respectively, in line with "
            "Resolution 146 (Rev. Bucharest, 2022) and Council Resolution 1379 (Mod. 2023).",
        ),
        ("Action required by ITU Council", "ITU Council is invited to note the report."),
    ]
    assert [p.text for p in document.section("3").paragraphs] == [
        "ITU Council is invited to note this progress report of the EG-ITRs.",
        "On behalf of the EG-ITRs, the secretariat thanks the members who made contributions "
        "and took part in the work of the Group for their assistance during the first and "
        "second meetings of the EG-ITRs.",
    ]
    assert report.history.get().history_user == secretariat


def test_header_fields_given_are_the_secretariats(group, secretariat):
    report = services.start_progress_report(
        group=group,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        by=secretariat,
        kind=ReportKind.FINAL,
        purpose="Our own purpose.",
        parent_body_agenda_item="ADM 5",
        author="",
    )

    assert (report.kind, report.parent_body_agenda_item) == (ReportKind.FINAL, "ADM 5")
    assert report.purpose == "Our own purpose."
    # What the builder would have written is kept, to tell when the records change.
    assert report.header_basis == {
        "purpose": "This report summarizes the work of the EG-ITRs from 1 January 2025 to "
        "31 December 2025."
    }
    assert report.title == "Final report of the EG-ITRs"
    assert build_report(report).header_block[0].value == "Our own purpose."


def test_a_period_without_meetings_is_described_by_its_dates(group, secretariat):
    report = services.start_progress_report(
        group=group,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        by=secretariat,
    )
    document = build_report(report)

    assert document.header_block[0].value == (
        "This report summarizes the work of the EG-ITRs from 1 January 2025 to 30 June 2025."
    )
    assert [p.text for p in document.section("2").paragraphs] == [
        "The EG-ITRs held no meeting in the period of this report."
    ]
    assert [p.text for p in document.section("3").paragraphs] == [
        "ITU Council is invited to note this progress report of the EG-ITRs."
    ]


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_starts_a_report(roles, group, role):
    with refused(PermissionDenied, "Only the secretariat starts reports.", group):
        services.start_progress_report(
            group=group, period_start=None, period_end=None, by=roles[role]
        )

    assert Report.objects.count() == 0


def test_start_refuses_a_meeting_report_a_reversed_period_and_unknown_fields(group, secretariat):
    start = datetime.date(2024, 1, 1)
    message = "A meeting report is built from its meeting, not a period."
    with refused(ValidationError, message, group):
        services.start_progress_report(
            group=group, period_start=start, period_end=start, by=secretariat, kind="meeting"
        )
    with refused(ValidationError, "The period cannot end before it starts.", group):
        services.start_progress_report(
            group=group,
            period_start=start,
            period_end=start - datetime.timedelta(days=1),
            by=secretariat,
        )
    with refused(TypeError, "Not a header field of a report: status", group):
        services.start_progress_report(
            group=group, period_start=start, period_end=start, by=secretariat, status="published"
        )

    assert Report.objects.count() == 0


# approve_report ------------------------------------------------------------------------


def test_approval_stores_the_html_docx_and_pdf_as_rendered(story, secretariat):
    report = services.approve_report(
        report=story.progress, decision=story.approval, by=secretariat
    )

    report.refresh_from_db()
    assert (report.status, report.approved_by) == (ReportStatus.APPROVED, story.approval)
    assert report.approved_at is not None
    assert report.date is not None  # an undated report is dated on approval
    assert report.rendered_sha256 == sha256(report.rendered_html.encode())
    assert report.rendered_html.startswith('<article class="report" lang="en" dir="ltr">')
    renditions = list(report.renditions.order_by("format"))
    assert [r.format for r in renditions] == [RenditionFormat.DOCX, RenditionFormat.PDF]
    for rendition in renditions:
        data = stored_bytes(report, rendition.format)
        assert (rendition.size, rendition.sha256) == (len(data), sha256(data))
        assert re.fullmatch(
            rf"reports/{story.group.pk}/[0-9a-f]{{32}}\.{rendition.format}", rendition.file.name
        )
    assert stored_bytes(report, "pdf").startswith(b"%PDF-")
    assert stored_bytes(report, "docx").startswith(b"PK")
    assert report.history.latest().history_user == secretariat


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_approves(story, roles, role):
    message = "Only the secretariat approves reports."
    with refused(PermissionDenied, message, story.progress, story.approval):
        services.approve_report(report=story.progress, decision=story.approval, by=roles[role])

    story.progress.refresh_from_db()
    assert (story.progress.status, story.progress.renditions.count()) == (ReportStatus.DRAFT, 0)


def test_only_a_draft_is_approved_and_by_a_decision_of_its_group(story, secretariat):
    other_meeting = factories.MeetingFactory(
        group=factories.ExpertGroupFactory(acronym="EG-X"), status=MeetingStatus.HELD
    )
    elsewhere = make_decision(other_meeting)
    message = "A report is approved by a decision of its own group."
    with refused(ValidationError, message, story.progress, elsewhere):
        services.approve_report(report=story.progress, decision=elsewhere, by=secretariat)
    assert story.progress.renditions.count() == 0
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)
    message = "This report is approved: it cannot become approved."
    with refused(TransitionNotAllowed, message, story.progress, story.approval):
        services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    assert story.progress.renditions.count() == 2


# publish_report ------------------------------------------------------------------------


def test_publication_makes_an_approved_report_public(story, secretariat):
    message = "This report is draft: it cannot become published."
    with refused(TransitionNotAllowed, message, story.progress):
        services.publish_report(report=story.progress, by=secretariat)
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    report = services.publish_report(report=story.progress, by=secretariat)

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None
    assert list(Report.objects.published()) == [report]
    message = "This report is published: it cannot become published."
    with refused(TransitionNotAllowed, message, report):
        services.publish_report(report=report, by=secretariat)


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_publishes(story, roles, secretariat, role):
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    with refused(PermissionDenied, "Only the secretariat publishes reports.", story.progress):
        services.publish_report(report=story.progress, by=roles[role])

    story.progress.refresh_from_db()
    assert story.progress.status == ReportStatus.APPROVED


# new_report_version --------------------------------------------------------------------


def test_a_new_version_copies_the_header_and_the_added_paragraphs(story, secretariat):
    report = story.progress
    ReportParagraph.objects.create(
        report=report, section=ReportSection.ACTIVITIES, order=1, text="An added paragraph."
    )
    services.approve_report(report=report, decision=story.approval, by=secretariat)
    report.refresh_from_db()
    stored = (report.rendered_html, stored_bytes(report, "docx"), stored_bytes(report, "pdf"))

    draft = services.new_report_version(report=report, by=secretariat)

    assert (draft.status, draft.version, draft.previous_version) == (
        ReportStatus.DRAFT,
        2,
        report,
    )
    for name in services.reports.COPIED_FIELDS:
        assert getattr(draft, name) == getattr(report, name), name
    assert draft.notes == "The number is the one the Council secretariat announced."
    assert [(p.section, p.text) for p in draft.added_paragraphs.all()] == [
        (ReportSection.ACTIVITIES, "An added paragraph.")
    ]
    assert (draft.approved_by, draft.rendered_html, draft.renditions.count()) == (None, "", 0)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert (
        report.rendered_html,
        stored_bytes(report, "docx"),
        stored_bytes(report, "pdf"),
    ) == stored
    assert [(p.section, p.text) for p in report.added_paragraphs.all()] == [
        (ReportSection.ACTIVITIES, "An added paragraph.")
    ]
    assert str(draft) == "Progress report of the EG-ITRs (version 2)"


def test_a_report_has_one_next_version_and_a_draft_none(story, secretariat):
    message = "A draft is edited as it is; it needs no new version."
    with refused(TransitionNotAllowed, message, story.progress):
        services.new_report_version(report=story.progress, by=secretariat)
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)
    version_2 = services.new_report_version(report=story.progress, by=secretariat)

    message = "Version 2 of this report already exists."
    with refused(TransitionNotAllowed, message, story.progress, version_2):
        services.new_report_version(report=story.progress, by=secretariat)

    assert Report.objects.filter(kind=ReportKind.PROGRESS).count() == 2


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_starts_a_new_version(story, roles, secretariat, role):
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    message = "Only the secretariat starts a new version of a report."
    with refused(PermissionDenied, message, story.progress):
        services.new_report_version(report=story.progress, by=roles[role])

    assert Report.objects.filter(kind=ReportKind.PROGRESS).count() == 1


def test_the_statements_of_a_meeting_report_move_to_its_new_version(story, secretariat):
    report = story.meeting_report
    services.approve_report(report=report, decision=story.approval, by=secretariat)

    draft = services.new_report_version(report=report, by=secretariat)

    statement = Statement.objects.get()
    assert (statement.report, statement.annex_number) == (draft, 2)
    assert build_report(draft).annex(2).title == "Statement by Member State A"
    report.refresh_from_db()
    assert "Statement by Member State A" in report.rendered_html


# Approval freezes ----------------------------------------------------------------------


def test_approval_freezes_what_the_records_change_later(demo_data):
    """The issue's test: change a decision's outcome and a statement's annex number after
    approval; a new version follows the records, the approved report does not."""
    progress, secretariat = demo_data.progress, demo_data.secretariat
    services.approve_report(report=progress, decision=demo_data.approval, by=secretariat)
    progress.refresh_from_db()
    stored = {
        "html": progress.rendered_html,
        "docx": stored_bytes(progress, "docx"),
        "pdf": stored_bytes(progress, "pdf"),
    }
    approved_text = build_report(progress)

    # The records change: an outcome, and (in a new version of the meeting report, as an
    # approved report's annexes no longer change) the statement's annex number.
    decision = demo_data.no_consensus
    decision.outcome, decision.text = Outcome.NOT_APPROVED, ""
    decision.save()
    meeting_report = services.new_report_version(report=demo_data.meeting_report_2, by=secretariat)
    services.number_statements_from(report=meeting_report, first_number=3, by=secretariat)
    draft = services.new_report_version(report=progress, by=secretariat)
    # Until the new version of the meeting report is approved, its number is the approved.
    quoted = build_report(draft).paragraph("2.4").text
    assert quoted.endswith(
        "A statement from the Russian Federation in this respect is attached as Annex 2 to "
        "the Second Meeting Report."
    )
    services.approve_report(
        report=meeting_report, decision=demo_data.meeting_approval, by=secretariat
    )

    rebuilt = build_report(draft)
    assert approved_text.paragraph("2.3").text == (
        "In the first meeting of the EG-ITRs, no consensus was reached on the work plan. The "
        "Group deliberated on the contributions received, with the discussion focusing on the "
        "work plan proposals."
    )
    assert rebuilt.paragraph("2.3").text == (
        "In the first meeting of the EG-ITRs, the Group did not approve the work plan."
    )
    assert approved_text.paragraph("2.4").text.endswith(
        "A statement from the Russian Federation in this respect is attached as Annex 2 to the "
        "Second Meeting Report."
    )
    assert rebuilt.paragraph("2.4").text.endswith(
        "A statement from the Russian Federation in this respect is attached as Annex 3 to the "
        "Second Meeting Report."
    )
    progress.refresh_from_db()
    assert progress.status == ReportStatus.APPROVED
    assert progress.rendered_html == stored["html"]
    assert progress.rendered_sha256 == sha256(stored["html"].encode())
    for format in ("docx", "pdf"):
        rendition = progress.renditions.get(format=format)
        assert (stored_bytes(progress, format), rendition.sha256) == (
            stored[format],
            sha256(stored[format]),
        )
    assert "no consensus was reached on the work plan." in stored["html"]
    assert "attached as Annex 2 to the Second Meeting Report." in stored["html"]


def test_the_stored_docx_has_the_header_table_numbered_paragraphs_and_annexes(demo_data):
    secretariat = demo_data.secretariat
    meeting_report = services.new_report_version(report=demo_data.meeting_report_2, by=secretariat)
    services.approve_report(
        report=meeting_report, decision=demo_data.meeting_approval, by=secretariat
    )
    report = services.approve_report(
        report=demo_data.progress, decision=demo_data.approval, by=secretariat
    )

    progress = docx.Document(io.BytesIO(stored_bytes(report, "docx")))
    meeting = docx.Document(io.BytesIO(stored_bytes(meeting_report, "docx")))

    where, what = progress.tables[0].rows[0].cells
    assert [p.text for p in where.paragraphs] == ["Council 2024"]
    assert [p.text for p in what.paragraphs] == [
        "Document C24/24",
        report.date.strftime("%-d %B %Y"),
        "Original: English",
    ]
    numbers = [
        p.text.split("\t")[0] for p in progress.paragraphs if re.match(r"\d\.\d+\t", p.text)
    ]
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert next(p.text for p in progress.paragraphs if p.text.startswith("2.4\t")).endswith(
        "attached as Annex 2 to the Second Meeting Report."
    )
    annexes = [p.text for p in meeting.paragraphs if p.style.name == "Heading 1"]
    assert [text for text in annexes if text.startswith("Annex")] == [
        "Annex 1",
        "Annex 2",
        "Annex 3",
        "Annex 4",
    ]
    assert seed.STATEMENT_TITLE in [p.text for p in meeting.paragraphs]


def test_the_stored_pdf_holds_the_facts(demo_data):
    services.approve_report(
        report=demo_data.progress, decision=demo_data.approval, by=demo_data.secretariat
    )

    text = pdf_text(stored_bytes(demo_data.progress, "pdf"))

    for fact in [
        "Document C24/24",
        "16 October 2023 and 29-30 January 2024",
        "The Reports of the first and second meeting of EG-ITRs were approved by the Group.",
        "no consensus was reached on the work plan.",
        "the Group approved a work plan with the understanding that",
        "attached as Annex 2 to the Second Meeting Report.",
        "Resolution 146 (Rev. Bucharest, 2022); Council Resolution 1379 (Mod. 2023)",
        "The Council is invited to note the report.",
    ]:
        assert normalized(fact) in text, fact
