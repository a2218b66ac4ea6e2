"""A group's reports: the list, each report's page and its downloads.

A draft is built from the records at each request, so the secretariat reads what approval
would store; an approved or published report serves what approval stored, byte for byte.
"""

import io

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from contributions.files import DOCX, PDF
from egitrs.page_cache import public_page
from meetings.models import ExpertGroup
from members.rules import is_secretariat
from proceedings.enums import ReportStatus
from proceedings.models import (
    Decision,
    RenditionFormat,
    ReportTranslationFile,
    report_language_versions,
    report_translations_prefetch,
)
from proceedings.policies import report_policy, report_translation_file_policy
from proceedings.rendering import render_docx, render_html, render_pdf
from proceedings.reports import build_report

RENDERERS = {RenditionFormat.DOCX: render_docx, RenditionFormat.PDF: render_pdf}
CONTENT_TYPES = {RenditionFormat.DOCX: DOCX, RenditionFormat.PDF: PDF}


@public_page
def report_list(request, group_slug):
    group = get_object_or_404(ExpertGroup, slug=group_slug)
    reports = (
        report_policy.visible_to(request.user, group.reports.all())
        .select_related("meeting__group", "approved_by__meeting__group")
        .prefetch_related(
            Prefetch("meeting__decisions", queryset=Decision.objects.order_by("order", "pk"))
        )
    )
    context = {"group": group, "reports": reports, "show_status": is_secretariat(request.user)}
    return render(request, "proceedings/report_list.html", context)


def _report_or_404(request, group_slug, pk):
    """The report, if the user may read it (else 404: a draft's existence is not disclosed)."""
    return get_object_or_404(
        report_policy.visible_to(request.user).select_related(
            "group", "meeting__group", "approved_by__meeting__group", "previous_version__group"
        ),
        group__slug=group_slug,
        pk=pk,
    )


def _is_stored(report):
    # Reports approved before approval stored them (none through the services) are built.
    return report.status != ReportStatus.DRAFT and bool(report.rendered_html)


@public_page
def report_detail(request, group_slug, pk):
    report = _report_or_404(request, group_slug, pk)
    notices = []
    if _is_stored(report):
        html, built_at = mark_safe(report.rendered_html), None
    else:
        built_at = timezone.now()
        document = build_report(report)
        html = render_html(document)
        # What to check before approval is the secretariat's to read, not the report's.
        if is_secretariat(request.user):
            notices = document.notices
    later = report_policy.visible_to(request.user, report.next_versions.all()).first()
    previous = report.previous_version
    context = {
        "group": report.group,
        "report": report,
        "report_html": html,
        "built_at": built_at,
        "notices": notices,
        "later_version": later,
        "previous_version": previous
        if previous and report_policy.can_view(request.user, previous)
        else None,
        "show_status": is_secretariat(request.user),
        "language_versions": _language_versions(report),
    }
    return render(request, "proceedings/report_detail.html", context)


def _download(request, group_slug, pk, format):
    report = _report_or_404(request, group_slug, pk)
    rendition = report.renditions.filter(format=format).first() if _is_stored(report) else None
    if rendition is not None:
        content = rendition.file.open("rb")
    else:
        content = io.BytesIO(RENDERERS[format](build_report(report)))
    response = FileResponse(
        content,
        as_attachment=True,
        filename=report.download_name(format),
        content_type=CONTENT_TYPES[format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Only a published report is the same for everyone.
    published = report.status == ReportStatus.PUBLISHED and rendition is not None
    response["Cache-Control"] = "public, max-age=300" if published else "private, no-store"
    return response


def report_docx(request, group_slug, pk):
    return _download(request, group_slug, pk, RenditionFormat.DOCX)


def report_pdf(request, group_slug, pk):
    return _download(request, group_slug, pk, RenditionFormat.PDF)


def _language_versions(report):
    """The report's six languages for its page; its translations go with it (a reader who
    may see the report sees where each stands, and gets the posted files)."""
    prefetch_related_objects([report], report_translations_prefetch())
    return report_language_versions(report)


def report_translation_download(request, group_slug, pk, file_pk, filename):
    """A posted translation of a report, for whoever may see the report (its superseded
    postings for the secretariat only); 404 for anything else."""
    posted = get_object_or_404(
        report_translation_file_policy.visible_to(
            request.user,
            ReportTranslationFile.objects.select_related("translation__report__group"),
        ),
        translation__report__group__slug=group_slug,
        translation__report_id=pk,
        pk=file_pk,
    )
    if filename != posted.download_name:
        return redirect(posted.get_absolute_url(), permanent=True)
    response = FileResponse(
        posted.file.open("rb"),
        as_attachment=True,
        filename=posted.download_name,
        content_type=CONTENT_TYPES[posted.format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Each posting has its own address and never changes: public once everyone may read it.
    is_public = report_translation_file_policy.can_view(AnonymousUser(), posted)
    response["Cache-Control"] = "public, max-age=300" if is_public else "private, no-store"
    return response
