"""Every hostile file of the corpus, sent through the pages people upload with: the
delegate's draft form and the secretariat's translation page in the admin.

None is accepted, none makes a server error, and each comes back in its form, with what
was typed kept and the rule that refused it named. The rules are tested without a virus
scanner (its heuristics name some of these files first); with the real one, the corpus
is refused all the same and EICAR is found.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions.enums import ContributionKind, ContributionStatus, Language
from contributions.files import antivirus
from contributions.models import Contribution, ContributionFile
from meetings.enums import AccessLevel
from tests.contributions import hostile
from tests.factories import make_contribution

CORPUS = hostile.corpus()
TITLE = "Proposal on Article 5 <&> “quoted”"
ABSTRACT = "Amend Article 5.\nSecond line."


def stored_files(settings):
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


BOUNDARY = "hostile-corpus-boundary"


def multipart(fields, files):
    """A form as a browser sends it, the file names as given (Django's test client keeps at
    most 255 characters of them); `files` by field name, or as (field name, file) pairs."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    for key, upload in files.items() if isinstance(files, dict) else files:
        name = upload.name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
            + upload.content
            + b"\r\n"
        )
    return {
        "data": b"".join(parts) + f"--{BOUNDARY}--\r\n".encode(),
        "content_type": f"multipart/form-data; boundary={BOUNDARY}",
    }


def draft_data():
    return {
        "title": TITLE,
        "abstract": ABSTRACT,
        "kind": ContributionKind.CONTRIBUTION,
        "original_language": Language.ENGLISH,
        "access_level": AccessLevel.MEMBERS,
    }


def post_draft(client, url, upload, **fields):
    return client.post(url, **multipart(draft_data() | fields, {"file": upload}))


def assert_refused_by_the_draft_form(client, meeting, upload, settings):
    before = (Contribution.objects.count(), ContributionFile.objects.count())
    files_before = stored_files(settings)
    response = post_draft(client, reverse("contributions:draft_create", args=[meeting.pk]), upload)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"file": [upload.message]}
    assert (form["title"].value(), form["abstract"].value()) == (TITLE, ABSTRACT)
    assert 'value="Proposal on Article 5 &lt;&amp;&gt; “quoted”"' in response.text
    assert ">\nAmend Article 5.\nSecond line.</textarea>" in response.text
    assert (Contribution.objects.count(), ContributionFile.objects.count()) == before
    assert stored_files(settings) == files_before


def assert_refused_by_the_admin(client, contribution, upload, settings):
    before = stored_files(settings)
    url = reverse("admin:contributions_contribution_translation_post", args=[contribution.pk])
    response = client.post(url, **multipart({"language": "es"}, {"file": upload}))

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [upload.message]}
    assert '<option value="es" selected>Spanish</option>' in response.text
    assert (contribution.files.count(), contribution.translations.count()) == (1, 0)
    assert stored_files(settings) == before


@pytest.fixture
def no_scanner(settings):
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""


@pytest.fixture
def submitted(meeting, delegate_a):
    return make_contribution(
        meeting=meeting, delegate=delegate_a, status=ContributionStatus.SUBMITTED
    )


@pytest.mark.parametrize("upload", CORPUS, ids=lambda upload: upload.kind)
def test_the_draft_form_refuses_each_hostile_file_and_keeps_what_was_typed(
    client, meeting, delegate_a, upload, settings, no_scanner
):
    client.force_login(delegate_a)
    assert_refused_by_the_draft_form(client, meeting, upload, settings)


@pytest.mark.parametrize("upload", CORPUS, ids=lambda upload: upload.kind)
def test_the_admin_refuses_each_hostile_file_and_keeps_the_language(
    client, secretariat, submitted, upload, settings, no_scanner
):
    client.force_login(secretariat)
    assert_refused_by_the_admin(client, submitted, upload, settings)


