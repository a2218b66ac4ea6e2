"""A report's page and its downloads, for every role and in every state."""

import datetime
import hashlib
import io
from types import SimpleNamespace

import docx
import pytest
from django.urls import reverse

from proceedings import services
from proceedings.enums import Outcome
from proceedings.models import Report
from tests.proceedings.conftest import make_report
from tests.proceedings.test_reports import build_story, normalized, pdf_text, stored_bytes
from tests.roles import ROLES, content_of, get_as

FORMATS = {"docx": "report_docx", "pdf": "report_pdf"}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def page_url(report):
    return reverse("proceedings:report_detail", args=[report.group.slug, report.pk])


def download_url(report, format):
    return reverse(f"proceedings:{FORMATS[format]}", args=[report.group.slug, report.pk])


def status_code(client, url):
    response = client.get(url)
    content_of(response)
    return response.status_code


@pytest.fixture
def reports(group, secretariat, org_a):
    """A report in each state: the meeting report published, the progress report to C24
    approved, a progress report to C25 in draft."""
    story = build_story(group, secretariat, org_a)
    services.approve_report(report=story.meeting_report, decision=story.approval, by=secretariat)
    services.publish_report(report=story.meeting_report, by=secretariat)
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)
    draft = services.start_progress_report(
        group=group,
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        by=secretariat,
        parent_body_document="C25/25",
    )
    return SimpleNamespace(
        story=story,
        published=Report.objects.get(pk=story.meeting_report.pk),
        approved=Report.objects.get(pk=story.progress.pk),
        draft=draft,
    )


