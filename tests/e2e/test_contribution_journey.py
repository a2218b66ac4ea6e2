"""A contribution from a delegate's desk to the public register, in a real browser."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from contributions.models import Contribution
from egitrs.sample_documents import docx_bytes
from tests import factories
from tests.two_factor import pass_code_step

PASSWORD = "correct horse battery staple"


def log_in(page, username):
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_delegate_submits_secretariat_publishes_public_downloads(new_page, tmp_path):
    group = factories.ExpertGroupFactory()
    meeting = factories.MeetingFactory(group=group, ordinal=3)
    russia = factories.OrganizationFactory(name="Russian Federation")
    factories.DelegateFactory(username="delegate-ru", organization=russia)
    factories.SecretariatUserFactory(username="secretariat")
    document = tmp_path / "work-plan.docx"
    document.write_bytes(docx_bytes("Proposal for the work plan", ["The Group should..."]))

    # The delegate drafts the contribution with its file, then submits it.
    delegate = new_page()
    log_in(delegate, "delegate-ru")
    expect(delegate.get_by_role("heading", level=1)).to_have_text("My documents")
    delegate.get_by_role("link", name=f"New contribution to {meeting}").click()
    delegate.get_by_label("Title").fill("Proposal for the work plan of the EG-ITRs")
    delegate.get_by_label("Abstract").fill("A work plan for the review of the ITRs.")
    delegate.get_by_label("File").set_input_files(document)
    delegate.get_by_role("button", name="Save draft").click()
    expect(delegate.locator("ul.messages")).to_contain_text("saved")
    delegate.get_by_role("button", name="Submit to the secretariat").click()
    expect(delegate.locator("ul.messages")).to_contain_text("Submitted to the secretariat")
    expect(delegate.locator(".badge.status-submitted").first).to_have_text("Submitted")
    delegate.screenshot(path=tmp_path / "delegate.png", full_page=True)

    # The secretariat publishes it from the admin; the number is assigned.
    secretariat = new_page()
    secretariat.goto(reverse("admin:contributions_contribution_changelist"))
    secretariat.get_by_label("Username").fill("secretariat")
    secretariat.get_by_label("Password").fill(PASSWORD)
    secretariat.get_by_role("button", name="Log in").click()
    pass_code_step(secretariat, "secretariat")
    secretariat.get_by_role("link", name="Proposal for the work plan of the EG-ITRs").click()
    secretariat.get_by_role("link", name="Publish…").click()
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.locator("ul.messagelist")).to_contain_text("EG-ITRs 3/1")
    assert Contribution.objects.get().register_number == "EG-ITRs 3/1"

    # An anonymous visitor finds it by its number and downloads the file.
    visitor = new_page()
    visitor.goto(reverse("contributions:document_list", args=[group.slug]))
    visitor.get_by_label("Search").fill("3/1")
    visitor.get_by_role("button", name="Filter").click()
    rows = visitor.locator("table.register tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Russian Federation")
    rows.first.get_by_role("link", name="EG-ITRs 3/1").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(
        "Proposal for the work plan of the EG-ITRs"
    )
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name=re.compile(r"EG-ITRs-3-1-E\.docx")).click()
    download = download_info.value
    assert download.suggested_filename == "EG-ITRs-3-1-E.docx"
    assert download.path().read_bytes() == document.read_bytes()
