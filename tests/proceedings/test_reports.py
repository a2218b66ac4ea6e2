"""Reports from start to publication: the services, and approval freezing what was approved.

`story` is a small group with two held meetings, built with factories; the tests of
what the stored files say use the second, hand-written history (`satellite_story`).
"""

import datetime
import hashlib
import io
import re
from types import SimpleNamespace

import docx
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from contributions.services import TransitionNotAllowed
from meetings.enums import MeetingStatus
from proceedings import services
from proceedings.builder import build_report
from proceedings.enums import Outcome, ReportKind, ReportStatus
from proceedings.models import (
    RenditionFormat,
    Report,
    ReportParagraph,
    ReportSection,
    Statement,
)
from proceedings.rules import can_view_report
from tests import factories
from tests.proceedings.conftest import make_decision, make_statement
from tests.proceedings.stories import satellite_story
from tests.refusals import refused
from tests.roles import ROLES

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
        subject="Work plan of the EG-ITRs",
        outcome=Outcome.NO_CONSENSUS,
        text="No consensus was reached on the work plan.",
    )
    understanding = make_decision(
        meeting2,
        subject="Work plan of the EG-ITRs",
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text=UNDERSTANDING,
        order=1,
    )
    approval = make_decision(meeting2, subject="Report of the second meeting", order=2)
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
        parent_body_document="C24/xx",
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
    assert (report.parent_body_session, report.parent_body_document) == ("Council 2024", "C24/xx")
    assert report.title == "Progress report of the EG-ITRs"
    assert report.author == "Chair of the EG-ITRs"
    assert report.purpose == (
        "This report summarizes the main results of the first and second meetings of the "
        "EG-ITRs, held on 16 October 2023 and 29-30 January 2024 respectively, in line with "
        "Resolution 146 (Rev. Bucharest, 2022) and Council Resolution 1379 (Mod. 2023)."
    )
    assert report.action_required == "The ITU Council is invited to note the report."
    assert report.conclusions == (
        "The ITU Council is invited to note this progress report of the EG-ITRs.\n\n"
        "On behalf of the EG-ITRs, the Chair thanks the members who made contributions and "
        "took part in the work of the Group, the Vice-Chairs and the secretariat for their "
        "assistance during the first and second meetings of the EG-ITRs."
    )
    assert report.history.get().history_user == secretariat


def test_header_fields_given_replace_the_defaults(group, secretariat):
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
    # Empty means "the default".
    assert (report.title, report.author) == ("Final report of the EG-ITRs", "Chair of the EG-ITRs")


def test_a_period_without_meetings_is_described_by_its_dates(group, secretariat):
    report = services.start_progress_report(
        group=group,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        by=secretariat,
    )

    assert report.purpose == (
        "This report summarizes the work of the EG-ITRs from 1 January 2025 to 30 June 2025."
    )
    assert report.conclusions == (
        "The ITU Council is invited to note this progress report of the EG-ITRs."
    )


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
    message = "Only a draft is approved; this report is approved."
    with refused(TransitionNotAllowed, message, story.progress, story.approval):
        services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    assert story.progress.renditions.count() == 2


# publish_report ------------------------------------------------------------------------


def test_publication_makes_an_approved_report_public(story, secretariat):
    message = "Only an approved report is published; this report is draft."
    with refused(TransitionNotAllowed, message, story.progress):
        services.publish_report(report=story.progress, by=secretariat)
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)

    report = services.publish_report(report=story.progress, by=secretariat)

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None
    assert list(Report.objects.published()) == [report]
    message = "Only an approved report is published; this report is published."
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


