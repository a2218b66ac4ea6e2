"""Reports from start to publication: a draft built from the records, approval, publication.

Approval freezes a report: the HTML, DOCX and PDF rendered at that moment are stored, and
what was approved is what is served from then on, whatever happens to the records later.
A change after approval is a new version, a new draft. Nothing else writes a report's
`status`, its approval or its stored renditions.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contributions.enums import Language
from contributions.services import TransitionNotAllowed
from meetings.enums import MeetingStatus
from proceedings import rules
from proceedings.enums import ReportKind, ReportStatus
from proceedings.models import (
    RenditionFormat,
    Report,
    ReportParagraph,
    ReportRendition,
    Statement,
)
from proceedings.rendering import render_docx, render_html, render_pdf
from proceedings.reports import (
    build_report,
    django_language,
    format_date,
    format_dates,
    join,
    ordinal,
)

# What a new version copies from the one it follows: everything the secretariat set.
COPIED_FIELDS = [
    "group",
    "kind",
    "title",
    "meeting",
    "period_start",
    "period_end",
    "parent_body_session",
    "parent_body_document",
    "parent_body_agenda_item",
    "date",
    "original_language",
    "author",
    "purpose",
    "action_required",
    "strategic_plan_links",
    "financial_implications",
    "conclusions",
]
# What `start_progress_report` accepts besides the group and the period.
HEADER_FIELDS = {
    "kind",
    "title",
    "parent_body_session",
    "parent_body_document",
    "parent_body_agenda_item",
    "date",
    "original_language",
    "author",
    "purpose",
    "action_required",
    "strategic_plan_links",
    "financial_implications",
    "conclusions",
}


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _locked(report):
    return Report.objects.select_for_update().get(pk=report.pk)


def _save(report, by, fields):
    report._history_user = by  # who, in the report's history
    report.save(update_fields=fields)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def start_progress_report(*, group, period_start, period_end, by, **header):
    """A draft progress (or final) report of `group` for the period, ready to read.

    Header fields left out (or empty) get defaults built from the group and from the
    meetings it held in the period: the title, the author, the purpose, the action
    required and the conclusions. The secretariat edits them in the draft.
    """
    _require(rules.can_start_report(by, group), _("Only the secretariat starts reports."))
    unknown = set(header) - HEADER_FIELDS
    if unknown:
        raise TypeError(f"Not a header field of a report: {', '.join(sorted(unknown))}")
    kind = header.get("kind") or ReportKind.PROGRESS
    if kind == ReportKind.MEETING:
        raise ValidationError(_("A meeting report is built from its meeting, not a period."))
    if period_start and period_end and period_end < period_start:
        raise ValidationError(_("The period cannot end before it starts."))
    language = header.get("original_language") or Language.ENGLISH
    with translation.override(django_language(language)):
        defaults = _ReportDefaults(group, kind, period_start, period_end).fields()
    given = {name: value for name, value in header.items() if value not in (None, "")}
    report = Report(
        group=group,
        period_start=period_start,
        period_end=period_end,
        status=ReportStatus.DRAFT,
        **{**defaults, **given, "kind": kind, "original_language": language},
    )
    report.full_clean()
    report._history_user = by
    report.save()
    return report


@transaction.atomic
def approve_report(*, report, decision, by):
    """Approve a draft by `decision`, storing what it renders to now, in every format.

    An undated report takes today's date: what goes out is dated. The stored HTML,
    DOCX and PDF are what the report's page and downloads serve from now on.
    """
    report = _locked(report)
    _require(rules.manages_reports(by, report.group), _("Only the secretariat approves reports."))
    if report.status != ReportStatus.DRAFT:
        raise TransitionNotAllowed(
            _("Only a draft is approved; this report is %(status)s.")
            % {"status": report.get_status_display().lower()}
        )
    if decision.meeting.group_id != report.group_id:
        raise ValidationError(_("A report is approved by a decision of its own group."))
    if report.date is None:
        report.date = timezone.localdate()
    report.status = ReportStatus.APPROVED
    report.approved_by = decision
    report.approved_at = timezone.now()
    document = build_report(report)
    html = render_html(document)
    report.rendered_html = html
    report.rendered_sha256 = sha256(html.encode())
    _save(
        report,
        by,
        ["date", "status", "approved_by", "approved_at", "rendered_html", "rendered_sha256"],
    )
    # Files written here stay if the transaction rolls back; under their generated names
    # nothing refers to them, and nothing is ever overwritten.
    _store(report, RenditionFormat.DOCX, render_docx(document))
    _store(report, RenditionFormat.PDF, render_pdf(document))
    return report


def _store(report, format, data):
    rendition = ReportRendition(report=report, format=format, size=len(data), sha256=sha256(data))
    rendition.file.save(f"report.{format}", ContentFile(data), save=False)
    rendition.save()
    return rendition


@transaction.atomic
def publish_report(*, report, by):
    """Make an approved report public: its page and downloads, as approved."""
    report = _locked(report)
    _require(rules.manages_reports(by, report.group), _("Only the secretariat publishes reports."))
    if report.status != ReportStatus.APPROVED:
        raise TransitionNotAllowed(
            _("Only an approved report is published; this report is %(status)s.")
            % {"status": report.get_status_display().lower()}
        )
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    _save(report, by, ["status", "published_at"])
    return report


@transaction.atomic
def new_report_version(*, report, by):
    """A new draft of an approved or published report; the report itself stays as it is.

    The draft copies the header fields and the paragraphs the secretariat added. The
    statements annexed to the report move to the draft: they are annexed to the meeting's
    report, which the new version now is (the old one keeps them in what it stored).
    """
    report = _locked(report)
    _require(
        rules.manages_reports(by, report.group),
        _("Only the secretariat starts a new version of a report."),
    )
    if report.status == ReportStatus.DRAFT:
        raise TransitionNotAllowed(_("A draft is edited as it is; it needs no new version."))
    if later := report.next_versions.first():
        raise TransitionNotAllowed(
            _("Version %(version)s of this report already exists.") % {"version": later.version}
        )
    draft = Report(
        **{name: getattr(report, name) for name in COPIED_FIELDS},
        status=ReportStatus.DRAFT,
        version=report.version + 1,
        previous_version=report,
    )
    draft._history_user = by
    draft.save()
    for paragraph in ReportParagraph.objects.filter(report=report).order_by("pk"):
        copy = ReportParagraph(
            report=draft,
            section=paragraph.section,
            agenda_item=paragraph.agenda_item,
            order=paragraph.order,
            text=paragraph.text,
        )
        copy._history_user = by
        copy.save()
    for statement in Statement.objects.filter(report=report).order_by("pk"):
        statement.report = draft
        statement._history_user = by
        statement.save(update_fields=["report"])
    return draft


class _ReportDefaults:
    """The header of a new progress report, as the seed writes it, from the records."""

    def __init__(self, group, kind, period_start, period_end):
        self.group = group
        self.kind = kind
        self.period_start = period_start
        self.period_end = period_end
        meetings = group.meetings.filter(status=MeetingStatus.HELD)
        # The meetings the builder recounts: those that opened in the period.
        if period_start:
            meetings = meetings.filter(start_date__gte=period_start)
        if period_end:
            meetings = meetings.filter(start_date__lte=period_end)
        self.meetings = list(meetings.order_by("start_date", "ordinal"))

    def fields(self):
        group = self.group.acronym
        if self.kind == ReportKind.FINAL:
            title = _("Final report of the %(group)s") % {"group": group}
        else:
            title = _("Progress report of the %(group)s") % {"group": group}
        return {
            "title": title,
            "author": _("Chair of the %(group)s") % {"group": group},
            "purpose": self.purpose(),
            "action_required": _("The %(parent_body)s is invited to note the report.")
            % {"parent_body": self.group.parent_body},
            "conclusions": self.conclusions(),
        }

    def ordinals(self):
        return join(ordinal(meeting.ordinal) for meeting in self.meetings)

    def purpose(self):
        values = {
            "group": self.group.acronym,
            "references": join(self.group.reference_list),
            "ordinals": self.ordinals(),
            "dates": join(format_dates(m.start_date, m.end_date) for m in self.meetings),
        }
        count = len(self.meetings)
        if count and values["references"]:
            return (
                ngettext(
                    "This report summarizes the main results of the %(ordinals)s meeting of the "
                    "%(group)s, held on %(dates)s, in line with %(references)s.",
                    "This report summarizes the main results of the %(ordinals)s meetings of the "
                    "%(group)s, held on %(dates)s respectively, in line with %(references)s.",
                    count,
                )
                % values
            )
        if count:
            return (
                ngettext(
                    "This report summarizes the main results of the %(ordinals)s meeting of the "
                    "%(group)s, held on %(dates)s.",
                    "This report summarizes the main results of the %(ordinals)s meetings of the "
                    "%(group)s, held on %(dates)s respectively.",
                    count,
                )
                % values
            )
        if self.period_start and self.period_end:
            return _(
                "This report summarizes the work of the %(group)s from %(start)s to %(end)s."
            ) % {
                **values,
                "start": format_date(self.period_start),
                "end": format_date(self.period_end),
            }
        return _("This report summarizes the work of the %(group)s.") % values

    def conclusions(self):
        kind = _("final report") if self.kind == ReportKind.FINAL else _("progress report")
        invitation = _(
            "The %(parent_body)s is invited to note this %(kind)s of the %(group)s."
        ) % {
            "parent_body": self.group.parent_body,
            "kind": kind,
            "group": self.group.acronym,
        }
        if not self.meetings:
            return invitation
        thanks = ngettext(
            "On behalf of the %(group)s, the Chair thanks the members who made contributions "
            "and took part in the work of the Group, the Vice-Chairs and the secretariat for "
            "their assistance during the %(ordinals)s meeting of the %(group)s.",
            "On behalf of the %(group)s, the Chair thanks the members who made contributions "
            "and took part in the work of the Group, the Vice-Chairs and the secretariat for "
            "their assistance during the %(ordinals)s meetings of the %(group)s.",
            len(self.meetings),
        ) % {"group": self.group.acronym, "ordinals": self.ordinals()}
        return f"{invitation}\n\n{thanks}"
