"""The six languages of a document: the secretariat requests, starts and posts translations."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions import services
from contributions.enums import ContributionStatus, TranslationStatus
from contributions.models import ContributionFile, Translation
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
REQUESTED = TranslationStatus.REQUESTED
IN_TRANSLATION = TranslationStatus.IN_TRANSLATION
POSTED = TranslationStatus.POSTED
CHANGELIST = "admin:contributions_contribution_changelist"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def submitted(meeting, delegate_a):
    return make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)


def _statuses(contribution):
    return dict(contribution.translations.values_list("language", "status"))


def _french(name="traduction.docx"):
    return factories.docx_upload(name=name, title="Une contribution")


def test_request_creates_requested_translations(submitted, secretariat):
    translations = services.request_translations(
        contribution=submitted, languages=["fr", "es", "fr"], by=secretariat
    )

    assert [(t.language, t.status, t.requested_by) for t in translations] == [
        ("fr", REQUESTED, secretariat),
        ("es", REQUESTED, secretariat),
    ]
    assert _statuses(submitted) == {"fr": REQUESTED, "es": REQUESTED}


def test_request_leaves_work_in_progress_and_asks_again_for_a_posted_one(submitted, secretariat):
    services.request_translations(contribution=submitted, languages=["fr", "es"], by=secretariat)
    services.start_translation(contribution=submitted, language="es", by=secretariat)
    services.post_translation(
        contribution=submitted, language="ru", upload=_french("ru.docx"), by=secretariat
    )
    other = factories.SecretariatUserFactory(username="second-officer")

    services.request_translations(contribution=submitted, languages=["fr", "es", "ru"], by=other)

    assert _statuses(submitted) == {"fr": REQUESTED, "es": IN_TRANSLATION, "ru": REQUESTED}
    russian = submitted.translations.get(language="ru")
    assert russian.requested_by == other
    # The posted file stays until a new one supersedes it.
    assert list(submitted.files.current().values_list("language", flat=True)) == ["en", "ru"]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        (["en"], "English is the original language of the document, not a translation."),
        (["fr", "en"], "English is the original language of the document, not a translation."),
        ([], "Choose at least one language."),
        (["de"], "“de” is not a language of the ITU."),
    ],
)
def test_request_refuses_languages_that_are_not_translations(
    submitted, secretariat, languages, message
):
    with refused(ValidationError, message, submitted) as error:
        services.request_translations(contribution=submitted, languages=languages, by=secretariat)

    assert error.value.messages == [message]
    assert _statuses(submitted) == {}


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_handles_translations(submitted, roles, role, secretariat):
    user = roles[role] or AnonymousUser()
    services.request_translations(contribution=submitted, languages=["es"], by=secretariat)

    message = "Only the secretariat handles translations."
    with refused(PermissionDenied, message, submitted):
        services.request_translations(contribution=submitted, languages=["fr"], by=user)
    with refused(PermissionDenied, message, submitted):
        services.start_translation(contribution=submitted, language="es", by=user)
    with refused(PermissionDenied, message, submitted):
        services.post_translation(contribution=submitted, language="fr", upload=_french(), by=user)

    assert _statuses(submitted) == {"es": REQUESTED}
    assert list(submitted.files.values_list("language", flat=True)) == ["en"]


@pytest.mark.parametrize("status", [ContributionStatus.DRAFT, ContributionStatus.WITHDRAWN])
def test_drafts_and_withdrawn_documents_are_not_translated(
    meeting, delegate_a, secretariat, status
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=status)
    message = f"A {contribution.get_status_display().lower()} document is not translated."

    with refused(ValidationError, message, contribution) as requested:
        services.request_translations(contribution=contribution, languages=["fr"], by=secretariat)
    with refused(ValidationError, message, contribution) as posted:
        services.post_translation(
            contribution=contribution, language="fr", upload=_french(), by=secretariat
        )

    assert (requested.value.messages, posted.value.messages) == ([message], [message])
    assert (_statuses(contribution), contribution.files.count()) == ({}, 1)


def test_start_moves_a_requested_translation_into_work(submitted, secretariat):
    services.request_translations(contribution=submitted, languages=["fr"], by=secretariat)

    translation = services.start_translation(contribution=submitted, language="fr", by=secretariat)

    assert (translation.language, translation.status) == ("fr", IN_TRANSLATION)
    assert _statuses(submitted) == {"fr": IN_TRANSLATION}


@pytest.mark.parametrize("already", ["never", "in_translation", "posted"])
def test_start_refuses_what_is_not_requested(submitted, secretariat, already):
    if already != "never":
        services.request_translations(contribution=submitted, languages=["fr"], by=secretariat)
        services.start_translation(contribution=submitted, language="fr", by=secretariat)
    if already == "posted":
        services.post_translation(
            contribution=submitted, language="fr", upload=_french(), by=secretariat
        )
    before = _statuses(submitted)

    message = "Only a requested translation can be started."
    with refused(ValidationError, message, submitted) as error:
        services.start_translation(contribution=submitted, language="fr", by=secretariat)

    assert error.value.messages == [message]
    assert _statuses(submitted) == before


def test_post_stores_the_file_marks_it_posted_and_tells_the_submitter(
    meeting,
    delegate_a,
    delegate_b,
    org_b,
    secretariat,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b]
    )
    services.confirm_cosponsorship(source=contribution.sources.get(order=1), by=delegate_b)
    contribution = services.publish_contribution(contribution=contribution, by=secretariat)
    services.request_translations(contribution=contribution, languages=["fr"], by=secretariat)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        translation = services.post_translation(
            contribution=contribution, language="fr", upload=_french(), by=secretariat
        )

    assert (translation.language, translation.status) == ("fr", POSTED)
    french = contribution.files.current().get(language="fr")
    assert (french.original_name, french.uploaded_by) == ("traduction.docx", secretariat)
    assert french.download_name == f"EG-ITRs-{meeting.ordinal}-1-F.docx"
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]]


def test_a_later_post_supersedes_and_never_overwrites(submitted, secretariat):
    first = services.post_translation(
        contribution=submitted, language="fr", upload=_french("v1.docx"), by=secretariat
    )
    services.post_translation(
        contribution=submitted, language="fr", upload=_french("v2.docx"), by=secretariat
    )

    files = submitted.files.filter(language="fr").order_by("pk")
    assert [f.original_name for f in files] == ["v1.docx", "v2.docx"]
    assert submitted.files.current().get(language="fr").original_name == "v2.docx"
    assert files[0].file.name != files[1].file.name
    assert Translation.objects.filter(contribution=submitted).count() == 1
    assert first.status == POSTED


def test_post_without_a_request_records_the_translation(submitted, secretariat):
    services.post_translation(
        contribution=submitted, language="zh", upload=_french(), by=secretariat
    )

    translation = submitted.translations.get()
    assert (translation.language, translation.status, translation.requested_by) == (
        "zh",
        POSTED,
        secretariat,
    )


def test_a_refused_file_changes_nothing(submitted, secretariat):
    translation = services.request_translations(
        contribution=submitted, languages=["fr"], by=secretariat
    )
    upload = SimpleUploadedFile("traduction.pdf", EXECUTABLE, content_type="application/pdf")
    message = "“traduction.pdf” is named .pdf but its content is not a PDF document."

    with refused(ValidationError, message, submitted, *translation) as error:
        services.post_translation(
            contribution=submitted, language="fr", upload=upload, by=secretariat
        )

    assert error.value.messages == [message]
    assert _statuses(submitted) == {"fr": REQUESTED}
    assert ContributionFile.objects.filter(language="fr").count() == 0


def test_post_refuses_the_original_language(submitted, secretariat):
    message = "English is the original language of the document, not a translation."
    with refused(ValidationError, message, submitted) as error:
        services.post_translation(
            contribution=submitted, language="en", upload=_french(), by=secretariat
        )

    assert error.value.messages == [message]
    assert submitted.files.count() == 1


# The admin: the languages page, starting and posting, the action and the filter.


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _url(name, contribution):
    return reverse(f"admin:contributions_contribution_{name}", args=[contribution.pk])


def test_languages_page_shows_the_six_languages(client, secretariat, submitted):
    services.request_translations(contribution=submitted, languages=["fr", "es"], by=secretariat)
    services.start_translation(contribution=submitted, language="es", by=secretariat)
    services.post_translation(
        contribution=submitted, language="ru", upload=_french("ru.docx"), by=secretariat
    )
    client.force_login(secretariat)

    response = client.get(_url("translations", submitted))

    assert [(row.label, row.status) for row in response.context["language_rows"]] == [
        ("Arabic", "Not required"),
        ("Chinese", "Not required"),
        ("English", "Original"),
        ("French", "Requested"),
        ("Russian", "Posted"),
        ("Spanish", "In translation"),
    ]
    assert [row.code for row in response.context["language_rows"] if row.file] == ["en", "ru"]
    assert list(response.context["form"].fields["languages"].choices) == [
        ("ar", "Arabic"),
        ("zh", "Chinese"),
        ("fr", "French"),
        ("ru", "Russian"),
        ("es", "Spanish"),
    ]
    assert response.text.count(f'action="{_url("translation_start", submitted)}"') == 1


def test_change_page_links_the_languages_and_shows_the_panel(client, secretariat, submitted):
    services.request_translations(contribution=submitted, languages=["fr"], by=secretariat)
    client.force_login(secretariat)

    response = client.get(_url("change", submitted))

    assert f'<a href="{_url("translations", submitted)}">Languages</a>' in response.text
    assert f'<a href="{_url("translation_post", submitted)}">Post a translation</a>' in (
        response.text
    )
    assert '<tr><th scope="row">French</th><td>Requested</td><td>-</td></tr>' in response.text


def test_secretariat_requests_translations_on_the_page(client, secretariat, submitted):
    client.force_login(secretariat)

    response = client.post(_url("translations", submitted), {"languages": ["fr", "zh"]})

    assert response["Location"] == _url("translations", submitted)
    assert _statuses(submitted) == {"fr": REQUESTED, "zh": REQUESTED}
    assert _messages(response) == [
        f"Translations of “{submitted.title}” into French, Chinese are requested."
    ]


def test_request_page_refuses_the_original_and_nothing(client, secretariat, submitted):
    client.force_login(secretariat)

    original = client.post(_url("translations", submitted), {"languages": ["en"]})
    nothing = client.post(_url("translations", submitted), {})

    assert original.context["form"].errors == {
        "languages": ["Select a valid choice. en is not one of the available choices."]
    }
    assert nothing.context["form"].errors == {"languages": ["This field is required."]}
    assert _statuses(submitted) == {}


def test_request_page_of_a_draft_says_why_not(client, secretariat, meeting, delegate_a):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    client.force_login(secretariat)

    response = client.post(_url("translations", draft), {"languages": ["fr"]})

    assert response.context["form"].non_field_errors() == ["A draft document is not translated."]
    assert _statuses(draft) == {}


def test_start_button_puts_a_translation_in_work(client, secretariat, submitted):
    services.request_translations(contribution=submitted, languages=["fr"], by=secretariat)
    client.force_login(secretariat)

    refused = client.get(_url("translation_start", submitted))
    response = client.post(_url("translation_start", submitted), {"language": "fr"})
    again = client.post(_url("translation_start", submitted), {"language": "fr"})

    assert refused.status_code == 405
    assert response["Location"] == _url("translations", submitted)
    assert _statuses(submitted) == {"fr": IN_TRANSLATION}
    assert _messages(response) == [
        f"The French translation of “{submitted.title}” is in translation."
    ]
    # Messages pile up when no redirect is followed: the last is the refusal.
    assert _messages(again)[-1] == "Only a requested translation can be started."


def test_post_page_keeps_the_language_asked_for(client, secretariat, submitted):
    client.force_login(secretariat)

    response = client.get(_url("translation_post", submitted), {"language": "fr"})

    assert response.context["form"]["language"].value() == "fr"
    assert '<option value="fr" selected>French</option>' in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert [code for code, _label in response.context["form"].fields["language"].choices] == [
        "ar",
        "zh",
        "fr",
        "ru",
        "es",
    ]


def test_secretariat_posts_a_translation_on_the_page(client, secretariat, submitted):
    services.request_translations(contribution=submitted, languages=["fr"], by=secretariat)
    client.force_login(secretariat)

    response = client.post(
        _url("translation_post", submitted), {"language": "fr", "file": _french()}
    )

    assert response["Location"] == _url("translations", submitted)
    assert _statuses(submitted) == {"fr": POSTED}
    assert submitted.files.current().get(language="fr").original_name == "traduction.docx"
    assert _messages(response) == [f"The French translation of “{submitted.title}” is posted."]


def test_a_refused_file_is_explained_and_the_language_kept(client, secretariat, submitted):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("traduction.pdf", EXECUTABLE, content_type="application/pdf")

    response = client.post(_url("translation_post", submitted), {"language": "es", "file": upload})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["“traduction.pdf” is named .pdf but its content is not a PDF document."]
    }
    assert '<option value="es" selected>Spanish</option>' in response.text
    assert "“traduction.pdf” is named .pdf but its content is not a PDF document." in (
        response.text
    )
    assert (_statuses(submitted), submitted.files.count()) == ({}, 1)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, role, submitted):
    if roles[role]:
        client.force_login(roles[role])
    urls = [
        _url("translations", submitted),
        _url("translation_start", submitted),
        _url("translation_post", submitted),
    ]

    responses = [
        client.post(urls[0], {"languages": ["fr"]}),
        client.post(urls[1], {"language": "fr"}),
        client.post(urls[2], {"language": "fr", "file": _french()}),
    ]

    assert [r["Location"] for r in responses] == [
        f"{reverse('admin:login')}?next={url}" for url in urls
    ]
    assert (_statuses(submitted), submitted.files.count()) == ({}, 1)


def test_staff_without_the_permission_is_refused(client, submitted):
    client.force_login(factories.UserFactory(username="other-staff", is_staff=True))

    statuses = [
        client.get(_url("translations", submitted)).status_code,
        client.post(_url("translation_post", submitted), {"language": "fr"}).status_code,
    ]

    # A submitted document is not theirs to see: its pages are not found.
    assert statuses == [404, 404]


def test_request_action_skips_each_documents_original(
    client, secretariat, submitted, meeting, delegate_a
):
    french = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    french.original_language = "fr"
    french.save(update_fields=["original_language"])
    only_french = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="Only French"
    )
    only_french.original_language = "fr"
    only_french.save(update_fields=["original_language"])
    client.force_login(secretariat)
    selected = {
        "action": "request_translations_selected",
        "_selected_action": [submitted.pk, french.pk],
    }

    asked = client.post(reverse(CHANGELIST), selected)
    response = client.post(
        reverse(CHANGELIST), {**selected, "apply": "1", "languages": ["fr", "es"]}
    )
    refused = client.post(
        reverse(CHANGELIST),
        {
            "action": "request_translations_selected",
            "_selected_action": [only_french.pk],
            "apply": "1",
            "languages": ["fr"],
        },
    )

    assert asked.status_code == 200
    assert len(asked.context["form"].fields["languages"].choices) == 6
    assert response.status_code == 302
    assert (_statuses(submitted), _statuses(french)) == (
        {"fr": REQUESTED, "es": REQUESTED},
        {"es": REQUESTED},
    )
    assert _messages(refused)[-1] == (
        "No translation of “Only French” was requested: it is written in French."
    )
    assert _statuses(only_french) == {}


def test_register_filters_documents_with_a_translation_awaited(
    client, secretariat, submitted, meeting, delegate_a
):
    posted = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    services.post_translation(contribution=posted, language="fr", upload=_french(), by=secretariat)
    started = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    services.request_translations(contribution=started, languages=["fr"], by=secretariat)
    services.start_translation(contribution=started, language="fr", by=secretariat)
    client.force_login(secretariat)

    def listed(value):
        response = client.get(reverse(CHANGELIST), {"translation": value})
        return sorted(c.pk for c in response.context["cl"].result_list)

    assert (listed("yes"), listed("no")) == ([started.pk], sorted([submitted.pk, posted.pk]))
