"""Contributions that arrive after the deadline: the secretariat decides on each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import LateDecision
from egitrs.workflow import perform_move
from members.rules import is_secretariat


def decide_late_contribution(*, contribution, by, accepted, reason, at=None):
    """Record whether the late contribution is accepted for the meeting, and why.

    A later decision replaces the earlier one on the document; the earlier one stays in
    the document's history.
    """
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat decides on late contributions."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why the late contribution is accepted or not."), code="no_reason"
        )

    def prepare(contribution, at):
        if not contribution.is_late:
            raise ValidationError(_("This contribution was not submitted late."), code="not_late")
        if contribution.status not in rules.BEFORE_THE_MEETING:
            raise ValidationError(
                _("A %(status)s document cannot be decided on."),
                params={"status": contribution.get_status_display().lower()},
                code="not_decidable",
            )
        contribution.late_reason = reason
        contribution.late_decided_by = by
        contribution.late_decided_at = at
        return ["late_reason", "late_decided_by", "late_decided_at"]

    return perform_move(
        contribution,
        LateDecision.ACCEPTED if accepted else LateDecision.REFUSED,
        roles=rules.LATE_DECISION_ROLES,
        by=by,
        at=at,
        note=reason,
        prepare=prepare,
        related=("meeting__group",),
    )
