"""A progress or final report of a group to its parent body, in the seed's order.

Procedural decisions (the adoption of the agenda, the approval of a meeting report) are
left out of its activities (see `is_procedural`).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proceedings.enums import ReportKind
from proceedings.models import ReportSection
from proceedings.reports.document import ReportDocument, number_annexes, numbered_section
from proceedings.reports.outline import Outline
from proceedings.reports.sentences import decision_sentence, is_procedural, statement_sentence
from proceedings.reports.wording import (
    format_dates,
    join,
    meeting_place,
    ordinal,
    paragraph_blocks,
)


class ProgressReport(Outline):
    """A progress or final report of the group to its parent body, in the seed's order."""

    def build(self):
        meetings = self.records.held_meetings()
        statements = self.annexed_statements()
        return ReportDocument(
            title=self.report.title,
            kind=self.report.kind,
            language=self.report.original_language,
            header=self.header(),
            header_block=self.header_block(),
            sections=[
                self.introduction(),
                self.activities(meetings),
                self.conclusions(),
            ],
            annexes=number_annexes(
                [annex for annex in statements if annex.number is not None],
                [annex for annex in statements if annex.number is None],
            ),
        )

    def introduction(self):
        group = self.group
        paragraphs = paragraph_blocks(group.mandate)
        terms = self.records.terms_of_reference()
        intro = " ".join(group.terms_of_reference_intro.split()) or (
            _("The terms of reference of the %(group)s are:") % {"group": group.acronym}
            if terms
            else ""
        )
        if intro:
            paragraphs.append((intro, terms))
        paragraphs += self.added_to(ReportSection.INTRODUCTION)
        return numbered_section(1, _("Introduction"), paragraphs)

    def activities(self, meetings):
        acronym = self.group.acronym
        title = _("Activities of the %(group)s") % {"group": acronym}
        if not meetings:
            paragraphs = [
                _("The %(group)s held no meeting in the period of this report.")
                % {"group": acronym}
            ]
            return numbered_section(2, title, paragraphs + self.added_to(ReportSection.ACTIVITIES))
        paragraphs = [self.meetings_held(meetings)]
        if approved := self.approved_reports(meetings):
            paragraphs.append(approved)
        decisions = self.records.decisions(meetings)
        general = self.records.general_statements(meetings)
        for meeting in meetings:
            if paragraph := self.meeting_decisions(
                meeting,
                [d for d in decisions if d.meeting_id == meeting.pk],
                [s for s in general if s.meeting_id == meeting.pk],
            ):
                paragraphs.append(paragraph)
        paragraphs += self.added_to(ReportSection.ACTIVITIES)
        return numbered_section(2, title, paragraphs)

    def meetings_held(self, meetings):
        acronym = self.group.acronym
        places = {meeting_place(meeting) for meeting in meetings}
        if len(meetings) == 1:
            meeting = meetings[0]
            return _("The %(group)s held its %(ordinal)s meeting %(place)s, on %(dates)s.") % {
                "group": acronym,
                "ordinal": ordinal(meeting.ordinal),
                "place": meeting_place(meeting),
                "dates": format_dates(meeting.start_date, meeting.end_date),
            }
        if len(places) == 1:
            return _(
                "The %(group)s held its %(ordinals)s meetings %(place)s, on %(dates)s, "
                "respectively."
            ) % {
                "group": acronym,
                "ordinals": join(ordinal(meeting.ordinal) for meeting in meetings),
                "place": places.pop(),
                "dates": join(format_dates(m.start_date, m.end_date) for m in meetings),
            }
        return _("The %(group)s held %(meetings)s.") % {
            "group": acronym,
            "meetings": join(
                _("its %(ordinal)s meeting %(place)s, on %(dates)s")
                % {
                    "ordinal": ordinal(meeting.ordinal),
                    "place": meeting_place(meeting),
                    "dates": format_dates(meeting.start_date, meeting.end_date),
                }
                for meeting in meetings
            ),
        }

    def approved_reports(self, meetings):
        approved = self.records.approved_meeting_reports(meetings)
        ordinals = list(dict.fromkeys(report.meeting.ordinal for report in approved))
        if not ordinals:
            return ""
        return ngettext(
            "The Report of the %(ordinals)s meeting of %(group)s was approved by the Group.",
            "The Reports of the %(ordinals)s meeting of %(group)s were approved by the Group.",
            len(ordinals),
        ) % {"ordinals": join(ordinal(n) for n in ordinals), "group": self.group.acronym}

    def meeting_decisions(self, meeting, decisions, general_statements):
        sentences = []
        for decision in decisions:
            if is_procedural(decision):
                continue
            sentences.append(decision_sentence(decision))
            sentences += [statement_sentence(s, self.report) for s in decision.statements.all()]
        sentences += [statement_sentence(s, self.report) for s in general_statements]
        if not sentences:
            return ""
        opening = _("In the %(ordinal)s meeting of the %(group)s, %(sentence)s") % {
            "ordinal": ordinal(meeting.ordinal),
            "group": self.group.acronym,
            "sentence": sentences[0],
        }
        return " ".join([opening, *(capfirst(sentence) for sentence in sentences[1:])])

    def conclusions(self):
        # The secretariat's conclusions open with the action asked of the parent body;
        # without them the builder writes it from the header, or from the parent body.
        paragraphs = paragraph_blocks(self.report.conclusions)
        if not paragraphs:
            kind = (
                _("final report") if self.report.kind == ReportKind.FINAL else _("progress report")
            )
            paragraphs = [
                " ".join(self.report.action_required.split())
                or _("The %(parent_body)s is invited to note this %(kind)s of the %(group)s.")
                % {"parent_body": self.group.parent_body, "kind": kind, "group": self.group}
            ]
        paragraphs += self.added_to(ReportSection.CONCLUSIONS)
        return numbered_section(3, _("Conclusions"), paragraphs)
