from django.shortcuts import get_object_or_404, render

from egitrs.page_cache import public_page
from meetings.models import ExpertGroup


@public_page
def group_detail(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    context = {
        "group": group,
        "terms_of_reference": group.terms_of_reference.all(),
        "officers": group.officers.current().select_related("organization"),
        "meetings": group.meetings.order_by("-start_date"),
    }
    return render(request, "meetings/group_detail.html", context)
