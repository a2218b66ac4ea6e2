"""Contributions that arrive after the deadline: the secretariat decides on each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.enums import ContributionStatus, LateDecision
from contributions.models import Contribution
from members.rules import is_secretariat

# A decision concerns a document in front of the meeting: not a draft, nor one withdrawn.
DECIDABLE_STATUSES = (ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED)


def decide_late_contribution(*, contribution, by, accepted, reason):
    """Record whether the late contribution is accepted for the meeting, and why.

    A later decision replaces the earlier one on the document; the earlier one stays in
    the document's history.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat decides on late contributions."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the late contribution is accepted or not."))
    with transaction.atomic():
        contribution = (
            Contribution.objects.select_for_update(of=("self",))
            .select_related("meeting__group")
            .get(pk=contribution.pk)
        )
        if not contribution.is_late:
            raise ValidationError(_("This contribution was not submitted late."))
        if contribution.status not in DECIDABLE_STATUSES:
            raise ValidationError(
                _("A %(status)s document cannot be decided on."),
                params={"status": contribution.get_status_display().lower()},
            )
        contribution.late_decision = LateDecision.ACCEPTED if accepted else LateDecision.REFUSED
        contribution.late_reason = reason
        contribution.late_decided_by = by
        contribution.late_decided_at = timezone.now()
        # The history row names who decided, whether or not a request is at hand.
        contribution._history_user = by
        contribution.save(
            update_fields=[
                "late_decision",
                "late_reason",
                "late_decided_by",
                "late_decided_at",
                "updated_at",
            ]
        )
    return contribution
