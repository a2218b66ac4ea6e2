"""The records a report recounts, read from the database; the loader writes nothing.

Every query of the builder is here, so that an outline only arranges what it is given.
A report names only documents its audience may read (`contribution_policy`): a report
is frozen at approval and served to everyone, so it is built for the public, and a
decision on a secretariat-only document is recounted without naming the document.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from contributions.enums import ContributionStatus
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from proceedings.enums import ReportKind
from proceedings.models import Decision, Report, ReportParagraph, Statement, WorkPlan


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
        for paragraph in ReportParagraph.objects.filter(report=self.report):
            key = (paragraph.section, paragraph.agenda_item_id)
            added.setdefault(key, []).append(" ".join(paragraph.text.split()))
        return added

    def held_meetings(self):
        """The group's held meetings that opened in the report's period, in order."""
        meetings = Meeting.objects.filter(group=self.group, status=MeetingStatus.HELD)
        if self.report.period_start:
            meetings = meetings.filter(start_date__gte=self.report.period_start)
        if self.report.period_end:
            meetings = meetings.filter(start_date__lte=self.report.period_end)
        return list(meetings.order_by("start_date", "ordinal"))

    def terms_of_reference(self):
        return [term.text for term in self.group.terms_of_reference.all()]

    def decisions(self, meetings):
        """The decisions with `documents` (all: what the decision is about, see
        `is_procedural`) and `readable_documents` (those the report may name)."""
        return list(
            Decision.objects.filter(meeting__in=meetings)
            .select_related("meeting", "agenda_item")
            .prefetch_related(
                "work_plans",
                "documents",
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
            .order_by("annex_number", "pk")
        )

    def approved_meeting_reports(self, meetings):
        return list(
            Report.objects.filter(
                kind=ReportKind.MEETING, meeting__in=meetings, approved_by__isnull=False
            )
            .select_related("meeting")
            .order_by("meeting__start_date")
        )

    def annexed_statements(self):
        """The statements annexed to this report, numbered ones first; `document` only
        where the report may name it."""
        return list(
            Statement.objects.filter(report=self.report)
            .prefetch_related(
                Prefetch(
                    "document",
                    queryset=self.readable(Contribution.objects.select_related("meeting__group")),
                )
            )
            .order_by("annex_number", "pk")
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
        .order_by("annex_number", "pk"),
    )
