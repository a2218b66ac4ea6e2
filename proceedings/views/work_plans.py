"""A group's work plan: the version in force, the decision that approved it, its history."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from contributions.policies import contribution_policy
from egitrs.page_cache import public_page
from meetings.models import ExpertGroup
from proceedings.enums import WorkPlanStatus
from proceedings.models import WorkPlanItem


@public_page
def work_plan(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    versions = list(
        group.work_plans.select_related("approved_by__meeting__group", "approved_by__agenda_item")
        .prefetch_related(
            Prefetch(
                "items", queryset=WorkPlanItem.objects.select_related("target_meeting__group")
            ),
            # The document it was proposed in, when the user may read it.
            Prefetch(
                "proposed_in",
                queryset=contribution_policy.visible_to(request.user).select_related(
                    "meeting__group"
                ),
            ),
        )
        .order_by("-version")
    )
    current = next((plan for plan in versions if plan.status == WorkPlanStatus.APPROVED), None)
    context = {"group": group, "current": current, "versions": versions}
    return render(request, "proceedings/work_plan.html", context)
