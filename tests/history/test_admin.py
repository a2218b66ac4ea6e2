"""The secretariat uploads a history in the admin, reads the dry run, then confirms."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions.models import Contribution
from history.enums import ImportStatus
from history.models import HistoryImport
from meetings.models import ExpertGroup
from tests.history.helpers import row_counts, second_history_accounts, tree
from tests.history.histories import second_history, write_files

ADD = reverse("admin:history_historyimport_add")


def zipped(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in tree(folder).items():
            archive.writestr(name, data)
    return SimpleUploadedFile("eg-dwm.zip", buffer.getvalue(), "application/zip")


@pytest.fixture
def importer(db):
    return second_history_accounts()


@pytest.fixture
def history_zip(tmp_path):
    write_files(tmp_path, second_history())
    return zipped(tmp_path)


def review_url(history_import):
    return reverse("admin:history_historyimport_review", args=[history_import.pk])


def test_upload_shows_the_dry_run_then_the_import_creates_it(client, importer, history_zip):
    client.force_login(importer)
    counts = row_counts()

    response = client.post(ADD, {"file": history_zip}, follow=True)

    history_import = HistoryImport.objects.get()
    assert history_import.status == ImportStatus.CHECKED
    assert response.redirect_chain == [(review_url(history_import), 302)]
    page = response.content.decode()
    assert "What the import would create" in page
    assert (
        "<li>EG-DWM: meetings 2, agenda items 9, registrations 5, documents 10, files 11, "
        "decisions 6, statements 1, work plans 2, reports 2</li>"
    ) in page
    assert "Import it now" in page
    # Nothing but the record of the upload itself.
    assert row_counts() == {**counts, "history.HistoryImport": 1}

    response = client.post(review_url(history_import), {}, follow=True)

    history_import.refresh_from_db()
    assert history_import.status == ImportStatus.IMPORTED
    assert history_import.imported_by == importer
    assert "Imported “eg-dwm.zip”." in response.content.decode()
    assert ExpertGroup.objects.get().acronym == "EG-DWM"
    assert Contribution.objects.count() == 10
    assert "Import it now" not in response.content.decode()

    # A second confirmation imports nothing more.
    client.post(review_url(history_import), {})
    assert Contribution.objects.count() == 10


def test_a_bad_file_shows_its_problems_and_cannot_be_imported(client, importer, tmp_path):
    history = second_history()
    history["groups"][0]["meetings"][0]["decisions"][1]["agenda_item"] = "3.1"
    write_files(tmp_path, history)
    client.force_login(importer)
    counts = row_counts()

    response = client.post(ADD, {"file": zipped(tmp_path)}, follow=True)

    history_import = HistoryImport.objects.get()
    assert history_import.status == ImportStatus.REFUSED
    assert history_import.problems == [
        [
            "/groups/0/meetings/0/decisions/1/agenda_item",
            "Agenda item 3.1 is not on the agenda of meeting 1: a decision is taken on an item "
            "of its own meeting.",
        ]
    ]
    page = response.content.decode()
    assert "Nothing was written." in page
    assert "Import it now" not in page
    client.post(review_url(history_import), {})
    assert row_counts() == {**counts, "history.HistoryImport": 1}


def test_a_zip_with_a_path_out_of_its_folder_is_refused(client, importer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../history.json", "{}")
    client.force_login(importer)

    client.post(ADD, {"file": SimpleUploadedFile("evil.zip", buffer.getvalue())})

    assert HistoryImport.objects.get().problems == [
        ["", "The ZIP file holds “../history.json”, outside its folder."]
    ]


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_reaches_the_upload(client, roles, role):
    if roles[role]:
        client.force_login(roles[role])

    response = client.get(ADD)

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={ADD}"


def test_the_secretariat_reaches_the_upload(client, secretariat):
    client.force_login(secretariat)

    response = client.get(ADD)

    assert response.status_code == 200
    assert "Check the file" in response.content.decode()


def test_staff_outside_the_secretariat_is_refused(client, db):
    from tests import factories

    clerk = factories.UserFactory(username="clerk", is_staff=True)
    client.force_login(clerk)

    assert client.get(ADD).status_code == 403
