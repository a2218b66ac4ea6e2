"""The public register of a group: the list, a document's page and its files."""

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from contributions.filters import DocumentFilter
from contributions.models import REGISTERED_STATUSES, Contribution, ContributionFile
from contributions.rules import can_view_superseded_files
from meetings.enums import AccessLevel
from meetings.models import ExpertGroup

DOCUMENTS_PER_PAGE = 25
# `2-5`, `2-5-rev1`, `2-5-add1`, `2-5-corr1`.
DOCUMENT_SLUG = re.compile(
    r"(?P<ordinal>[1-9]\d*)-(?P<number>[1-9]\d*)(?:-(?P<kind>rev|add|corr)(?P<n>[1-9]\d*))?"
)


def document_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    register = (
        Contribution.objects.visible_to(request.user)
        .registered()
        .filter(meeting__group=group)
        .with_register_data()
        .order_by(
            "-meeting__start_date",
            "-meeting__ordinal",
            "number",
            "amendment_kind",
            "amendment_ordinal",
        )
    )
    filters = DocumentFilter(request.GET or None, queryset=register, group=group)
    page_obj = Paginator(filters.qs, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
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
    documents = Contribution.objects.visible_to(user).with_register_data()
    return get_object_or_404(
        documents,
        meeting__group__slug=group_slug,
        meeting__ordinal=int(match["ordinal"]),
        number=int(match["number"]),
        amendment_kind=match["kind"] or "",
        amendment_ordinal=int(match["n"] or 0),
    )


def document_detail(request, group_slug, slug):
    contribution = _get_document(request.user, group_slug, slug)
    current_files = contribution.files.current()
    superseded_files = None
    if can_view_superseded_files(request.user, contribution):
        superseded_files = contribution.files.exclude(pk__in=current_files.values("pk"))
    base = contribution.base or contribution
    family = (
        Contribution.objects.visible_to(request.user)
        .filter(Q(pk=base.pk) | Q(base=base))
        .with_register_data()
    )
    context = {
        "group": contribution.meeting.group,
        "contribution": contribution,
        "agenda_items": contribution.agenda_items.all(),
        "current_files": current_files,
        "superseded_files": superseded_files,
        "family": family if len(family) > 1 else [],
    }
    return render(request, "contributions/document_detail.html", context)


def file_download(request, pk, filename):
    file = get_object_or_404(
        ContributionFile.objects.select_related("contribution__meeting__group"),
        pk=pk,
        contribution__in=Contribution.objects.visible_to(request.user),
    )
    contribution = file.contribution
    is_current = ContributionFile.objects.current().filter(pk=file.pk).exists()
    if not is_current and not can_view_superseded_files(request.user, contribution):
        raise Http404
    if filename != file.download_name:
        return redirect(file.get_absolute_url(), permanent=True)
    response = FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.download_name,
        content_type=file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    is_public = (
        is_current
        and contribution.access_level == AccessLevel.PUBLIC
        and contribution.status in REGISTERED_STATUSES
        and contribution.number is not None
    )
    # Anything a login or a role unlocks must never sit in a shared cache.
    response["Cache-Control"] = "public, max-age=300" if is_public else "private"
    return response


def document_feed(request, group_slug):
    raise Http404("not built yet")
