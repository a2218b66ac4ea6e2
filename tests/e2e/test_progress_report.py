"""From recorded meetings to a published progress report, in a real browser."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from meetings.enums import MeetingStatus
from proceedings.enums import Outcome, ReportKind
from proceedings.models import Decision, Report
from tests import factories
from tests.two_factor import pass_code_step

PASSWORD = "correct horse battery staple"
SENTENCES = [
    "The EG-ITRs held its first meeting at the ITU Headquarters in Geneva, Switzerland, on "
    "16 October 2023.",
    "In the first meeting of the EG-ITRs, no consensus was reached on the work plan of the "
    "EG-ITRs. The Group could not agree on the work plan. A statement from the Russian "
    "Federation in this respect is to be attached to the First Meeting Report, provisionally "
    "as Annex 1.",
]


def choose(page, field, search, option):
    """Pick `option` in the admin's autocomplete (select2) widget of `field`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return info.value


def test_secretariat_builds_approves_and_publishes_public_reads_and_downloads(new_page):
    group = factories.ExpertGroupFactory(
        mandate="The EG-ITRs was reconvened by Council Resolution 1379 (Mod. 2023)."
    )
    day = datetime.date(2023, 10, 16)
    meeting = factories.MeetingFactory(
        group=group, ordinal=1, start_date=day, end_date=day, status=MeetingStatus.HELD
    )
    factories.OrganizationFactory(
        name="Russian Federation", name_in_sentence="the Russian Federation"
    )
    factories.SecretariatUserFactory(username="secretariat")
    Report.objects.create(
        group=group,
        kind=ReportKind.MEETING,
        meeting=meeting,
        title="Report of the first meeting of the EG-ITRs",
    )
    approval = Decision.objects.create(
        meeting=meeting,
        subject="the progress report to Council 2024",
        outcome=Outcome.APPROVED,
        procedural=True,
    )

    # The secretariat records the decision and the statement, in the admin.
    secretariat = new_page()
    secretariat.goto(reverse("admin:proceedings_decision_add"))
    secretariat.get_by_label("Username").fill("secretariat")
    secretariat.get_by_label("Password").fill(PASSWORD)
    secretariat.get_by_role("button", name="Log in").click()
    pass_code_step(secretariat, "secretariat")
    secretariat.get_by_label("Meeting").select_option(label=str(meeting))
    secretariat.get_by_label("Subject").fill("the work plan of the EG-ITRs")
    secretariat.get_by_label("Outcome").select_option(label="No consensus")
    secretariat.get_by_label("Understanding or conclusion").fill(
        "The Group could not agree on the work plan."
    )
    secretariat.get_by_role("button", name="Save", exact=True).click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("was added successfully")

    secretariat.goto(reverse("admin:proceedings_statement_add"))
    secretariat.get_by_label("Meeting").select_option(label=str(meeting))
    choose(secretariat, "organizations", "Russian", "Russian Federation")
    choose(secretariat, "decision", "work plan", "the work plan of the EG-ITRs")
    secretariat.get_by_label("Title").fill("Statement by the Russian Federation")
    secretariat.locator("#id_text").fill("The Russian Federation made a statement.")
    choose(secretariat, "report", "first meeting", "Report of the first meeting")
    secretariat.get_by_role("button", name="Save", exact=True).click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("was added successfully")

    # It starts the progress report from one form, reads the draft, approves and publishes.
    secretariat.goto(reverse("admin:proceedings_report_changelist"))
    secretariat.get_by_role("link", name="Start a progress report").click()
    secretariat.get_by_label("Period from").fill("2023-10-01")
    secretariat.get_by_label("Period until").fill("2024-03-31")
    secretariat.get_by_label("Parent-body session").fill("Council 2024")
    secretariat.get_by_label("Parent-body document number").fill("C24/24")
    secretariat.get_by_role("button", name="Start the report").click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("is started")
    report = Report.objects.get(kind=ReportKind.PROGRESS)
    secretariat.get_by_role("link", name="Preview").click()
    expect(secretariat.locator("ul.messages")).to_contain_text("Draft — built from the records")
    expect(secretariat.locator("article.report")).to_contain_text(SENTENCES[1])
    secretariat.go_back()
    secretariat.get_by_role("link", name="Approve…").click()
    secretariat.get_by_label("Approved by decision").select_option(label=str(approval))
    secretariat.get_by_role("button", name="Approve").click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("is approved")
    secretariat.get_by_role("link", name="Publish…").click()
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("is published")
    report.refresh_from_db()
    assert (report.status, report.approved_by) == ("published", approval)

    # An anonymous visitor reads it and downloads it, as approved.
    visitor = new_page()
    visitor.goto(reverse("proceedings:report_list", args=[group.slug]))
    visitor.get_by_role("link", name="Progress report of the EG-ITRs", exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Progress report of the EG-ITRs")
    article = visitor.locator("article.report")
    for sentence in SENTENCES:
        expect(article).to_contain_text(sentence)
    expect(visitor.locator("ul.messages")).to_have_count(0)
    word = download(visitor, "Download Word (DOCX)")
    pdf = download(visitor, "Download PDF")

    assert word.suggested_filename == "EG-ITRs-progress-report-C24.docx"
    assert pdf.suggested_filename == "EG-ITRs-progress-report-C24.pdf"
    stored = {}
    for rendition in report.renditions.all():
        with rendition.file.open("rb") as file:
            stored[rendition.format] = file.read()
    assert word.path().read_bytes()[:2] == b"PK"
    assert pdf.path().read_bytes()[:5] == b"%PDF-"
    assert word.path().read_bytes() == stored["docx"]
    assert pdf.path().read_bytes() == stored["pdf"]
