"""The records a report recounts, read from the database; the loader writes nothing.

Every query of the builder is here, so that an outline only arranges what it is given.
A report names only documents its audience may read (`contribution_policy`): a report
is frozen at approval and served to everyone, so it is built for the public, and a
decision on a secretariat-only document is recounted without naming the document.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Prefetch
from django.utils import timezone

from contributions.enums import ContributionStatus
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from meetings.enums import MeetingStatus, OfficerRole
from meetings.models import Meeting
from proceedings.enums import ReportKind, ReportStatus
from proceedings.models import Decision, Report, ReportParagraph, Statement, WorkPlan
from proceedings.reports.wording import fold


@dataclass
class AnnexPlace:
    """Where a statement is annexed, as a report quotes it.

    `where` is "none", "this" (the report built), "meeting" (a meeting report's approved
    version: `number` is the one approved), "meeting_provisional" (a meeting report not
    yet approved: `number` may change) or "report" (another report).
    """

    where: str
    number: int | None = None
    report: Report | None = None

    @property
    def meeting(self):
        return self.where in ("meeting", "meeting_provisional")


class RecordLoader:
    """The records of `report`'s group, meeting and period, as `audience` may read them
    (default: an anonymous visitor)."""

    def __init__(self, report, *, audience=None):
        self.report = report
        self.group = report.group
        self.audience = audience if audience is not None else AnonymousUser()

    def readable(self, documents):
        return contribution_policy.visible_to(self.audience, documents)

    def added_paragraphs(self):
        """The secretariat's own paragraphs by (section, agenda item id), in their order."""
        added = {}
        if self.report.pk is None:  # A report about to be started has none yet.
            return added
        for paragraph in ReportParagraph.objects.filter(report=self.report):
            key = (paragraph.section, paragraph.agenda_item_id)
            added.setdefault(key, []).append(fold(paragraph.text))
        return added

    def held_meetings(self):
        """The group's held meetings that opened in the report's period, in order."""
        meetings = Meeting.objects.filter(group=self.group, status=MeetingStatus.HELD)
        if self.report.period_start:
            meetings = meetings.filter(start_date__gte=self.report.period_start)
        if self.report.period_end:
            meetings = meetings.filter(start_date__lte=self.report.period_end)
        return list(meetings.order_by("start_date", "ordinal"))

    def officers_in_office(self):
        """How many chairs and vice-chairs are in office on the report's day."""
        report = self.report
        day = report.date or report.period_end or timezone.localdate()
        roles = list(self.group.officers.current(on=day).values_list("role", flat=True))
        return roles.count(OfficerRole.CHAIR), roles.count(OfficerRole.VICE_CHAIR)

    def terms_of_reference(self):
        return [term.text for term in self.group.terms_of_reference.all()]

    def decisions(self, meetings, *, reported_only=False):
        """The decisions with `readable_documents` (those the report may name); only those
        the secretariat has not marked procedural when `reported_only`."""
        decisions = Decision.objects.filter(meeting__in=meetings)
        if reported_only:
            decisions = decisions.filter(procedural=False)
        return list(
            decisions.select_related("meeting__group", "agenda_item")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=self.readable(Contribution.objects.select_related("meeting__group")),
                    to_attr="readable_documents",
                ),
                _statements_prefetch("statements"),
            )
            .order_by("meeting__start_date", "order", "pk")
        )

    def general_statements(self, meetings):
        """Statements on a meeting as a whole, not on one of its decisions."""
        return list(
            Statement.objects.filter(meeting__in=meetings, decision__isnull=True)
            .select_related("report__meeting")
            .prefetch_related("organizations")
            .order_by("pk")  # In the order they were made.
        )

    def approved_meeting_reports(self, meetings):
        """The reports of `meetings` approved by a meeting of the report's period."""
        approved = Report.objects.filter(
            kind=ReportKind.MEETING, meeting__in=meetings, approved_by__isnull=False
        )
        if self.report.period_end:
            approved = approved.filter(
                approved_by__meeting__start_date__lte=self.report.period_end
            )
        return list(approved.select_related("meeting").order_by("meeting__start_date"))

    def annex_of(self, statement):
        """Where `statement` is annexed (`AnnexPlace`): for a meeting report, the number
        its approved version gave it, else the draft's number, said to be provisional."""
        if statement.report_id is None:
            return AnnexPlace("none")
        if statement.report_id == self.report.pk:
            return AnnexPlace("this", statement.annex_number, self.report)
        reports = self.group_reports()
        annexed = reports[statement.report_id]
        approved = annexed
        while approved is not None and approved.status == ReportStatus.DRAFT:
            approved = reports.get(approved.previous_version_id)
        meeting = annexed.kind == ReportKind.MEETING
        frozen = approved.approved_annexes if approved is not None else {}
        if str(statement.pk) in frozen or (approved is annexed and approved is not None):
            number = frozen.get(str(statement.pk), statement.annex_number)
            return AnnexPlace("meeting" if meeting else "report", number, approved)
        return AnnexPlace(
            "meeting_provisional" if meeting else "report", statement.annex_number, annexed
        )

    def group_reports(self):
        if not hasattr(self, "_group_reports"):
            reports = Report.objects.filter(group=self.group).select_related("meeting")
            self._group_reports = {report.pk: report for report in reports}
        return self._group_reports

    def annexed_statements(self):
        """The statements annexed to this report, numbered ones first; `document` only
        where the report may name it."""
        return list(
            Statement.objects.filter(report=self.report)
            .prefetch_related(
                Prefetch(
                    "document",
                    queryset=self.readable(
                        Contribution.objects.select_related("meeting__group")
                    ).prefetch_related("files"),
                )
            )
            .order_by(F("annex_number").asc(nulls_last=True), "pk")
        )

    def agenda(self, meeting):
        return list(meeting.agenda_items.all())

    def participants(self, meeting):
        return list(meeting.registrations.filter(attended=True).select_related("organization"))

    def approved_work_plans(self, meeting):
        return list(
            WorkPlan.objects.filter(approved_by__meeting=meeting)
            .prefetch_related("items__target_meeting__group")
            .order_by("version")
        )

    def published_documents(self, meeting):
        """The meeting's numbered, published documents that the report may name, with
        their agenda items and sources."""
        return list(
            self.readable(Contribution.objects.all())
            .filter(
                meeting=meeting,
                status=ContributionStatus.PUBLISHED,
                number__isnull=False,
            )
            .select_related("meeting__group")
            .prefetch_related(
                "agenda_items",
                Prefetch("sources", queryset=Source.objects.select_related("organization")),
            )
        )


def _statements_prefetch(lookup):
    return Prefetch(
        lookup,
        queryset=Statement.objects.select_related("report__meeting")
        .prefetch_related("organizations")
        .order_by("pk"),  # In the order they were made.
    )
