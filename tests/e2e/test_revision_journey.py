"""A late revision with a co-sponsor, translated and published, in a real browser."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contributions.models import Contribution
from egitrs.sample_documents import docx_bytes
from tests import factories
from tests.factories import publish_document
from tests.two_factor import pass_code_step

PASSWORD = "correct horse battery staple"


def log_in(page, username, *, admin=False):
    page.goto(reverse("admin:login" if admin else "login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if admin:
        pass_code_step(page, username)


def test_late_revision_cosponsored_translated_and_published(new_page, tmp_path):
    group = factories.ExpertGroupFactory()
    # The deadline has passed, the meeting has not yet begun: what comes now is late.
    meeting = factories.MeetingFactory(
        group=group, ordinal=2, contribution_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    russia = factories.OrganizationFactory(name="Russian Federation")
    brazil = factories.OrganizationFactory(name="Brazil")
    author = factories.DelegateFactory(username="delegate-ru", organization=russia)
    factories.DelegateFactory(username="delegate-br", organization=brazil)
    secretariat = factories.SecretariatUserFactory(username="secretariat")
    base = publish_document(
        meeting, delegate=author, secretariat=secretariat, title="Proposal for the work plan"
    )
    revised = tmp_path / "revision.docx"
    revised.write_bytes(docx_bytes("Proposal for the work plan (Rev.1)"))
    french = tmp_path / "revision-fr.docx"
    french.write_bytes(docx_bytes("Proposition de plan de travail (Rév.1)"))

    # The delegate starts a revision of the published document, names Brazil and submits late.
    delegate = new_page()
    log_in(delegate, "delegate-ru")
    delegate.get_by_role("link", name="Proposal for the work plan").click()
    delegate.get_by_role("button", name="Start a revision").click()
    delegate.get_by_label("Co-sponsoring organizations").select_option(label="Brazil")
    delegate.get_by_label("File").set_input_files(revised)
    delegate.get_by_role("button", name="Save draft").click()
    expect(delegate.locator("ul.messages").first).to_contain_text("saved")
    expect(delegate.get_by_text("it will be marked late")).to_be_visible()
    delegate.get_by_role("button", name="Submit to the secretariat").click()
    expect(delegate.locator("ul.messages").first).to_contain_text("late")
    revision = Contribution.objects.get(base=base)

    # Brazil's delegate confirms the co-sponsorship from "My documents".
    cosponsor = new_page()
    log_in(cosponsor, "delegate-br")
    requests = cosponsor.get_by_role("table").filter(has_text="Proposal for the work plan")
    requests.get_by_role("button", name="Confirm").first.click()
    expect(cosponsor.locator("ul.messages").first).to_contain_text("Brazil")

    # The secretariat posts the French translation, then publishes.
    office = new_page()
    log_in(office, "secretariat", admin=True)
    office.goto(reverse("admin:contributions_contribution_change", args=[revision.pk]))
    office.get_by_role("link", name="Post a translation").click()
    office.get_by_label("Language").select_option(label="French")
    office.get_by_label("File").set_input_files(french)
    office.get_by_role("button", name="Post the translation").click()
    expect(office.locator("ul.messagelist")).to_contain_text("French")
    office.goto(reverse("admin:contributions_contribution_change", args=[revision.pk]))
    office.get_by_role("link", name="Publish…").click()
    office.get_by_role("button", name="Publish").click()
    expect(office.locator("ul.messagelist")).to_contain_text("EG-ITRs 2/1 (Rev.1)")

    # Anyone sees the revision with its number, the late flag and the language matrix.
    visitor = new_page()
    visitor.goto(reverse("contributions:document_detail", args=[group.slug, "2-1-rev1"]))
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("EG-ITRs 2/1 (Rev.1)")
    expect(visitor.locator(".badge.late").first).to_be_visible()
    languages = visitor.locator("table.languages")
    expect(languages.get_by_role("link", name="EG-ITRs-2-1-Rev1-F.docx")).to_be_visible()
    expect(languages.get_by_role("link", name="EG-ITRs-2-1-Rev1-E.docx")).to_be_visible()
    expect(visitor.get_by_text("Brazil")).to_be_visible()
