"""The languages of a report: the secretariat requests its translations and posts them.

A report is built from the records in its original language only. Its other languages
arrive as a document's do, through the same table of moves (requested, in translation,
posted; a posted language requested again for a new translation): see
`contributions.enums.TRANSLATION_MOVES`. They begin once the report is approved, since a
draft still changes with the records. A posted translation is a DOCX or a PDF, checked
like every document file; a new posting of a format supersedes the earlier one, which
stays in the record, never overwritten.
"""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.enums import Language, TranslationStatus
from contributions.files import FileRefused, check_document_file, display_name
from egitrs.workflow import perform_move, stamp
from proceedings import rules
from proceedings.models import RenditionFormat, Report, ReportTranslation, ReportTranslationFile

# The formats a translated report is posted in, by the extension of the file.
FORMAT_OF_EXTENSION = {".docx": RenditionFormat.DOCX, ".pdf": RenditionFormat.PDF}
UNDER_WAY = (TranslationStatus.REQUESTED, TranslationStatus.IN_TRANSLATION)


def _refusal():
    return _("Only the secretariat handles the translations of reports.")


def _check(report, by, *, draft_refusal):
    """The report locked, once `by` may translate it; `draft_refusal` says why not a draft."""
    if not rules.manages_reports(by, report.group):
        raise PermissionDenied(_refusal())
    report = (
        Report.objects.select_for_update(of=("self",)).select_related("group").get(pk=report.pk)
    )
    if report.status not in rules.TRANSLATED_REPORT_STATUSES:
        raise ValidationError(draft_refusal, code="draft")
    return report


def _check_language(report, language):
    if language not in Language.values:
        raise ValidationError(
            _("“%(language)s” is not a language of the ITU."),
            params={"language": language},
            code="unknown_language",
        )
    if language == report.original_language:
        raise ValidationError(
            _(
                "%(language)s is the original language of the report: it is built in it, not "
                "translated."
            ),
            params={"language": Language(language).label},
            code="original_language",
        )


def _translation(report, language):
    """The row of `language`, or a new one, not required yet (not saved)."""
    translation = report.translations.filter(language=language).first()
    if translation is None:
        translation = ReportTranslation(
            report=report, language=language, status=TranslationStatus.NOT_REQUIRED
        )
    return translation


def _move(translation, target, *, by, at, prepare=None):
    return perform_move(
        translation,
        target,
        roles=rules.REPORT_TRANSLATION_ROLES,
        by=by,
        at=at,
        prepare=prepare,
        related=("report__group",),
        refusal=_refusal(),
    )


@transaction.atomic
def request_report_translations(*, report, languages, by, at=None):
    """Ask for an approved or published report in `languages` (other than its original).

    A language already requested or in translation is left as it is; a posted one is
    requested again (a corrected translation, say), and its posted files are served until
    new ones supersede them. Returns the ReportTranslation rows of `languages`.
    """
    at = at or timezone.now()
    report = _check(
        report,
        by,
        draft_refusal=_(
            "A draft report still changes with the records: its translations are requested "
            "once it is approved."
        ),
    )
    languages = list(dict.fromkeys(languages))
    if not languages:
        raise ValidationError(_("Choose at least one language."), code="no_language")
    for language in languages:
        _check_language(report, language)

    def prepare(translation, at):
        translation.requested_by = by
        translation.requested_at = at
        return ["requested_by", "requested_at"]

    translations = []
    for language in languages:
        translation = _translation(report, language)
        if translation.status not in UNDER_WAY:
            translation = _move(
                translation, TranslationStatus.REQUESTED, by=by, at=at, prepare=prepare
            )
        translations.append(translation)
    return translations


@transaction.atomic
def start_report_translation(*, report, language, by, at=None):
    """Mark a requested translation of the report as in work."""
    report = _check(
        report,
        by,
        draft_refusal=_("A draft report still changes with the records: it is not translated."),
    )
    translation = report.translations.filter(language=language).first()
    if translation is None or translation.status != TranslationStatus.REQUESTED:
        raise ValidationError(
            _("Only a requested translation can be started."), code="not_requested"
        )
    return _move(translation, TranslationStatus.IN_TRANSLATION, by=by, at=at)


def check_translation_file(upload):
    """The format of a translated report's file (DOCX or PDF), checked by its content.

    Raises FileRefused with the uploader's file named, as the document checks do.
    """
    name = display_name(upload.name)
    format = FORMAT_OF_EXTENSION.get(PurePath(name).suffix.lower())
    if format is None:
        raise FileRefused(
            _("“%(name)s” is not accepted: a report's translation is posted as DOCX or PDF."),
            params={"name": name},
            code="extension",
        )
    return format, check_document_file(upload)


@transaction.atomic
def post_report_translation(*, report, language, upload, by, at=None):
    """Post the translated report in `language` as it came back: a DOCX or a PDF.

    Only an approved or published report's translation is posted: what was approved is
    what was translated. The file becomes the current one of its format in that language;
    an earlier posting stays in the record. A translation never requested is recorded as
    posted all the same; one posted again (a corrected file, another format) stays
    posted. Returns the stored ReportTranslationFile.
    """
    at = at or timezone.now()
    report = _check(
        report,
        by,
        draft_refusal=_(
            "A draft report still changes with the records: only an approved or published "
            "report's translation is posted."
        ),
    )
    _check_language(report, language)
    format, checked = check_translation_file(upload)
    translation = _translation(report, language)
    if translation.status != TranslationStatus.POSTED:
        translation = _move(translation, TranslationStatus.POSTED, by=by, at=at)
    # Stored last, under a generated name: nothing refers to it if the transaction rolls
    # back, and nothing is ever overwritten.
    stored = ReportTranslationFile(
        translation=translation,
        format=format,
        file=upload,
        original_name=display_name(upload.name),
        size=checked.size,
        sha256=checked.sha256,
        posted_by=by,
        posted_at=at,
    )
    stamp(stored, by=by, at=at)
    stored.save()
    return stored
