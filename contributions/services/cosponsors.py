"""Sources and co-sponsors: named, asked, each confirms or declines what it read.

A co-sponsor named on a draft is "pending" from the start. Its delegates are asked by mail
when the contribution is submitted, not while it is a draft: until then the submitter may
still change who co-sponsors, and other delegations should not get mail about half-written
text. The co-sponsor's delegates can read the draft (every source can), so they may answer
before the mail comes. Publication waits until no co-sponsor is pending.

A confirmation binds to the text confirmed: its title, abstract and the SHA-256 of the file
in the original language are recorded with it, and any later change of them puts the
confirmation back to pending and tells the co-sponsor. The register never shows a
co-sponsor for a text it did not see.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from contributions import rules
from contributions.enums import SourceConfirmation
from contributions.models import ContributionFile, Source
from contributions.services.notifications import delegates_of, notify_on_commit
from egitrs.workflow import perform_move, stamp
from members.rules import is_secretariat


@transaction.atomic
def set_sources(*, contribution, submitter, cosponsors, by, at=None):
    """Make `submitter` and then `cosponsors`, in that order, the sources of a draft.

    The one way sources are written: the member form, the document import, the admin and
    the history import all come here. The submitter stands confirmed by whoever makes the
    draft; a co-sponsor added is pending, one named again keeps its answer, one left out
    is removed.
    """
    at = at or timezone.now()
    wanted = _in_order(submitter, cosponsors)
    existing = {source.organization_id: source for source in contribution.sources.all()}
    for organization_id, source in existing.items():
        if organization_id not in {o.pk for o in wanted}:
            source.delete()
    for position, organization in enumerate(wanted):
        source = existing.get(organization.pk)
        if source is None:
            source = _new_source(contribution, organization, position, by=by, at=at)
            source.save()
        elif source.order != position:
            source.order = position
            stamp(source, by=by, at=at)
            source.save(update_fields=["order"])


@transaction.atomic
def name_first_sources(*, drafts, by, at=None, batch_size=None):
    """What `set_sources` writes for drafts that have no source yet, for many at once.

    The document import names the sources of thousands of new drafts: the same rows and
    history rows as one `set_sources` per draft, written in a few statements. `drafts`
    holds (draft, organizations) pairs, each draft saved, its submitter first.
    """
    at = at or timezone.now()
    drafts = [(draft, organizations) for draft, organizations in drafts if organizations]
    sha256 = _current_sha256s([draft for draft, _organizations in drafts])
    sources = [
        _new_source(draft, organization, position, by=by, at=at, sha256=sha256.get(draft.pk))
        for draft, organizations in drafts
        for position, organization in enumerate(_in_order(organizations[0], organizations[1:]))
    ]
    bulk_create_with_history(sources, Source, batch_size=batch_size)


def _in_order(submitter, cosponsors):
    """The sources' organizations in order: the submitter, then each co-sponsor once."""
    return [submitter, *(org for org in dict.fromkeys(cosponsors) if org.pk != submitter.pk)]


def _new_source(contribution, organization, position, *, by, at, sha256=None):
    """An unsaved source: the submitter's stands confirmed by `by`, a co-sponsor's pending."""
    source = Source(contribution=contribution, organization=organization, order=position)
    if position == 0:
        _bind(source, confirmation=SourceConfirmation.CONFIRMED, by=by, at=at, sha256=sha256)
    stamp(source, by=by, at=at)
    return source


def _current_sha256(contribution):
    file = (
        ContributionFile.objects.current()
        .filter(contribution=contribution, language=contribution.original_language)
        .first()
    )
    return file.sha256 if file is not None else ""


def _current_sha256s(contributions):
    """`_current_sha256` of many documents at once, by id."""
    language_of = {document.pk: document.original_language for document in contributions}
    files = (
        ContributionFile.objects.current()
        .filter(contribution_id__in=language_of)
        .values_list("contribution_id", "language", "sha256")
    )
    found = {pk: sha256 for pk, language, sha256 in files if language == language_of[pk]}
    return {pk: found.get(pk, "") for pk in language_of}


def _bind(source, *, confirmation, by, at, sha256=None):
    """Record the answer, and the text it answers to (`sha256`: its file's, when known)."""
    contribution = source.contribution
    source.confirmation = confirmation
    source.confirmed_by = by
    source.confirmed_at = at
    source.confirmed_title = contribution.title
    source.confirmed_abstract = contribution.abstract
    source.confirmed_sha256 = _current_sha256(contribution) if sha256 is None else sha256
    return [
        "confirmation",
        "confirmed_by",
        "confirmed_at",
        "confirmed_title",
        "confirmed_abstract",
        "confirmed_sha256",
    ]


def is_current(source):
    """The confirmation still stands for the text as it is now."""
    contribution = source.contribution
    return (
        source.confirmed_title == contribution.title
        and source.confirmed_abstract == contribution.abstract
        and source.confirmed_sha256 == _current_sha256(contribution)
    )


