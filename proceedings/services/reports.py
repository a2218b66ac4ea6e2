"""Reports from start to publication: a draft built from the records, approval, publication.

Approval freezes a report: the HTML, DOCX and PDF rendered at that moment are stored, and
what was approved is what is served from then on, whatever happens to the records later.
A change after approval is a new version, a new draft. Nothing else writes a report's
`status`, its approval or its stored renditions.
"""

import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contributions.enums import Language
from egitrs.workflow import TransitionNotAllowed, perform_move, stamp
from proceedings import rules
from proceedings.enums import APPROVING_OUTCOMES, ReportKind, ReportSection, ReportStatus
from proceedings.models import (
    RenditionFormat,
    Report,
    ReportParagraph,
    ReportRendition,
    Statement,
)
from proceedings.rendering import render_docx, render_html, render_pdf
from proceedings.reports import build_report, derived_header, django_language
from proceedings.reports.outline import DERIVED_FIELDS

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
    "notes",
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
    "notes",
}


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _locked(report):
    return Report.objects.select_for_update().get(pk=report.pk)


def _save(obj, by, fields=None, *, at=None):
    stamp(obj, by=by, at=at or timezone.now())  # who and when, in the history
    obj.save(update_fields=fields)


# A parent-body number still to be given: "C24/xx", "C24/??", "TBD".
PLACEHOLDER_NUMBER = re.compile(r"(?i)(x{2,}|\?|\btbd\b|\bn/a\b|…|\.\.\.)")


