"""The languages of a report in the admin: the secretariat requests, starts and posts."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from contributions.enums import TranslationStatus
from proceedings import services
from proceedings.enums import ReportStatus
from proceedings.models import ReportTranslationFile
from tests import factories
from tests.proceedings.conftest import make_report

REQUESTED = TranslationStatus.REQUESTED
IN_TRANSLATION = TranslationStatus.IN_TRANSLATION
POSTED = TranslationStatus.POSTED
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def approved(group):
    return make_report(
        group, title="Progress report", status=ReportStatus.APPROVED, parent_body_document="C24/21"
    )


@pytest.fixture
def clerk(db):
    """Staff with every permission on reports, but not in the secretariat."""
    user = factories.UserFactory(username="clerk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="proceedings", codename__endswith="report"
        )
    )
    return user


def url(name, report):
    return reverse(f"admin:proceedings_report_{name}", args=[report.pk])


def statuses(report):
    return dict(report.translations.values_list("language", "status"))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def french_docx(name="rapport.docx"):
    return factories.docx_upload(name=name, title="Rapport d'activité")


def test_languages_page_shows_the_six_languages_and_what_can_be_done(
    client, secretariat, approved
):
    services.request_report_translations(report=approved, languages=["fr", "es"], by=secretariat)
    services.start_report_translation(report=approved, language="es", by=secretariat)
    first = services.post_report_translation(
        report=approved, language="ru", upload=french_docx("ru.docx"), by=secretariat
    )
    current = services.post_report_translation(
        report=approved, language="ru", upload=french_docx("ru-2.docx"), by=secretariat
    )
    client.force_login(secretariat)

    response = client.get(url("translations", approved))

    rows = response.context["language_rows"]
    assert [(row.label, row.status, row.files, row.earlier) for row in rows] == [
        ("Arabic", "Not required", (), ()),
        ("Chinese", "Not required", (), ()),
        ("English", "Original", (), ()),
        ("French", "Requested", (), ()),
        ("Russian", "Posted", (current,), (first,)),
        ("Spanish", "In translation", (), ()),
    ]
    assert list(response.context["form"].fields["languages"].choices) == [
        ("ar", "Arabic"),
        ("zh", "Chinese"),
        ("fr", "French"),
        ("ru", "Russian"),
        ("es", "Spanish"),
    ]
    html = response.text
    assert html.count(f'action="{url("translation_start", approved)}"') == 1
    assert html.count(f'href="{url("translation_post", approved)}?language=') == 5
    assert f'<a href="{current.get_absolute_url()}">EG-ITRs-progress-report-C24-R.docx</a>' in html
    assert f'<a href="{first.get_absolute_url()}">Word document (DOCX)</a>' in html


def test_change_page_links_the_languages_and_shows_the_panel(client, secretariat, approved):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
    posted = services.post_report_translation(
        report=approved, language="es", upload=french_docx(), by=secretariat
    )
    client.force_login(secretariat)

    html = client.get(url("change", approved)).text

    assert f'<li><a href="{url("translations", approved)}">Languages…</a></li>' in html
    assert '<tr><th scope="row">French</th><td>Requested</td><td>-</td></tr>' in html
    assert (
        '<tr><th scope="row">Spanish</th><td>Posted</td><td>'
        f'<a href="{posted.get_absolute_url()}">EG-ITRs-progress-report-C24-S.docx</a></td></tr>'
    ) in html


def test_a_drafts_change_page_says_when_translations_begin(client, secretariat, group):
    draft = make_report(group, status=ReportStatus.DRAFT)
    client.force_login(secretariat)

    html = client.get(url("change", draft)).text

    assert url("translations", draft) not in html
    assert (
        "A report is built in its original language; its translations are requested once it "
        "is approved."
    ) in html


def test_secretariat_requests_translations_on_the_page(client, secretariat, approved):
    client.force_login(secretariat)

    response = client.post(url("translations", approved), {"languages": ["fr", "zh"]})

    assert response["Location"] == url("translations", approved)
    assert statuses(approved) == {"fr": REQUESTED, "zh": REQUESTED}
    assert messages_of(response) == [
        "Translations of “Progress report” into French, Chinese are requested."
    ]


def test_request_page_refuses_the_original_and_nothing(client, secretariat, approved):
    client.force_login(secretariat)

    original = client.post(url("translations", approved), {"languages": ["en"]})
    nothing = client.post(url("translations", approved), {})

    assert original.context["form"].errors == {
        "languages": ["Select a valid choice. en is not one of the available choices."]
    }
    assert nothing.context["form"].errors == {"languages": ["This field is required."]}
    assert statuses(approved) == {}


def test_request_page_of_a_draft_says_why_not_and_keeps_the_choice(client, secretariat, group):
    draft = make_report(group, status=ReportStatus.DRAFT)
    client.force_login(secretariat)
    refusal = (
        "A draft report still changes with the records: its translations are requested once "
        "it is approved."
    )

    page = client.get(url("translations", draft))
    response = client.post(url("translations", draft), {"languages": ["fr", "ru"]})

    assert f'<p class="errornote">{refusal}</p>' in page.text
    assert url("translation_post", draft) not in page.text
    assert response.context["form"].non_field_errors() == [refusal]
    assert response.context["form"]["languages"].value() == ["fr", "ru"]
    assert statuses(draft) == {}


def test_start_button_puts_a_translation_in_work(client, secretariat, approved):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
    client.force_login(secretariat)

    refused = client.get(url("translation_start", approved))
    response = client.post(url("translation_start", approved), {"language": "fr"})
    again = client.post(url("translation_start", approved), {"language": "fr"})

    assert refused.status_code == 405
    assert response["Location"] == url("translations", approved)
    assert statuses(approved) == {"fr": IN_TRANSLATION}
    assert messages_of(response) == [
        "The French translation of “Progress report” is in translation."
    ]
    # Messages pile up when no redirect is followed: the last is the refusal.
    assert messages_of(again)[-1] == "Only a requested translation can be started."


def test_post_page_keeps_the_language_asked_for(client, secretariat, approved):
    client.force_login(secretariat)

    response = client.get(url("translation_post", approved), {"language": "fr"})

    assert response.context["form"]["language"].value() == "fr"
    assert '<option value="fr" selected>French</option>' in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert "The translated report as a DOCX or a PDF." in response.text


def test_secretariat_posts_a_translation_on_the_page(client, secretariat, approved):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
    client.force_login(secretariat)

    response = client.post(
        url("translation_post", approved), {"language": "fr", "file": french_docx()}
    )

    assert response["Location"] == url("translations", approved)
    assert statuses(approved) == {"fr": POSTED}
    posted = ReportTranslationFile.objects.get()
    assert (posted.original_name, posted.posted_by, posted.format) == (
        "rapport.docx",
        secretariat,
        "docx",
    )
    assert messages_of(response) == [
        "The French translation of “Progress report” is posted as "
        "EG-ITRs-progress-report-C24-F.docx."
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("rapport.pdf", EXECUTABLE),
            "“rapport.pdf” is named .pdf but its content is not a PDF document.",
        ),
        (
            factories.docx_upload(name="rapport.pptx"),
            "“rapport.pptx” is not accepted: a report's translation is posted as DOCX or PDF.",
        ),
    ],
)
def test_a_refused_file_is_explained_and_the_language_kept(
    client, secretariat, approved, upload, message
):
    client.force_login(secretariat)

    response = client.post(url("translation_post", approved), {"language": "es", "file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert '<option value="es" selected>Spanish</option>' in response.text
    assert escape(message) in response.text
    assert (statuses(approved), ReportTranslationFile.objects.count()) == ({}, 0)


def test_posting_for_a_draft_says_why_not(client, secretariat, group):
    draft = make_report(group, status=ReportStatus.DRAFT)
    client.force_login(secretariat)

    response = client.post(
        url("translation_post", draft), {"language": "fr", "file": french_docx()}
    )

    assert response.context["form"].non_field_errors() == [
        "A draft report still changes with the records: only an approved or published "
        "report's translation is posted."
    ]
    assert response.context["form"]["language"].value() == "fr"
    assert ReportTranslationFile.objects.count() == 0


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, role, approved):
    if roles[role]:
        client.force_login(roles[role])
    urls = [
        url("translations", approved),
        url("translation_start", approved),
        url("translation_post", approved),
    ]

    responses = [
        client.post(urls[0], {"languages": ["fr"]}),
        client.post(urls[1], {"language": "fr"}),
        client.post(urls[2], {"language": "fr", "file": french_docx()}),
    ]

    assert [r["Location"] for r in responses] == [
        f"{reverse('admin:login')}?next={page}" for page in urls
    ]
    assert (statuses(approved), ReportTranslationFile.objects.count()) == ({}, 0)


def test_staff_outside_the_secretariat_is_refused(client, clerk, approved, group):
    published = make_report(group, title="Published report", status=ReportStatus.PUBLISHED)
    client.force_login(clerk)

    answers = [
        client.get(url("translations", approved)).status_code,
        client.post(url("translation_post", approved), {"language": "fr"}).status_code,
        client.get(url("translations", published)).status_code,
        client.post(url("translation_start", published), {"language": "fr"}).status_code,
    ]

    # An unpublished report is not theirs to see; a published one not theirs to translate.
    assert answers == [404, 404, 403, 403]
    assert statuses(published) == {}