def test_approval_freezes_what_the_records_change_later(secretariat):
    """The issue's test: change a decision's outcome and a statement's annex number after
    approval; a new version follows the records, the approved report does not."""
    sat = satellite_story(secretariat)
    progress = sat.progress
    services.approve_report(report=progress, decision=sat.approval, by=secretariat)
    progress.refresh_from_db()
    stored = {
        "html": progress.rendered_html,
        "docx": stored_bytes(progress, "docx"),
        "pdf": stored_bytes(progress, "pdf"),
    }
    approved_text = build_report(progress)

    # The records change: an outcome, and the statement's annex number in the meeting's
    # report, still a draft.
    sat.deferred.outcome = Outcome.NOT_APPROVED
    sat.deferred.save()
    services.number_statements_from(report=sat.online_report, first_number=3, by=secretariat)
    draft = services.new_report_version(report=progress, by=secretariat)

    rebuilt = build_report(draft)
    assert approved_text.paragraph("2.3").text == (
        "In the first meeting of the EG-SAT, the consideration of the terms of reference was "
        "deferred. The Group will take them up at its next meeting."
    )
    assert rebuilt.paragraph("2.3").text == (
        "In the first meeting of the EG-SAT, the terms of reference was not approved by the "
        "meeting. The Group will take them up at its next meeting."
    )
    assert approved_text.paragraph("2.4").text.endswith(
        "A statement from Kenya and Thailand in this respect is attached as Annex 1 to the "
        "Second Meeting Report."
    )
    assert rebuilt.paragraph("2.4").text.endswith(
        "A statement from Kenya and Thailand in this respect is attached as Annex 3 to the "
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
    assert "the consideration of the terms of reference was deferred." in stored["html"]
    assert "attached as Annex 1 to the Second Meeting Report." in stored["html"]


def test_the_stored_docx_has_the_header_table_numbered_paragraphs_and_annexes(secretariat):
    sat = satellite_story(secretariat)
    meeting_report = services.approve_report(
        report=sat.online_report, decision=sat.approval_2, by=secretariat
    )
    report = services.approve_report(report=sat.progress, decision=sat.approval, by=secretariat)

    progress = docx.Document(io.BytesIO(stored_bytes(report, "docx")))
    meeting = docx.Document(io.BytesIO(stored_bytes(meeting_report, "docx")))

    where, what = progress.tables[0].rows[0].cells
    assert [p.text for p in where.paragraphs] == ["Council 2020"]
    assert [p.text for p in what.paragraphs] == [
        "Document C20/45",
        report.date.strftime("%-d %B %Y"),
        "Original: English",
    ]
    numbers = [
        p.text.split("\t")[0] for p in progress.paragraphs if re.match(r"\d\.\d+\t", p.text)
    ]
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert next(p.text for p in progress.paragraphs if p.text.startswith("2.4\t")).endswith(
        "attached as Annex 1 to the Second Meeting Report."
    )
    annexes = [p.text for p in meeting.paragraphs if p.style.name == "Heading 1"]
    assert [text for text in annexes if text.startswith("Annex")] == [
        "Annex 1",
        "Annex 2",
        "Annex 3",
    ]
    assert "Joint statement by Kenya and Thailand" in [p.text for p in meeting.paragraphs]


def test_the_stored_pdf_holds_the_facts(secretariat):
    sat = satellite_story(secretariat)
    services.approve_report(report=sat.progress, decision=sat.approval, by=secretariat)

    text = pdf_text(stored_bytes(sat.progress, "pdf"))

    for fact in [
        "Document C20/45",
        "Bangkok, Thailand, on 3-4 June 2019 and its second meeting online, on 9 March 2020.",
        "The Report of the first meeting of EG-SAT was approved by the Group.",
        "the consideration of the terms of reference was deferred.",
        "the meeting took note of the filing procedures. The Group will revisit them in 2021.",
        "attached as Annex 1 to the Second Meeting Report.",
        "Resolution 9 (Rev. Dubai, 2018)",
        "The ITU Council is invited to note this progress report of the EG-SAT.",
    ]:
        assert normalized(fact) in text, fact


# Rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_a_report_agrees_with_the_visible_queryset(story, roles, secretariat, role):
    services.approve_report(report=story.meeting_report, decision=story.approval, by=secretariat)
    services.publish_report(report=story.meeting_report, by=secretariat)
    other = services.start_progress_report(
        group=story.group, period_start=None, period_end=None, by=secretariat
    )
    services.approve_report(report=other, decision=story.approval, by=secretariat)
    user = roles[role] or AnonymousUser()

    visible = set(Report.objects.visible_to(user))

    assert {r for r in Report.objects.all() if can_view_report(user, r)} == visible
    expected = {story.meeting_report}
    if role == "secretariat":
        expected |= {story.progress, other}
    assert visible == expected
