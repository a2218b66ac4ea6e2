"""A progress or final report of a group to its parent body, in the seed's order.

It recounts the meetings of its period and their decisions, except those the secretariat
marked procedural (the adoption of an agenda, the approval of a meeting report).
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from meetings.enums import MeetingFormat
from proceedings.enums import ReportKind
from proceedings.models import ReportSection
from proceedings.reports.document import ReportDocument, number_annexes, numbered_section
from proceedings.reports.outline import Outline
from proceedings.reports.sentences import decision_sentences, statement_sentence
from proceedings.reports.wording import (
    fold,
    format_date,
    format_dates,
    join,
    ordinal,
    paragraph_blocks,
)


class ProgressReport(Outline):
    """A progress or final report of the group to its parent body, in the seed's order."""

    @cached_property
    def meetings(self):
        return self.records.held_meetings()

    def build(self):
        statements = self.annexed_statements()
        return ReportDocument(
            title=self.report.title,
            kind=self.report.kind,
            language=self.report.original_language,
            header=self.header(),
            header_block=self.header_block(),
            sections=[self.introduction(), self.activities(), self.conclusions()],
            annexes=number_annexes(
                [annex for annex in statements if annex.number is not None],
                [annex for annex in statements if annex.number is None],
            ),
            notices=self.notices,
        )

    # The header fields written from the records.

    def meeting_values(self):
        return {
            "group": self.group.acronym,
            "count": len(self.meetings),
            "ordinals": join(ordinal(meeting.ordinal) for meeting in self.meetings),
            "dates": join(format_dates(m.start_date, m.end_date) for m in self.meetings),
        }

    def derived_purpose(self):
        report = self.report
        return self.wording(
            "purpose",
            **self.meeting_values(),
            references=join(self.group.reference_list),
            start=format_date(report.period_start) if report.period_start else "",
            end=format_date(report.period_end) if report.period_end else "",
        )

    def derived_action_required(self):
        return self.wording("action_required", parent_body=self.group.parent_body_named)

    def derived_conclusions(self):
        invitation = self.wording(
            "invitation",
            parent_body=self.group.parent_body_named,
            kind="final" if self.report.kind == ReportKind.FINAL else "progress",
            group=self.group.acronym,
        )
        if not self.meetings:
            return invitation
        chairs, vice_chairs = self.records.officers_in_office()
        thanks = self.wording(
            "thanks", **self.meeting_values(), chairs=chairs, vice_chairs=vice_chairs
        )
        return f"{invitation}\n\n{thanks}"

    # The sections.

    def introduction(self):
        group = self.group
        paragraphs = paragraph_blocks(group.mandate)
        terms = self.records.terms_of_reference()
        intro = fold(group.terms_of_reference_intro) or (
            _("The terms of reference of the %(group)s are:") % {"group": group.acronym}
            if terms
            else ""
        )
        if intro:
            paragraphs.append((intro, terms))
        paragraphs += self.added_to(ReportSection.INTRODUCTION)
        return numbered_section(1, _("Introduction"), paragraphs)

    def activities(self):
        meetings = self.meetings
        title = _("Activities of the %(group)s") % {"group": self.group.acronym}
        if not meetings:
            paragraphs = [self.wording("no_meeting", group=self.group.acronym)]
            return numbered_section(2, title, paragraphs + self.added_to(ReportSection.ACTIVITIES))
        paragraphs = [self.meetings_held()]
        if approved := self.approved_reports(meetings):
            paragraphs.append(approved)
        decisions = self.records.decisions(meetings, reported_only=True)
        general = self.records.general_statements(meetings)
        for meeting in meetings:
            if paragraph := self.meeting_paragraph(
                meeting,
                [d for d in decisions if d.meeting_id == meeting.pk],
                [s for s in general if s.meeting_id == meeting.pk],
            ):
                paragraphs.append(paragraph)
        paragraphs += self.added_to(ReportSection.ACTIVITIES)
        return numbered_section(2, title, paragraphs)

    def meetings_held(self):
        held = [
            {
                "ordinal": ordinal(meeting.ordinal),
                "place": self.place(meeting),
                "online": meeting.format == MeetingFormat.VIRTUAL,
                "dates": format_dates(meeting.start_date, meeting.end_date),
            }
            for meeting in self.meetings
        ]
        places = {meeting["place"] for meeting in held}
        return self.wording(
            "meetings_held",
            group=self.group.acronym,
            meetings=held,
            same_place=len(places) == 1,
            place=next(iter(places)),
            online=all(meeting["online"] for meeting in held),
            ordinals=join(meeting["ordinal"] for meeting in held),
            dates=join(meeting["dates"] for meeting in held),
        )

    def place(self, meeting):
        return self.wording(
            "place",
            format=meeting.format,
            venue=meeting.venue,
            city=meeting.city,
            country=meeting.country,
        )

    def approved_reports(self, meetings):
        approved = self.records.approved_meeting_reports(meetings)
        ordinals = list(dict.fromkeys(report.meeting.ordinal for report in approved))
        if not ordinals:
            return ""
        return self.wording(
            "reports_approved",
            group=self.group.acronym,
            count=len(ordinals),
            ordinals=join(ordinal(n) for n in ordinals),
        )

    def meeting_paragraph(self, meeting, decisions, general_statements):
        sentences = []
        for decision in decisions:
            form = "group" if sentences else "lead"
            sentences += decision_sentences(self.wording, decision, form=form, meeting=meeting)
            sentences += [self.statement(s) for s in decision.statements.all()]
        if sentences:
            sentences += [self.statement(s) for s in general_statements]
        elif general_statements:
            # A meeting whose only record is statements opens with where they were made.
            sentences = [
                self.wording(
                    "statements_made",
                    ordinal=ordinal(meeting.ordinal),
                    group=self.group.acronym,
                    count=len(general_statements),
                )
            ]
            sentences += [self.statement(s) for s in general_statements]
        return " ".join(sentences)

    def statement(self, statement):
        return statement_sentence(self.wording, statement, self.records.annex_of(statement))

    def conclusions(self):
        paragraphs = paragraph_blocks(self.field("conclusions"))
        paragraphs += self.added_to(ReportSection.CONCLUSIONS)
        return numbered_section(3, _("Conclusions"), paragraphs)
