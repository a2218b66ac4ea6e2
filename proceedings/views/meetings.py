"""A group's meetings: the list, and each meeting's page with its documents and decisions."""

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils.timezone import localtime

from contributions.policies import contribution_policy
from contributions.rules import can_create_contribution
from egitrs.page_cache import public_page
from meetings.models import ExpertGroup, Meeting
from proceedings.policies import decision_policy, report_policy, statement_policy

MEETING_DOCUMENTS_PER_PAGE = 50


def _decisions_of(meeting, user):
    """The meeting's decisions with the documents the user may read."""
    decisions = decision_policy.visible_to(user, meeting.decisions.all())
    return decisions.select_related("agenda_item").prefetch_related(
        Prefetch(
            "documents",
            queryset=contribution_policy.visible_to(user).with_register_data(),
            to_attr="visible_documents",
        ),
    )


def _statements_of(meeting, user):
    """The meeting's statements, in the order of the decisions they concern.

    Each has who made it, its document when the user may read it, and `visible_report`:
    the report it is annexed to when the user may read that report (published, or any
    report for the secretariat), else None: a draft's annex numbers are not yet final.
    """
    statements = list(
        statement_policy.visible_to(user, meeting.statements.all())
        .select_related("report", "decision")
        .prefetch_related(
            "organizations",
            Prefetch(
                "document",
                queryset=contribution_policy.visible_to(user).select_related("meeting__group"),
            ),
        )
        .order_by(F("decision__order").asc(nulls_last=True), "decision_id", "annex_number", "pk")
    )
    for statement in statements:
        report = statement.report
        readable = report is not None and report_policy.can_view(user, report)
        statement.visible_report = report if readable else None
    return statements


def _register_count(user):
    """The number of registered documents of each meeting that the user may read."""
    documents = (
        contribution_policy.visible_to(user)
        .registered()
        .filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(documents, output_field=IntegerField()), Value(0))


@public_page
def meeting_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    meetings = group.meetings.annotate(document_count=_register_count(request.user)).order_by(
        "-start_date", "-ordinal"
    )
    return render(request, "proceedings/meeting_list.html", {"group": group, "meetings": meetings})


@public_page
def meeting_detail(request, group_slug, ordinal):
    meeting = get_object_or_404(
        Meeting.objects.select_related("group"), group__slug=group_slug, ordinal=ordinal
    )
    # The meeting's table shows each document once, as its latest revision.
    documents = (
        contribution_policy.visible_to(request.user)
        .registered()
        .filter(meeting=meeting)
        .latest_versions(request.user)
        .with_register_data()
        .with_languages()
        .order_by("number", "amendment_kind", "amendment_ordinal", "pk")
    )
    # A meeting of thousands of documents is read a page at a time.
    page_obj = Paginator(documents, MEETING_DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    decisions = list(_decisions_of(meeting, request.user))
    statements = _statements_of(meeting, request.user)
    for decision in decisions:
        decision.statements_made = [s for s in statements if s.decision_id == decision.pk]
    context = {
        "group": meeting.group,
        "meeting": meeting,
        "contribution_deadline": meeting.contribution_deadline
        and localtime(meeting.contribution_deadline, meeting.tz),
        "translation_deadline": meeting.translation_deadline
        and localtime(meeting.translation_deadline, meeting.tz),
        "agenda_items": meeting.agenda_items.all(),
        "documents": page_obj.object_list,
        "page_obj": page_obj,
        "decisions": decisions,
        "statements": statements,
        "can_submit": can_create_contribution(request.user, meeting),
    }
    return render(request, "proceedings/meeting_detail.html", context)