@pytest.mark.parametrize("role", ROLES)
def test_drafts_and_approved_reports_for_the_secretariat_published_ones_for_all(
    client, roles, reports, role
):
    if roles[role]:
        client.force_login(roles[role])
    answers = {
        (status, what): status_code(client, url)
        for status in ("draft", "approved", "published")
        for what, url in [
            ("page", page_url(getattr(reports, status))),
            ("docx", download_url(getattr(reports, status), "docx")),
            ("pdf", download_url(getattr(reports, status), "pdf")),
        ]
    }

    hidden = 200 if role == "secretariat" else 404
    assert answers == {
        ("draft", "page"): hidden,
        ("draft", "docx"): hidden,
        ("draft", "pdf"): hidden,
        ("approved", "page"): hidden,
        ("approved", "docx"): hidden,
        ("approved", "pdf"): hidden,
        ("published", "page"): 200,
        ("published", "docx"): 200,
        ("published", "pdf"): 200,
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_published_report_serves_what_was_approved(client, roles, reports, role):
    report = reports.published

    response = get_as(client, roles[role], page_url(report))
    downloads = {format: client.get(download_url(report, format)) for format in FORMATS}

    html = response.content.decode()
    assert response.context["group"] == report.group
    assert response.context["built_at"] is None
    assert report.rendered_html in html
    assert html.count("<h1") == 1
    assert '<h1 class="report-title">Report of the second meeting of the EG-ITRs</h1>' in html
    assert "<title>Report of the second meeting of the EG-ITRs" in html
    assert "built from the records" not in html
    assert f"<code>{report.rendered_sha256}</code>" in html
    assert ('<span class="badge report-status-published">Published</span>' in html) is (
        role == "secretariat"
    )
    assert ("Open in the admin" in html) is (role == "secretariat")
    for format, download in downloads.items():
        assert sha256(content_of(download)) == report.renditions.get(format=format).sha256
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Cache-Control"] == "public, max-age=300"
    assert downloads["docx"]["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-report-meeting-2.docx"'
    )
    assert downloads["pdf"]["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-report-meeting-2.pdf"'
    )
    assert downloads["docx"]["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert downloads["pdf"]["Content-Type"] == "application/pdf"


def test_the_page_shows_breadcrumbs_downloads_and_the_approval(client, reports):
    report = reports.published
    meeting = reports.story.meeting2

    html = client.get(page_url(report)).content.decode()

    reports_url = reverse("proceedings:report_list", args=[report.group.slug])
    assert f'<li><a href="{reports_url}">Reports</a></li>' in html
    assert (
        '<li><span aria-current="page">Report of the second meeting of the EG-ITRs</span></li>'
    ) in html
    assert f'<a class="button" href="{download_url(report, "docx")}">' in html
    assert f'<a class="button" href="{download_url(report, "pdf")}">' in html
    assert (
        f'<dd>The report of the second meeting, <a href="{meeting.get_absolute_url()}">'
        f"{meeting.title}</a>, <time"
    ) in html


def test_a_draft_is_built_live_with_a_banner(client, secretariat, reports):
    story = reports.story
    client.force_login(secretariat)
    url = page_url(reports.approved)
    draft = services.new_report_version(report=reports.approved, by=secretariat)

    before = client.get(page_url(draft)).content.decode()
    story.no_consensus.outcome = Outcome.DEFERRED
    story.no_consensus.save()
    after = client.get(page_url(draft)).content.decode()
    approved = client.get(url).content.decode()

    assert "<strong>Draft</strong> — built from the records (<time datetime=" in before
    assert "no consensus was reached on the work plan of the EG-ITRs." in before
    assert "the Group deferred its consideration of the work plan of the EG-ITRs." not in before
    assert "the Group deferred its consideration of the work plan of the EG-ITRs." in after
    assert after.count("<h1") == 1
    # The approved version says what it said, and points to the new one.
    assert reports.approved.rendered_html in approved
    assert "no consensus was reached on the work plan of the EG-ITRs." in approved
    assert f'<a href="{page_url(draft)}">version 2</a>' in approved
    assert f'follows <a href="{url}">version 1</a>' in after


def test_the_approved_report_is_byte_identical_after_the_records_change(
    client, secretariat, reports
):
    story, report = reports.story, reports.approved
    client.force_login(secretariat)
    stored = {format: report.renditions.get(format=format).sha256 for format in FORMATS}
    story.no_consensus.outcome = Outcome.NOT_APPROVED
    story.no_consensus.text = ""
    story.no_consensus.save()
    draft = services.new_report_version(report=story.meeting_report, by=secretariat)
    services.number_statements_from(report=draft, first_number=5, by=secretariat)

    page = client.get(page_url(report)).content.decode()
    downloads = {
        format: content_of(client.get(download_url(report, format))) for format in FORMATS
    }

    assert report.rendered_html in page
    assert sha256(report.rendered_html.encode()) == report.rendered_sha256
    assert {format: sha256(data) for format, data in downloads.items()} == stored
    assert "attached as Annex 2 to the Second Meeting Report." in page
    assert "no consensus was reached on the work plan of the EG-ITRs." in page
    live = client.get(
        download_url(services.new_report_version(report=report, by=secretariat), "pdf")
    )
    # The meeting report's new version is a draft: its number 5 is not quoted yet.
    assert "attached as Annex 2 to the Second Meeting Report." in pdf_text(content_of(live))


def test_draft_downloads_are_rendered_now_for_the_secretariat(client, secretariat, reports):
    client.force_login(secretariat)

    docx_response = client.get(download_url(reports.draft, "docx"))
    pdf_response = client.get(download_url(reports.draft, "pdf"))

    assert docx_response["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C25-draft.docx"'
    )
    assert pdf_response["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C25-draft.pdf"'
    )
    assert (docx_response["Cache-Control"], pdf_response["X-Content-Type-Options"]) == (
        "private, no-store",
        "nosniff",
    )
    document = docx.Document(io.BytesIO(content_of(docx_response)))
    assert [p.text for p in document.tables[0].rows[0].cells[1].paragraphs] == [
        "Document C25/25",
        "Original: English",
    ]
    text = pdf_text(content_of(pdf_response))
    assert normalized("The EG-ITRs held no meeting in the period of this report.") in text


def test_the_approved_report_downloads_under_its_session_name(client, secretariat, reports):
    client.force_login(secretariat)

    response = client.get(download_url(reports.approved, "docx"))

    assert response["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C24.docx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert sha256(content_of(response)) == sha256(stored_bytes(reports.approved, "docx"))


def test_an_approved_but_unpublished_report_says_so(client, secretariat, reports):
    html = get_as(client, secretariat, page_url(reports.approved)).content.decode()

    assert "Approved, not yet published" in html
    assert '<span class="badge report-status-approved">Approved</span>' in html


def test_a_report_under_another_group_or_unknown_is_404(client, reports):
    report = reports.published
    urls = [
        reverse("proceedings:report_detail", args=["other-group", report.pk]),
        reverse("proceedings:report_detail", args=[report.group.slug, report.pk + 100]),
        reverse("proceedings:report_pdf", args=["other-group", report.pk]),
    ]

    assert [status_code(client, url) for url in urls] == [404, 404, 404]


def test_a_published_report_without_a_stored_text_is_built_and_says_so(client, held_meeting):
    report = make_report(held_meeting.group, title="Older report", meeting=held_meeting)

    html = client.get(page_url(report)).content.decode()
    response = client.get(download_url(report, "docx"))

    assert "no approved text was stored for this report." in html
    assert '<h1 class="report-title">Older report</h1>' in html
    assert response["Cache-Control"] == "private, no-store"
    assert docx.Document(io.BytesIO(content_of(response))).tables[0] is not None


@pytest.mark.parametrize("role", ROLES)
def test_the_secretariat_is_told_when_the_records_changed_under_its_own_text(
    client, roles, secretariat, reports, role
):
    draft = services.new_report_version(report=reports.approved, by=secretariat)
    draft.purpose = "The Group's own purpose."
    services.record_header_basis(draft, ["purpose"])
    draft.save()
    meeting = reports.story.meeting2
    meeting.end_date = datetime.date(2024, 1, 31)
    meeting.save()

    response = get_as(client, roles.get(role), page_url(draft))
    html = content_of(response).decode()

    notice = (
        '<li class="warning">The records changed since the secretariat wrote the purpose: it '
        "was written when they read “This report summarizes the main results of the first and "
        "second meetings of the EG-ITRs, held on 16 October 2023 and 29-30 January 2024 "
        "respectively, in line with Resolution 146 (Rev. Bucharest, 2022) and Council "
        "Resolution 1379 (Mod. 2023).”; they now read “This report summarizes the main results "
        "of the first and second meetings of the EG-ITRs, held on 16 October 2023 and 29-31 "
        "January 2024 respectively, in line with Resolution 146 (Rev. Bucharest, 2022) and "
        "Council Resolution 1379 (Mod. 2023).”. Check it before approval.</li>"
    )
    if role == "secretariat":
        assert (response.status_code, html.count(notice)) == (200, 1)
    else:
        # Others do not read drafts at all.
        assert (response.status_code, notice in html) == (404, False)
