"""The six languages of a document: the secretariat requests and posts translations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import Language, TranslationStatus
from contributions.models import Contribution, Translation
from contributions.services.notifications import delegates_of, notify_on_commit
from contributions.services.workflow import add_file
from egitrs.workflow import perform_move
from members.rules import is_secretariat


def _check(contribution, by):
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat handles translations."))
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting__group")
        .get(pk=contribution.pk)
    )
    if contribution.status not in rules.BEFORE_THE_MEETING:
        raise ValidationError(
            _("A %(status)s document is not translated."),
            params={"status": contribution.get_status_display().lower()},
            code="not_translatable",
        )
    return contribution


def _check_language(contribution, language):
    if language not in Language.values:
        raise ValidationError(
            _("“%(language)s” is not a language of the ITU."),
            params={"language": language},
            code="unknown_language",
        )
    if language == contribution.original_language:
        raise ValidationError(
            _("%(language)s is the original language of the document, not a translation."),
            params={"language": Language(language).label},
            code="original_language",
        )


def _translation(contribution, language, by):
    """The row of `language`, or a new one, not required yet (not saved)."""
    translation = contribution.translations.filter(language=language).first()
    if translation is None:
        translation = Translation(
            contribution=contribution,
            language=language,
            status=TranslationStatus.NOT_REQUIRED,
            requested_by=by,
        )
    return translation


def _move(translation, target, *, by, at, prepare=None):
    return perform_move(
        translation,
        target,
        roles=rules.TRANSLATION_ROLES,
        by=by,
        at=at,
        prepare=prepare,
        related=("contribution__meeting__group",),
    )


@transaction.atomic
def request_translations(*, contribution, languages, by, at=None):
    """Ask for the document in `languages` (other than its original).

    A language already requested or in translation is left as it is; a posted one is
    requested again (a corrected original, say) and its posted file stays until the new
    one supersedes it. Returns the Translation rows of `languages`.
    """
    at = at or timezone.now()
    contribution = _check(contribution, by)
    languages = list(dict.fromkeys(languages))
    if not languages:
        raise ValidationError(_("Choose at least one language."), code="no_language")
    for language in languages:
        _check_language(contribution, language)

    def prepare(translation, at):
        translation.requested_by = by
        translation.requested_at = at
        return ["requested_by", "requested_at"]

    translations = []
    for language in languages:
        translation = _translation(contribution, language, by)
        if translation.status in (TranslationStatus.REQUESTED, TranslationStatus.IN_TRANSLATION):
            translations.append(translation)
            continue
        translations.append(
            _move(translation, TranslationStatus.REQUESTED, by=by, at=at, prepare=prepare)
        )
    return translations


@transaction.atomic
def start_translation(*, contribution, language, by, at=None):
    """Mark a requested translation as in work."""
    contribution = _check(contribution, by)
    translation = contribution.translations.filter(language=language).first()
    if translation is None or translation.status != TranslationStatus.REQUESTED:
        raise ValidationError(
            _("Only a requested translation can be started."), code="not_requested"
        )
    return _move(translation, TranslationStatus.IN_TRANSLATION, by=by, at=at)


@transaction.atomic
def post_translation(*, contribution, language, upload, by, at=None, notify=True):
    """Post the translated file; the submitter's delegates are told.

    The file is checked like every document file and becomes the current file of its
    language; an earlier one of that language stays for the secretariat. A translation
    never requested is recorded as posted all the same; a translation posted again (a
    corrected file) stays posted.
    """
    at = at or timezone.now()
    contribution = _check(contribution, by)
    _check_language(contribution, language)
    add_file(contribution=contribution, upload=upload, language=language, by=by, at=at)
    translation = _translation(contribution, language, by)
    if translation.status != TranslationStatus.POSTED:
        translation = _move(translation, TranslationStatus.POSTED, by=by, at=at)
    if notify:
        notify_on_commit(
            "translation_posted",
            contribution,
            delegates_of(contribution.sources.filter(order=0).values("organization_id")),
            language=language,
        )
    return translation