def test_the_draft_edit_form_refuses_a_hostile_file_and_keeps_the_draft(
    client, meeting, delegate_a, settings, no_scanner
):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    client.force_login(delegate_a)
    upload = next(item for item in CORPUS if item.name == "vba-content-type.docx")
    before = stored_files(settings)

    response = post_draft(
        client,
        reverse("contributions:draft_edit", args=[draft.pk]),
        upload,
        updated_at=draft.updated_at.isoformat(),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"file": [upload.message]}
    assert form["title"].value() == TITLE
    draft.refresh_from_db()
    assert (draft.title, draft.files.count()) == ("Proposal for the work plan", 1)
    assert stored_files(settings) == before


def test_a_file_over_the_limit_says_its_size_and_the_limit(client, meeting, delegate_a, settings):
    # Over 2.5 MB, Django writes the upload to a temporary file: the other handler.
    content = b"%PDF-1.4\n" + b"0" * (20 * 2**20)
    too_big = hostile.Hostile(
        "size", "big.pdf", content, "The file is 20.1 MB; files up to 20 MB are accepted."
    )
    client.force_login(delegate_a)
    assert_refused_by_the_draft_form(client, meeting, too_big, settings)


def test_a_file_name_of_a_thousand_characters_is_a_form_error(
    client, meeting, delegate_a, settings, no_scanner
):
    # Django's multipart parser refuses part headers over 1 KiB with a bare 400.
    upload = next(item for item in CORPUS if len(item.name) == 1000)
    client.force_login(delegate_a)
    assert_refused_by_the_draft_form(client, meeting, upload, settings)


def test_good_files_still_pass_both_forms(client, meeting, delegate_a, secretariat, submitted):
    client.force_login(delegate_a)
    response = post_draft(
        client,
        reverse("contributions:draft_create", args=[meeting.pk]),
        hostile.Hostile("", "proposal.docx", hostile.docx(), ""),
    )
    draft = Contribution.objects.get(title=TITLE)
    assert response["Location"] == reverse("contributions:member_detail", args=[draft.pk])
    assert draft.files.get().original_name == "proposal.docx"

    client.force_login(secretariat)
    url = reverse("admin:contributions_contribution_translation_post", args=[submitted.pk])
    response = client.post(
        url,
        {"language": "es", "file": SimpleUploadedFile("traducción.pdf", hostile.pdf_file())},
    )
    assert response.status_code == 302
    assert submitted.files.get(language="es").original_name == "traducción.pdf"


@pytest.fixture
def eicar_signature():
    """The name clamd gives the EICAR test file (it depends on its signature database)."""
    signature = antivirus.scan(io.BytesIO(hostile.EICAR))
    assert signature is not None
    return signature


@pytest.mark.clamd
def test_a_real_clamd_finds_eicar_in_both_forms(
    client, meeting, delegate_a, secretariat, submitted, settings, eicar_signature, caplog
):
    uploads = hostile.virus_files(eicar_signature)
    client.force_login(delegate_a)
    for upload in uploads:
        assert_refused_by_the_draft_form(client, meeting, upload, settings)
    client.force_login(secretariat)
    for upload in uploads:
        assert_refused_by_the_admin(client, submitted, upload, settings)

    assert [(record.name, record.levelname, record.getMessage()) for record in caplog.records] == [
        (
            "egitrs.security",
            "WARNING",
            f"Upload {upload.name!r} refused: the virus scanner found {eicar_signature}.",
        )
        for upload in uploads + uploads
    ]


@pytest.mark.clamd
def test_with_a_real_clamd_the_whole_corpus_is_still_refused(
    client, meeting, delegate_a, settings
):
    client.force_login(delegate_a)
    url = reverse("contributions:draft_create", args=[meeting.pk])
    named_by_the_scanner = []
    for upload in CORPUS:
        response = post_draft(client, url, upload)

        assert response.status_code == 200
        [message] = response.context["form"].errors["file"]
        if message != upload.message:
            assert message.startswith(f"“{upload.name}” was refused: the virus scanner found ")
            named_by_the_scanner.append(upload.name)
    assert (Contribution.objects.count(), stored_files(settings)) == (0, [])
    # Its heuristics know obfuscated PDF names; the rest is left to the rules.
    assert len(named_by_the_scanner) < len(CORPUS) // 4
