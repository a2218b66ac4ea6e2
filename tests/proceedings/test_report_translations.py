"""A report's other languages: the secretariat requests, starts and posts its translations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.enums import TranslationStatus
from proceedings import services
from proceedings.enums import ReportStatus
from proceedings.models import ReportTranslation, ReportTranslationFile, report_language_versions
from proceedings.policies import report_translation_file_policy, report_translation_policy
from tests import factories
from tests.access import READERS
from tests.proceedings.conftest import make_report
from tests.refusals import refused

NOT_REQUIRED = TranslationStatus.NOT_REQUIRED
REQUESTED = TranslationStatus.REQUESTED
IN_TRANSLATION = TranslationStatus.IN_TRANSLATION
POSTED = TranslationStatus.POSTED
AT = datetime.datetime(2024, 2, 5, 9, 30, tzinfo=datetime.UTC)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def approved(group):
    return make_report(
        group, title="Progress report", status=ReportStatus.APPROVED, parent_body_document="C24/21"
    )


def french_docx(name="rapport.docx"):
    return factories.docx_upload(name=name, title="Rapport d'activité")


def french_pdf(name="rapport.pdf"):
    return factories.pdf_upload(name=name, title="Rapport d'activite")


def statuses(report):
    return dict(report.translations.values_list("language", "status"))


def test_request_creates_requested_translations_at_the_time_given(approved, secretariat):
    translations = services.request_report_translations(
        report=approved, languages=["fr", "es", "fr"], by=secretariat, at=AT
    )

    assert [(t.language, t.status, t.requested_by, t.requested_at) for t in translations] == [
        ("fr", REQUESTED, secretariat, AT),
        ("es", REQUESTED, secretariat, AT),
    ]
    assert statuses(approved) == {"fr": REQUESTED, "es": REQUESTED}
    french = approved.translations.get(language="fr")
    assert [(h.status, h.history_user, h.history_date) for h in french.history.all()] == [
        (REQUESTED, secretariat, AT)
    ]


def test_request_leaves_work_in_progress_and_asks_again_for_a_posted_one(approved, secretariat):
    services.request_report_translations(report=approved, languages=["fr", "es"], by=secretariat)
    services.start_report_translation(report=approved, language="es", by=secretariat)
    services.post_report_translation(
        report=approved, language="ru", upload=french_docx("ru.docx"), by=secretariat
    )
    other = factories.SecretariatUserFactory(username="second-officer")

    services.request_report_translations(
        report=approved, languages=["fr", "es", "ru"], by=other, at=AT
    )

    assert statuses(approved) == {"fr": REQUESTED, "es": IN_TRANSLATION, "ru": REQUESTED}
    russian = approved.translations.get(language="ru")
    assert (russian.requested_by, russian.requested_at) == (other, AT)
    # The posted file is still what readers get while the new translation is on its way.
    assert [(v.language, v.status) for v in report_language_versions(approved)][3:] == [
        ("fr", REQUESTED),
        ("ru", POSTED),
        ("es", IN_TRANSLATION),
    ]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        (["en"], "English is the original language of the report: it is built in it, not "),
        (["fr", "de"], "“de” is not a language of the ITU."),
        ([], "Choose at least one language."),
    ],
)
def test_request_refuses_what_is_not_a_translation(approved, secretariat, languages, message):
    with refused(ValidationError, message, approved):
        services.request_report_translations(report=approved, languages=languages, by=secretariat)


def test_a_french_report_is_translated_into_english(group, secretariat):
    report = make_report(group, status=ReportStatus.PUBLISHED, original_language="fr")

    services.request_report_translations(report=report, languages=["en"], by=secretariat)

    with refused(ValidationError, "French is the original language of the report", report):
        services.request_report_translations(report=report, languages=["fr"], by=secretariat)
    assert statuses(report) == {"en": REQUESTED}
    assert [v.language for v in report_language_versions(report) if v.is_original] == ["fr"]


def test_a_draft_is_not_translated_and_says_why(group, secretariat):
    draft = make_report(group, status=ReportStatus.DRAFT)

    with refused(
        ValidationError,
        "A draft report still changes with the records: its translations are requested once "
        "it is approved.",
        draft,
    ):
        services.request_report_translations(report=draft, languages=["fr"], by=secretariat)
    with refused(
        ValidationError,
        "A draft report still changes with the records: only an approved or published report's "
        "translation is posted.",
        draft,
    ):
        services.post_report_translation(
            report=draft, language="fr", upload=french_docx(), by=secretariat
        )
    with refused(ValidationError, "A draft report still changes with the records", draft):
        services.start_report_translation(report=draft, language="fr", by=secretariat)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_handles_report_translations(approved, roles, role, secretariat):
    services.request_report_translations(report=approved, languages=["es"], by=secretariat)
    user = roles[role] or factories.UserFactory(username="visitor")
    message = "Only the secretariat handles the translations of reports."

    with refused(PermissionDenied, message, approved):
        services.request_report_translations(report=approved, languages=["fr"], by=user)
    with refused(PermissionDenied, message, approved):
        services.start_report_translation(report=approved, language="es", by=user)
    with refused(PermissionDenied, message, approved):
        services.post_report_translation(
            report=approved, language="fr", upload=french_docx(), by=user
        )


def test_start_moves_a_requested_translation_into_work(approved, secretariat):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)

    translation = services.start_report_translation(
        report=approved, language="fr", by=secretariat, at=AT
    )

    assert translation.status == IN_TRANSLATION
    assert [(h.status, h.history_date) for h in translation.history.order_by("history_id")][
        -1
    ] == (IN_TRANSLATION, AT)


@pytest.mark.parametrize("already", [None, IN_TRANSLATION, POSTED])
def test_start_refuses_what_is_not_requested(approved, secretariat, already):
    if already == IN_TRANSLATION:
        services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
        services.start_report_translation(report=approved, language="fr", by=secretariat)
    elif already == POSTED:
        services.post_report_translation(
            report=approved, language="fr", upload=french_docx(), by=secretariat
        )

    with refused(ValidationError, "Only a requested translation can be started.", approved):
        services.start_report_translation(report=approved, language="fr", by=secretariat)


def test_post_stores_the_file_under_a_new_name_and_marks_it_posted(approved, secretariat):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
    upload = french_docx("Rapport C24 (FR).docx")

    posted = services.post_report_translation(
        report=approved, language="fr", upload=upload, by=secretariat, at=AT
    )

    assert statuses(approved) == {"fr": POSTED}
    assert (posted.format, posted.original_name, posted.posted_by, posted.posted_at) == (
        "docx",
        "Rapport C24 (FR).docx",
        secretariat,
        AT,
    )
    assert posted.size == len(factories.docx_content("Rapport d'activité"))
    assert posted.file.name.startswith(f"reports/{approved.group_id}/translations/")
    assert "Rapport" not in posted.file.name
    assert posted.download_name == "EG-ITRs-progress-report-C24-F.docx"
    with posted.file.open("rb") as stored:
        assert stored.read() == factories.docx_content("Rapport d'activité")


def test_a_later_post_supersedes_its_format_and_never_overwrites(approved, secretariat):
    first = services.post_report_translation(
        report=approved, language="fr", upload=french_docx(), by=secretariat
    )
    pdf = services.post_report_translation(
        report=approved, language="fr", upload=french_pdf(), by=secretariat
    )
    corrected = services.post_report_translation(
        report=approved,
        language="fr",
        upload=factories.docx_upload(name="rapport-corrige.docx", title="Rapport corrigé"),
        by=secretariat,
    )

    french = report_language_versions(approved)[3]
    assert (french.status, french.files) == (POSTED, (corrected, pdf))
    assert list(ReportTranslationFile.objects.current()) == [corrected, pdf]
    assert ReportTranslationFile.objects.filter(translation__report=approved).count() == 3
    assert first.file.name != corrected.file.name
    with first.file.open("rb") as stored:
        assert stored.read() == factories.docx_content("Rapport d'activité")
    # Posted three times, moved once: from not required straight to posted.
    assert [h.status for h in approved.translations.get().history.all()] == [POSTED]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("rapport.pdf", EXECUTABLE),
            "“rapport.pdf” is named .pdf but its content is not a PDF document.",
        ),
        (
            factories.docx_upload(name="rapport.xlsx"),
            "“rapport.xlsx” is not accepted: a report's translation is posted as DOCX or PDF.",
        ),
        (
            SimpleUploadedFile("rapport.exe", EXECUTABLE),
            "“rapport.exe” is not accepted: a report's translation is posted as DOCX or PDF.",
        ),
    ],
)
def test_a_refused_file_changes_nothing(approved, secretariat, upload, message):
    services.request_report_translations(report=approved, languages=["fr"], by=secretariat)
    french = approved.translations.get()

    with refused(ValidationError, message, approved, french):
        services.post_report_translation(
            report=approved, language="fr", upload=upload, by=secretariat
        )


def test_post_refuses_the_original_language(approved, secretariat):
    with refused(ValidationError, "English is the original language of the report", approved):
        services.post_report_translation(
            report=approved, language="en", upload=french_docx(), by=secretariat
        )


def test_the_language_matrix_is_six_languages_in_itu_order(approved, secretariat):
    services.request_report_translations(report=approved, languages=["ar", "zh"], by=secretariat)
    services.start_report_translation(report=approved, language="zh", by=secretariat)
    posted = services.post_report_translation(
        report=approved, language="ru", upload=french_pdf("ru.pdf"), by=secretariat
    )

    versions = report_language_versions(approved)

    assert [(v.language, v.status, v.is_original, v.files) for v in versions] == [
        ("ar", REQUESTED, False, ()),
        ("zh", IN_TRANSLATION, False, ()),
        ("en", NOT_REQUIRED, True, ()),
        ("fr", NOT_REQUIRED, False, ()),
        ("ru", POSTED, False, (posted,)),
        ("es", NOT_REQUIRED, False, ()),
    ]


@pytest.mark.parametrize("status", [ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_a_translation_is_seen_by_whoever_sees_its_report(group, people, secretariat, status):
    report = make_report(group, status=status)
    first = services.post_report_translation(
        report=report, language="fr", upload=french_docx(), by=secretariat
    )
    current = services.post_report_translation(
        report=report, language="fr", upload=french_docx("rapport-2.docx"), by=secretariat
    )
    translation = ReportTranslation.objects.get()

    seen = {
        reader: (
            report_translation_policy.can_view(people[reader], translation),
            report_translation_file_policy.can_view(people[reader], current),
            report_translation_file_policy.can_view(people[reader], first),
            list(report_translation_file_policy.visible_to(people[reader])),
        )
        for reader in READERS
    }

    public = status == ReportStatus.PUBLISHED
    expected = dict.fromkeys(READERS, (public, public, False, [current] if public else []))
    expected["secretariat"] = (True, True, True, [current, first])
    assert seen == expected