def in_series(number, series):
    """Whether `number` is of the document series `series` ("C{yy}/": C24/24 is)."""
    if not series:
        return True
    pattern = re.escape(series).replace(r"\{yyyy\}", r"\d{4}").replace(r"\{yy\}", r"\d{2}")
    return re.match(pattern, number) is not None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def start_progress_report(*, group, period_start, period_end, by, at=None, **header):
    """A draft progress (or final) report of `group` for the period, ready to read.

    A title left out is written from the group. The author, the purpose, the action
    required and the conclusions left out are written from the records each time the
    report is built; given, they are the secretariat's own (see `record_header_basis`).
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
        if kind == ReportKind.FINAL:
            title = _("Final report of the %(group)s") % {"group": group.acronym}
        else:
            title = _("Progress report of the %(group)s") % {"group": group.acronym}
    given = {name: value for name, value in header.items() if value not in (None, "")}
    report = Report(
        group=group,
        period_start=period_start,
        period_end=period_end,
        status=ReportStatus.DRAFT,
        **{"title": title, **given, "kind": kind, "original_language": language},
    )
    report.full_clean()
    record_header_basis(report, given)
    _save(report, by, at=at)
    return report


def record_header_basis(report, fields):
    """Remember what the builder writes now for each header field of `fields` the
    secretariat writes its own text for, so that a draft says when the records have
    changed since (and forget it for a field left empty: the builder writes it again).
    """
    derived = derived_header(report)
    basis = dict(report.header_basis)
    for name in DERIVED_FIELDS:
        if name not in fields:
            continue
        if " ".join(str(getattr(report, name)).split()):
            basis[name] = derived[name]
        else:
            basis.pop(name, None)
    report.header_basis = basis


@transaction.atomic
def start_meeting_report(
    *,
    meeting,
    by,
    title=None,
    parent_body_document="",
    date=None,
    original_language=Language.ENGLISH,
    author="",
    notes="",
    at=None,
):
    """A draft report of `meeting`, built from its records, to be approved by a decision."""
    _require(rules.can_start_report(by, meeting.group), _("Only the secretariat starts reports."))
    with translation.override(django_language(original_language)):
        default_title = _("Report of the %(meeting)s") % {"meeting": meeting.title}
    report = Report(
        group=meeting.group,
        kind=ReportKind.MEETING,
        meeting=meeting,
        title=title or default_title,
        parent_body_document=parent_body_document,
        date=date,
        original_language=original_language,
        author=author,
        notes=notes,
        status=ReportStatus.DRAFT,
    )
    report.full_clean()
    _save(report, by, at=at)
    return report


@transaction.atomic
def add_report_paragraph(*, report, section, text, by, agenda_item=None, order=None, at=None):
    """A paragraph the secretariat writes into a section of a draft report."""
    report = _locked(report)
    _require(rules.can_edit_report(by, report), _("Only a draft report is edited."))
    if section not in ReportSection.values:
        raise ValidationError(_("Unknown section: %(section)s."), params={"section": section})
    if agenda_item is not None and agenda_item.meeting_id != report.meeting_id:
        raise ValidationError(
            _("The agenda item must be one of the report's meeting."), code="other_meeting"
        )
    if order is None:
        order = report.added_paragraphs.filter(section=section, agenda_item=agenda_item).count()
    paragraph = ReportParagraph(
        report=report, section=section, agenda_item=agenda_item, order=order, text=text
    )
    paragraph.full_clean()
    _save(paragraph, by, at=at)
    return paragraph


def check_approving_decision(report, decision):
    """Refuse a decision that cannot approve `report`, and a report not ready for it.

    The decision is one of the group's meetings, approves (with or without an
    understanding) and was taken no earlier than the meeting reported on. A report to
    the parent body has its real document number by then.
    """
    if decision.meeting.group_id != report.group_id:
        raise ValidationError(
            _("A report is approved by a decision of its own group."), code="other_group"
        )
    if decision.outcome not in APPROVING_OUTCOMES:
        raise ValidationError(
            _("A decision recorded as “%(outcome)s” approves nothing."),
            params={"outcome": decision.get_outcome_display()},
            code="not_approving",
        )
    if report.meeting_id is not None and decision.meeting.start_date < report.meeting.start_date:
        raise ValidationError(
            _("The report of %(meeting)s cannot be approved by a decision of an earlier meeting."),
            params={"meeting": report.meeting},
            code="earlier_meeting",
        )
    number = report.parent_body_document.strip()
    group = report.group
    if not number and report.kind != ReportKind.MEETING:
        raise ValidationError(
            _("Give the report its %(parent_body)s document number before approving it."),
            params={"parent_body": group.parent_body},
            code="no_number",
        )
    if PLACEHOLDER_NUMBER.search(number):
        raise ValidationError(
            _("“%(number)s” is a placeholder: give the report its real document number."),
            params={"number": number},
            code="placeholder_number",
        )
    if report.kind != ReportKind.MEETING and not in_series(number, group.parent_body_series):
        raise ValidationError(
            _(
                "“%(number)s” is not a document number of %(parent_body)s, whose numbers "
                "start “%(series)s”."
            ),
            params={
                "number": number,
                "parent_body": group.parent_body,
                "series": group.parent_body_series.replace("{yyyy}", "YYYY").replace("{yy}", "YY"),
            },
            code="other_series",
        )


def approve_report(*, report, decision, by, at=None):
    """Approve a draft by `decision`, storing what it renders to now, in every format.

    An undated report takes the day of its approval: what goes out is dated. The stored
    HTML, DOCX and PDF are what the report's page and downloads serve from now on.
    """
    _require(rules.manages_reports(by, report.group), _("Only the secretariat approves reports."))

    def prepare(report, at):
        check_approving_decision(report, decision)
        if report.date is None:
            report.date = timezone.localdate(at)
        report.approved_by = decision
        report.approved_at = at
        report.approved_annexes = {
            str(statement.pk): statement.annex_number
            for statement in report.statements.all()
            if statement.annex_number is not None
        }
        # Built as what it becomes: an approved report, without a draft's marks.
        report.status = ReportStatus.APPROVED
        document = build_report(report)
        html = render_html(document)
        report.rendered_html = html
        report.rendered_sha256 = sha256(html.encode())
        report._renditions = {
            RenditionFormat.DOCX: render_docx(document),
            RenditionFormat.PDF: render_pdf(document),
        }
        return [
            "date",
            "approved_by",
            "approved_at",
            "approved_annexes",
            "rendered_html",
            "rendered_sha256",
        ]

    def store(report, source, target, by, at, note):
        # Files written here stay if the transaction rolls back; under their generated
        # names nothing refers to them, and nothing is ever overwritten.
        for format, data in report._renditions.items():
            _store(report, format, data, at=at)

    return perform_move(
        report,
        ReportStatus.APPROVED,
        roles=rules.REPORT_ROLES,
        by=by,
        at=at,
        prepare=prepare,
        audit=store,
        related=("group", "meeting"),
        refusal=_("Only the secretariat approves reports."),
    )


def _store(report, format, data, *, at):
    rendition = ReportRendition(
        report=report, format=format, size=len(data), sha256=sha256(data), created_at=at
    )
    rendition.file.save(f"report.{format}", ContentFile(data), save=False)
    rendition.save()
    return rendition


def publish_report(*, report, by, at=None):
    """Make an approved report public: its page and downloads, as approved."""
    _require(rules.manages_reports(by, report.group), _("Only the secretariat publishes reports."))

    def prepare(report, at):
        report.published_at = at
        return ["published_at"]

    return perform_move(
        report,
        ReportStatus.PUBLISHED,
        roles=rules.REPORT_ROLES,
        by=by,
        at=at,
        prepare=prepare,
        related=("group",),
        refusal=_("Only the secretariat publishes reports."),
    )


@transaction.atomic
def new_report_version(*, report, by, at=None):
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
    at = at or timezone.now()
    _save(draft, by, at=at)
    for paragraph in ReportParagraph.objects.filter(report=report).order_by("pk"):
        copy = ReportParagraph(
            report=draft,
            section=paragraph.section,
            agenda_item=paragraph.agenda_item,
            order=paragraph.order,
            text=paragraph.text,
        )
        _save(copy, by, at=at)
    for statement in Statement.objects.filter(report=report).order_by("pk"):
        statement.report = draft
        _save(statement, by, ["report"], at=at)
    return draft
