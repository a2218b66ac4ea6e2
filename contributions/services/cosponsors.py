"""Co-sponsors: asked when named, each confirms or declines; the secretariat may override.

A co-sponsor named on a draft is "pending" from the start. Its delegates are asked by mail
when the contribution is submitted, not while it is a draft: until then the submitter may
still change who co-sponsors, and other delegations should not get mail about half-written
text. The co-sponsor's delegates can read the draft (every source can), so they may answer
before the mail comes. Publication waits until no co-sponsor is pending.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import SourceConfirmation
from contributions.models import Source
from contributions.services.notifications import delegates_of, notify_on_commit
from members.rules import is_secretariat


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


def _lock(source):
    return (
        Source.objects.select_for_update(of=("self",))
        .select_related("contribution__meeting__group", "organization")
        .get(pk=source.pk)
    )


def _answer(source, *, by, confirmation):
    with transaction.atomic():
        source = _lock(source)
        if not rules.is_cosponsor_delegate(by, source):
            raise PermissionDenied(
                _("Only a delegate of %(organization)s can answer for it.")
                % {"organization": source.organization}
            )
        if not rules.can_answer_cosponsorship(by, source):
            raise ValidationError(
                _("%(organization)s has already answered, or the document is closed.")
                % {"organization": source.organization}
            )
        source.confirmation = confirmation
        source.confirmed_by = by
        source.confirmed_at = timezone.now()
        source.save(update_fields=["confirmation", "confirmed_by", "confirmed_at"])
        contribution = source.contribution
        notify_on_commit(
            "cosponsor_answered",
            contribution,
            _submitter_delegates(contribution),
            source=source,
        )
    return source


def confirm_cosponsorship(*, source, by):
    """A delegate of `source.organization` confirms it co-sponsors the contribution."""
    return _answer(source, by=by, confirmation=SourceConfirmation.CONFIRMED)


def decline_cosponsorship(*, source, by):
    """A delegate of `source.organization` declines: it is no longer shown as a source."""
    return _answer(source, by=by, confirmation=SourceConfirmation.DECLINED)


def override_cosponsorship(*, source, by, reason):
    """The secretariat records the confirmation itself (a letter, say), with the reason.

    It may do so for a pending co-sponsor and also for one that declined: a letter may
    correct a delegate's answer. The submitter's delegates are told, as for an answer.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can confirm for an organization."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the secretariat confirms for the organization."))
    with transaction.atomic():
        source = _lock(source)
        if not rules.can_override_cosponsorship(by, source):
            raise ValidationError(
                _("%(organization)s has already confirmed, or the document is closed.")
                % {"organization": source.organization}
            )
        source.confirmation = SourceConfirmation.CONFIRMED
        source.confirmed_by = by
        source.confirmed_at = timezone.now()
        source.override_reason = reason
        source.save(
            update_fields=["confirmation", "confirmed_by", "confirmed_at", "override_reason"]
        )
        contribution = source.contribution
        notify_on_commit(
            "cosponsor_answered",
            contribution,
            _submitter_delegates(contribution),
            source=source,
        )
    return source
