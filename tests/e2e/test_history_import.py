"""The secretariat brings a group's history in through the admin; the public reads it."""

import zipfile

from playwright.sync_api import expect

from tests import factories
from tests.history.docs_example import write_docs_example
from tests.history.helpers import tree
from tests.two_factor import pass_code_step

PASSWORD = "correct horse battery staple"


def test_secretariat_uploads_checks_confirms_and_the_public_reads(new_page, tmp_path):
    factories.SecretariatUserFactory(username="secretariat")
    write_docs_example(tmp_path / "history")
    archive = tmp_path / "tsag-rg-wm.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name, data in tree(tmp_path / "history").items():
            out.writestr(name, data)

    page = new_page()
    page.goto("/admin/history/historyimport/add/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_code_step(page, "secretariat")
    page.get_by_label("History file").set_input_files(str(archive))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="What the import would create")).to_be_visible()
    expect(page.locator(".history-summary li")).to_have_text(
        [
            "TSAG-RG-WM: meetings 1, agenda items 2, registrations 1, documents 2, files 2, "
            "decisions 2, statements 0, work plans 0, reports 1"
        ]
    )
    page.get_by_role("button", name="Import it now").click()
    expect(page.get_by_text("Imported “tsag-rg-wm.zip”.")).to_be_visible()

    public = new_page()
    public.goto("/tsag-rg-wm/meetings/1/")
    expect(public.get_by_role("link", name="TSAG-RG-WM 1/1 (Corr.1)")).to_be_visible()
    public.get_by_role("link", name="TSAG-RG-WM 1/1", exact=True).first.click()
    title = "Proposal on electronic working methods"
    expect(public.get_by_role("heading", name=title)).to_be_visible()
