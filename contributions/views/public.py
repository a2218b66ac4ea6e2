"""The public register of a group: the list, a document's page and its files."""

import re

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from contributions.enums import AmendmentKind, ContributionStatus
from contributions.feeds import DocumentFeed
from contributions.filters import DocumentFilter, names_a_version
from contributions.models import ContributionFile, StatusChange
from contributions.paging import REGISTER_ORDER, RegisterPaginator
from contributions.policies import contribution_policy, file_policy, status_change_policy
from egitrs.page_cache import public_page
from meetings.models import ExpertGroup
from members.rules import is_secretariat

DOCUMENTS_PER_PAGE = 25
# `2-5`, `2-5-rev1`, `2-5-add1`, `2-5-corr1`.
DOCUMENT_SLUG = re.compile(
    r"(?P<ordinal>[1-9]\d*)-(?P<number>[1-9]\d*)(?:-(?P<kind>rev|add|corr)(?P<n>[1-9]\d*))?"
)


@public_page
def document_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    register = (
        contribution_policy.visible_to(request.user)
        .registered()
        .filter(group=group)
        .with_register_data()
        .with_languages()
        .order_by(*REGISTER_ORDER)
    )
    if not names_a_version(request.GET.get("q", "")):
        register = register.latest_versions(request.user)
    filters = DocumentFilter(request.GET or None, queryset=register, group=group)
    paginator = RegisterPaginator(filters.qs, DOCUMENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "group": group,
        "filters": filters,
        "page_obj": page_obj,
        "query_string": query.urlencode(),
        "filtered": any(query.values()),
    }
    return render(request, "contributions/document_list.html", context)


def _get_document(user, group_slug, slug):
    match = DOCUMENT_SLUG.fullmatch(slug)
    if match is None:
        raise Http404
    documents = contribution_policy.visible_to(user).with_register_data().with_languages()
    return get_object_or_404(
        documents,
        meeting__group__slug=group_slug,
        meeting__ordinal=int(match["ordinal"]),
        number=int(match["number"]),
        amendment_kind=match["kind"] or "",
        amendment_ordinal=int(match["n"] or 0),
    )


@public_page
def document_detail(request, group_slug, slug):
    contribution = _get_document(request.user, group_slug, slug)
    family = _family_of(contribution, request.user)
    this = next(member for member in family if member.pk == contribution.pk)
    superseded_files = None
    if file_policy.sees_superseded(request.user):
        current = [file.pk for file in contribution.current_files]
        superseded_files = file_policy.visible_to(
            request.user, contribution.files.exclude(pk__in=current)
        )
    context = {
        "group": contribution.meeting.group,
        "contribution": contribution,
        "agenda_items": contribution.agenda_items.all(),
        "language_versions": contribution.language_versions,
        "superseded_files": superseded_files,
        "family": family if len(family) > 1 else [],
        "superseded_by": _latest_revision(family) if this.is_superseded else None,
        "timeline": _timeline_of(contribution, request.user),
        "show_actors": is_secretariat(request.user),
    }
    return render(request, "contributions/document_detail.html", context)


def _family_of(contribution, user):
    """The base document and its revisions, addenda and corrigenda that the user may read.

    The public sees the registered ones; the secretariat also the ones in the making.
    Always holds `contribution` itself, which is registered.
    """
    base_id = contribution.base_id or contribution.pk
    family = (
        contribution_policy.visible_to(user)
        .filter(Q(pk=base_id) | Q(base_id=base_id))
        .with_register_data()
        .with_superseded(user)
        .order_by(
            F("base_id").asc(nulls_first=True),
            "amendment_kind",
            F("number").asc(nulls_last=True),
            "amendment_ordinal",
            "pk",
        )
    )
    if not is_secretariat(user):
        family = family.registered()
    return list(family)


def _latest_revision(family):
    revisions = [
        member
        for member in family
        if member.amendment_kind == AmendmentKind.REVISION
        and member.status == ContributionStatus.PUBLISHED
    ]
    return max(revisions, key=lambda member: member.amendment_ordinal, default=None)


def _timeline_of(contribution, user):
    """The status history: publication and withdrawal for all, every move for the secretariat."""
    changes = StatusChange.objects.filter(contribution=contribution).order_by("at", "pk")
    if is_secretariat(user):
        changes = changes.select_related("by")  # the page names who moved it
    return status_change_policy.visible_to(user, changes)


def file_download(request, pk, filename):
    file = get_object_or_404(
        file_policy.visible_to(
            request.user, ContributionFile.objects.select_related("contribution__meeting__group")
        ),
        pk=pk,
    )
    if filename != file.download_name:
        return redirect(file.get_absolute_url(), permanent=True)
    response = FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.download_name,
        content_type=file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Anything a login or a role unlocks must never sit in a shared cache.
    is_public = file_policy.can_view(AnonymousUser(), file)
    response["Cache-Control"] = "public, max-age=300" if is_public else "private"
    return response


# The same for everyone (it never looks at the user), so shared caches may keep it.
document_feed = cache_control(public=True, max_age=300)(public_page(DocumentFeed()))
