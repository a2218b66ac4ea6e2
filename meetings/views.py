from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render

from meetings.models import ExpertGroup


def _register_count(user):
    """The number of registered documents of each meeting that the user may read."""
    # Imported here: contributions sits to the right of meetings in the app chain.
    from contributions.models import Contribution

    documents = (
        Contribution.objects.visible_to(user)
        .registered()
        .filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(documents, output_field=IntegerField()), Value(0))


def group_detail(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    context = {
        "group": group,
        "terms_of_reference": group.terms_of_reference.all(),
        "officers": group.officers.current().select_related("organization"),
        "meetings": group.meetings.order_by("-start_date"),
    }
    return render(request, "meetings/group_detail.html", context)


def meeting_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    meetings = group.meetings.annotate(document_count=_register_count(request.user)).order_by(
        "-start_date", "-ordinal"
    )
    return render(request, "meetings/meeting_list.html", {"group": group, "meetings": meetings})
