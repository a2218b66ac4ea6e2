"""The group's work plan: versions proposed, one approved at a time by a meeting's decision."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egitrs.workflow import perform_move, stamp
from meetings.models import ExpertGroup
from members.rules import is_secretariat
from proceedings import rules
from proceedings.enums import APPROVING_OUTCOMES, WorkPlanItemStatus, WorkPlanStatus
from proceedings.models import WorkPlan, WorkPlanItem


def _require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat records work plans."))


def _save(obj, by, fields=None, *, at):
    stamp(obj, by=by, at=at)
    obj.save(update_fields=fields)


def next_version(group):
    """The version number a new work plan of `group` takes."""
    return (group.work_plans.aggregate(last=Max("version"))["last"] or 0) + 1


def _check_target(work_plan, target_meeting):
    if target_meeting is not None and target_meeting.group_id != work_plan.group_id:
        raise ValidationError(_("The target meeting must be a meeting of the group."))


@transaction.atomic
def propose_work_plan(*, group, by, title, items=(), proposed_in=None, notes="", at=None):
    """Record a new version of the group's work plan, as proposed, with its items.

    `items` holds descriptions, or mappings of the arguments of `add_work_plan_item`.
    """
    _require_secretariat(by)
    at = at or timezone.now()
    # One version number per proposal, also when two are recorded at the same time.
    ExpertGroup.objects.select_for_update().get(pk=group.pk)
    if proposed_in is not None and proposed_in.meeting.group_id != group.pk:
        raise ValidationError(_("The work plan is proposed in a document of the group."))
    work_plan = WorkPlan(
        group=group,
        version=next_version(group),
        title=title,
        proposed_in=proposed_in,
        notes=notes,
        status=WorkPlanStatus.PROPOSED,
    )
    _save(work_plan, by, at=at)
    for item in items:
        fields = {"description": item} if isinstance(item, str) else dict(item)
        add_work_plan_item(work_plan=work_plan, by=by, at=at, **fields)
    return work_plan


@transaction.atomic
def add_work_plan_item(
    *,
    work_plan,
    by,
    description,
    target_meeting=None,
    target_session="",
    status=WorkPlanItemStatus.PLANNED,
    at=None,
):
    """Add an item after the others to a proposed work plan (what was approved stays)."""
    _require_secretariat(by)
    at = at or timezone.now()
    work_plan = WorkPlan.objects.select_for_update().get(pk=work_plan.pk)
    if work_plan.status != WorkPlanStatus.PROPOSED:
        raise ValidationError(_("Items are added to a proposed work plan only."))
    _check_target(work_plan, target_meeting)
    last = work_plan.items.aggregate(last=Max("order"))["last"]
    item = WorkPlanItem(
        work_plan=work_plan,
        order=0 if last is None else last + 1,
        description=description,
        target_meeting=target_meeting,
        target_session=target_session,
        status=status,
    )
    _save(item, by, at=at)
    return item


@transaction.atomic
def set_work_plan_item_status(*, item, status, by, at=None):
    """Record how an item of the plan stands (planned, in progress, done, dropped)."""
    _require_secretariat(by)
    at = at or timezone.now()
    item = WorkPlanItem.objects.select_for_update().select_related("work_plan").get(pk=item.pk)
    if item.work_plan.status == WorkPlanStatus.SUPERSEDED:
        raise ValidationError(_("A superseded work plan no longer changes."))
    if status not in WorkPlanItemStatus.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    item.status = status
    _save(item, by, ["status"], at=at)
    return item


@transaction.atomic
def approve_work_plan(*, work_plan, decision, by, at=None):
    """Approve a proposed version by a meeting's decision; the approved one is superseded.

    The decision must be one of a meeting of the group that approves (with or without an
    understanding). One version is approved at a time, and never an older one than it.
    """
    _require_secretariat(by)
    plans = {
        plan.pk: plan
        for plan in WorkPlan.objects.select_for_update().filter(group_id=work_plan.group_id)
    }
    work_plan = plans[work_plan.pk]
    if work_plan.status != WorkPlanStatus.PROPOSED:
        raise ValidationError(
            _("Only a proposed work plan can be approved; this one is %(status)s.")
            % {"status": work_plan.get_status_display().lower()},
            code="not_proposed",
        )
    if decision.meeting.group_id != work_plan.group_id:
        raise ValidationError(
            _("The decision must be one of a meeting of the group."), code="other_group"
        )
    if decision.outcome not in APPROVING_OUTCOMES:
        raise ValidationError(
            _("A decision recorded as “%(outcome)s” approves nothing.")
            % {"outcome": decision.get_outcome_display()},
            code="not_approving",
        )
    approved = [plan for plan in plans.values() if plan.status == WorkPlanStatus.APPROVED]
    if any(plan.version > work_plan.version for plan in approved):
        raise ValidationError(
            _("A later version of the work plan is already approved."), code="later_approved"
        )
    for plan in approved:
        _move(plan, WorkPlanStatus.SUPERSEDED, by=by, at=at)

    def prepare(work_plan, at):
        work_plan.approved_by = decision
        return ["approved_by"]

    return _move(work_plan, WorkPlanStatus.APPROVED, by=by, at=at, prepare=prepare)


def _move(work_plan, target, **move):
    return perform_move(
        work_plan,
        target,
        roles=rules.WORK_PLAN_ROLES,
        refusal=_("Only the secretariat records work plans."),
        **move,
    )