def reset_confirmations(*, contribution, by, at=None, notify=True):
    """Put back to pending each co-sponsor's confirmation of a text that has changed since.

    The submitter's own source follows its text: it is bound to it again. Each co-sponsor
    put back is asked again (unless `notify` is False). Returns the sources put back.
    """
    at = at or timezone.now()
    if contribution.status not in rules.OPEN_STATUSES:
        # Published or withdrawn: the sources were settled with publication.
        return []
    reset = []
    sources = contribution.sources.select_related("organization", "contribution")
    for source in sources:
        if source.confirmation != SourceConfirmation.CONFIRMED or is_current(source):
            continue
        if source.is_submitter:
            stamp(source, by=by, at=at)
            source.save(
                update_fields=_bind(source, confirmation=source.confirmation, by=by, at=at)
            )
            continue
        source = perform_move(
            source,
            SourceConfirmation.PENDING,
            roles=rules.COSPONSOR_ROLES,
            by=by,
            at=at,
            note=_("The text changed after the confirmation."),
            related=("contribution__meeting__group", "organization"),
        )
        reset.append(source)
        if notify:
            notify_on_commit(
                "cosponsor_changed",
                source.contribution,
                delegates_of([source.organization_id]),
                source=source,
            )
    return reset


def request_cosponsorships(contribution):
    """Ask each pending co-sponsor's delegates to confirm (called at each submission)."""
    pending = contribution.sources.filter(
        confirmation=SourceConfirmation.PENDING, order__gt=0
    ).select_related("organization")
    for source in pending:
        notify_on_commit(
            "cosponsor_requested",
            contribution,
            delegates_of([source.organization_id]),
            source=source,
        )


def pending_cosponsors(contribution):
    """The organizations whose co-sponsorship is still to be confirmed, in source order."""
    return [
        source.organization
        for source in contribution.sources.filter(
            confirmation=SourceConfirmation.PENDING, order__gt=0
        ).select_related("organization")
    ]


def _submitter_delegates(contribution):
    return delegates_of(contribution.sources.filter(order=0).values("organization_id"))


def _answer(source, *, by, confirmation, at, notify, reason=""):
    def prepare(source, at):
        fields = _bind(source, confirmation=confirmation, by=by, at=at)
        if reason:
            source.override_reason = reason
            fields.append("override_reason")
        fields.remove("confirmation")
        return fields

    def tell(source):
        if notify:
            notify_on_commit(
                "cosponsor_answered",
                source.contribution,
                _submitter_delegates(source.contribution),
                source=source,
            )

    return perform_move(
        source,
        confirmation,
        roles=rules.COSPONSOR_ROLES,
        by=by,
        at=at,
        note=reason,
        prepare=prepare,
        notify=tell,
        related=("contribution__meeting__group", "organization"),
        refusal=_("Only a delegate of %(organization)s can answer for it.")
        % {"organization": source.organization},
    )


def _check_answerable(source, by):
    source = Source.objects.select_related("contribution", "organization").get(pk=source.pk)
    if not rules.is_cosponsor_delegate(by, source):
        raise PermissionDenied(
            _("Only a delegate of %(organization)s can answer for it.")
            % {"organization": source.organization}
        )
    if not rules.can_answer_cosponsorship(by, source):
        raise ValidationError(
            _("%(organization)s has already answered, or the document is closed.")
            % {"organization": source.organization},
            code="answered",
        )
    return source


def confirm_cosponsorship(*, source, by, at=None, notify=True):
    """A delegate of `source.organization` confirms it co-sponsors the text as it stands."""
    with transaction.atomic():
        source = _check_answerable(source, by)
        return _answer(
            source, by=by, confirmation=SourceConfirmation.CONFIRMED, at=at, notify=notify
        )


def decline_cosponsorship(*, source, by, at=None, notify=True):
    """A delegate of `source.organization` declines: it is no longer shown as a source."""
    with transaction.atomic():
        source = _check_answerable(source, by)
        return _answer(
            source, by=by, confirmation=SourceConfirmation.DECLINED, at=at, notify=notify
        )


def override_cosponsorship(*, source, by, reason, at=None, notify=True):
    """The secretariat records the confirmation itself (a letter, say), with the reason.

    It may do so for a pending co-sponsor and also for one that declined: a letter may
    correct a delegate's answer. The submitter's delegates are told, as for an answer.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can confirm for an organization."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Say why the secretariat confirms for the organization."), code="no_reason"
        )
    with transaction.atomic():
        source = Source.objects.select_related("contribution", "organization").get(pk=source.pk)
        if not rules.can_override_cosponsorship(by, source):
            raise ValidationError(
                _("%(organization)s has already confirmed, or the document is closed.")
                % {"organization": source.organization},
                code="answered",
            )
        return _answer(
            source,
            by=by,
            confirmation=SourceConfirmation.CONFIRMED,
            at=at,
            notify=notify,
            reason=reason,
        )


def decline_for_organization(*, source, by, reason, at=None, notify=True):
    """The secretariat records that the organization declined (by letter, say), and why.

    How a register brought in from the past keeps a refusal given without an account.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can answer for an organization."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Say how the organization declined (a letter, say)."), code="no_reason"
        )
    with transaction.atomic():
        source = Source.objects.select_related("contribution", "organization").get(pk=source.pk)
        if source.confirmation != SourceConfirmation.PENDING:
            raise ValidationError(
                _("%(organization)s has already answered, or the document is closed.")
                % {"organization": source.organization},
                code="answered",
            )
        return _answer(
            source,
            by=by,
            confirmation=SourceConfirmation.DECLINED,
            at=at,
            notify=notify,
            reason=reason,
        )
