"""A group's meetings: the list, and each meeting's page with its documents and decisions."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils.timezone import localtime

from contributions.models import Contribution
from contributions.rules import can_create_contribution
from meetings.models import ExpertGroup, Meeting
from proceedings.models import Statement


def _decisions_of(meeting, user):
    """The meeting's decisions with the documents the user may read and the statements."""
    return meeting.decisions.select_related("agenda_item").prefetch_related(
        Prefetch(
            "documents",
            queryset=Contribution.objects.visible_to(user).with_register_data(),
            to_attr="visible_documents",
        ),
        Prefetch("statements", queryset=Statement.objects.prefetch_related("organizations")),
    )


def _register_count(user):
    """The number of registered documents of each meeting that the user may read."""
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


def meeting_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    meetings = group.meetings.annotate(document_count=_register_count(request.user)).order_by(
        "-start_date", "-ordinal"
    )
    return render(request, "proceedings/meeting_list.html", {"group": group, "meetings": meetings})


def meeting_detail(request, group_slug, ordinal):
    meeting = get_object_or_404(
        Meeting.objects.select_related("group"), group__slug=group_slug, ordinal=ordinal
    )
    # The meeting's table shows each document once, as its latest revision.
    documents = (
        Contribution.objects.visible_to(request.user)
        .registered()
        .filter(meeting=meeting)
        .latest_versions(request.user)
        .with_register_data()
        .with_languages()
    )
    context = {
        "group": meeting.group,
        "meeting": meeting,
        "contribution_deadline": meeting.contribution_deadline
        and localtime(meeting.contribution_deadline, meeting.tz),
        "translation_deadline": meeting.translation_deadline
        and localtime(meeting.translation_deadline, meeting.tz),
        "agenda_items": meeting.agenda_items.all(),
        "documents": documents,
        "decisions": _decisions_of(meeting, request.user),
        "can_submit": can_create_contribution(request.user, meeting),
    }
    return render(request, "proceedings/meeting_detail.html", context)
