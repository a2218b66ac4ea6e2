"""A group's reports: the list, each report's page and its downloads."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from meetings.models import ExpertGroup
from members.rules import is_secretariat
from proceedings.models import Decision


def report_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    secretariat = is_secretariat(request.user)
    reports = group.reports.all() if secretariat else group.reports.published()
    reports = reports.select_related(
        "meeting__group", "approved_by__meeting__group"
    ).prefetch_related(
        Prefetch("meeting__decisions", queryset=Decision.objects.order_by("order", "pk"))
    )
    context = {"group": group, "reports": reports, "show_status": secretariat}
    return render(request, "proceedings/report_list.html", context)
