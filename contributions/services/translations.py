"""The six languages of a document: the secretariat requests and posts translations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.enums import ContributionStatus, Language, TranslationStatus
from contributions.models import Contribution, Translation
from contributions.services.notifications import delegates_of, notify_on_commit
from contributions.services.workflow import add_file
from members.rules import is_secretariat

# Translation serves documents in front of the meeting: neither drafts nor withdrawn ones.
TRANSLATABLE_STATUSES = (ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED)


def _check(contribution, by):
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat handles translations."))
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting__group")
        .get(pk=contribution.pk)
    )
    if contribution.status not in TRANSLATABLE_STATUSES:
        raise ValidationError(
            _("A %(status)s document is not translated."),
            params={"status": contribution.get_status_display().lower()},
        )
    return contribution


def _check_language(contribution, language):
    if language not in Language.values:
        raise ValidationError(
            _("“%(language)s” is not a language of the ITU."), params={"language": language}
        )
    if language == contribution.original_language:
        raise ValidationError(
            _("%(language)s is the original language of the document, not a translation."),
            params={"language": Language(language).label},
        )


@transaction.atomic
def request_translations(*, contribution, languages, by):
    """Ask for the document in `languages` (other than its original).

    A language already requested or in translation is left as it is; a posted one is
    requested again (a corrected original, say) and its posted file stays until the new
    one supersedes it. Returns the Translation rows of `languages`.
    """
    contribution = _check(contribution, by)
    languages = list(dict.fromkeys(languages))
    if not languages:
        raise ValidationError(_("Choose at least one language."))
    for language in languages:
        _check_language(contribution, language)
    existing = {t.language: t for t in contribution.translations.filter(language__in=languages)}
    translations = []
    for language in languages:
        translation = existing.get(language)
        if translation is None:
            translation = Translation(contribution=contribution, language=language)
        elif translation.status != TranslationStatus.POSTED:
            translations.append(translation)
            continue
        translation.status = TranslationStatus.REQUESTED
        translation.requested_by = by
        translation.requested_at = timezone.now()
        translation._history_user = by
        translation.save()
        translations.append(translation)
    return translations


@transaction.atomic
def start_translation(*, contribution, language, by):
    """Mark a requested translation as in work."""
    contribution = _check(contribution, by)
    translation = contribution.translations.select_for_update().filter(language=language).first()
    if translation is None or translation.status != TranslationStatus.REQUESTED:
        raise ValidationError(
            _("Only a requested translation can be started."), code="not_requested"
        )
    translation.status = TranslationStatus.IN_TRANSLATION
    translation._history_user = by
    translation.save(update_fields=["status", "updated_at"])
    return translation


@transaction.atomic
def post_translation(*, contribution, language, upload, by):
    """Post the translated file; the submitter's delegates are told.

    The file is checked like every document file and becomes the current file of its
    language; an earlier one of that language stays for the secretariat. A translation
    never requested is recorded as posted all the same.
    """
    contribution = _check(contribution, by)
    _check_language(contribution, language)
    add_file(contribution=contribution, upload=upload, language=language, by=by)
    translation = contribution.translations.select_for_update().filter(language=language).first()
    if translation is None:
        translation = Translation(contribution=contribution, language=language, requested_by=by)
    translation.status = TranslationStatus.POSTED
    translation._history_user = by
    translation.save()
    notify_on_commit(
        "translation_posted",
        contribution,
        delegates_of(contribution.sources.filter(order=0).values("organization_id")),
        language=language,
    )
    return translation
