"""A group's reports: the list, each report's page and its downloads.

A draft is built from the records at each request, so the secretariat reads what approval
would store; an approved or published report serves what approval stored, byte for byte.
"""

import io

from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from contributions.files import DOCX, PDF
from meetings.models import ExpertGroup
from members.rules import is_secretariat
from proceedings.enums import ReportStatus
from proceedings.models import Decision, RenditionFormat
from proceedings.policies import report_policy
from proceedings.rendering import render_docx, render_html, render_pdf
from proceedings.reports import build_report

RENDERERS = {RenditionFormat.DOCX: render_docx, RenditionFormat.PDF: render_pdf}
CONTENT_TYPES = {RenditionFormat.DOCX: DOCX, RenditionFormat.PDF: PDF}


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


def report_detail(request, group_slug, pk):
    report = _report_or_404(request, group_slug, pk)
    if _is_stored(report):
        html, built_at = mark_safe(report.rendered_html), None
    else:
        built_at = timezone.now()
        html = render_html(build_report(report))
    later = report_policy.visible_to(request.user, report.next_versions.all()).first()
    previous = report.previous_version
    context = {
        "group": report.group,
        "report": report,
        "report_html": html,
        "built_at": built_at,
        "later_version": later,
        "previous_version": previous
        if previous and report_policy.can_view(request.user, previous)
        else None,
        "show_status": is_secretariat(request.user),
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
