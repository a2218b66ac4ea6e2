"""The report of one meeting: opening, agenda, the items and their decisions, annexes."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proceedings.models import ReportSection
from proceedings.reports.document import (
    Annex,
    ReportDocument,
    Table,
    number_annexes,
    numbered_section,
)
from proceedings.reports.outline import Outline
from proceedings.reports.sentences import decision_sentence, document_line, statement_sentence
from proceedings.reports.wording import (
    format_dates,
    join,
    meeting_place,
    ordinal,
    paragraph_blocks,
)


class MeetingReport(Outline):
    """The report of one meeting: opening, agenda, the items and their decisions, annexes."""

    def build(self):
        meeting = self.meeting = self.report.meeting
        self.agenda = self.records.agenda(meeting)
        self.participants = self.records.participants(meeting)
        work_plans = self.records.approved_work_plans(meeting)
        generated = [self.work_plan_annex(plan) for plan in work_plans]
        self.participants_annex = self.participants_table()
        self.agenda_annex = Annex(
            number=0,
            title=_("Agenda"),
            table=Table(
                columns=[_("Item"), _("Title")],
                rows=[[item.number, item.title] for item in self.agenda],
            ),
        )
        statements = self.annexed_statements()
        annexes = number_annexes(
            [annex for annex in statements if annex.number is not None],
            [
                *generated,
                self.participants_annex,
                self.agenda_annex,
                *[annex for annex in statements if annex.number is None],
            ],
        )
        sections = [self.opening(), self.agenda_section(), *self.agenda_item_sections()]
        if conclusions := [
            *paragraph_blocks(self.report.conclusions),
            *self.added_to(ReportSection.CONCLUSIONS),
        ]:
            sections.append(numbered_section(len(sections) + 1, _("Conclusions"), conclusions))
        return ReportDocument(
            title=self.report.title,
            kind=self.report.kind,
            language=self.report.original_language,
            header=self.header(
                meeting=_("%(ordinal)s meeting, %(place)s, %(dates)s")
                % {
                    "ordinal": capfirst(ordinal(meeting.ordinal)),
                    "place": meeting.city or meeting_place(meeting),
                    "dates": format_dates(meeting.start_date, meeting.end_date),
                }
            ),
            header_block=self.header_block(),
            sections=sections,
            annexes=annexes,
        )

    def work_plan_annex(self, plan):
        return Annex(
            number=0,
            title=plan.title or _("Work plan"),
            paragraphs=[
                _("Version %(version)s of the work plan, approved by the meeting.")
                % {"version": plan.version}
            ],
            table=Table(
                columns=[_("Item"), _("Target")],
                rows=[
                    [
                        item.description,
                        str(item.target_meeting.title)
                        if item.target_meeting
                        else item.target_session,
                    ]
                    for item in plan.items.all()
                ],
            ),
        )

    def participants_table(self):
        return Annex(
            number=0,
            title=_("List of participants"),
            table=Table(
                columns=[_("Organization"), _("Name"), _("Role")],
                rows=[
                    [str(r.organization), r.name, str(r.get_role_display())]
                    for r in self.participants
                ],
            ),
        )

    def opening(self):
        meeting = self.meeting
        held = _("The %(ordinal)s meeting of the %(group)s was held %(place)s, on %(dates)s.") % {
            "ordinal": ordinal(meeting.ordinal),
            "group": self.group.acronym,
            "place": meeting_place(meeting),
            "dates": format_dates(meeting.start_date, meeting.end_date),
        }
        organizations = len({r.organization_id for r in self.participants})
        attended = ngettext(
            "The meeting was attended by %(count)s participant",
            "The meeting was attended by %(count)s participants",
            len(self.participants),
        ) % {"count": len(self.participants)}
        attended += ngettext(
            " from %(count)s organization.", " from %(count)s organizations.", organizations
        ) % {"count": organizations}
        listed = _("The list of participants is in Annex %(number)s.") % {
            "number": self.participants_annex.number
        }
        return numbered_section(
            1,
            _("Opening of the meeting"),
            [held, f"{attended} {listed}", *self.added_to(ReportSection.OPENING)],
        )

    def agenda_section(self):
        documents = self.records.published_documents(self.meeting)
        allocated = {item.pk: [] for item in self.agenda}
        for document in documents:
            for item in document.agenda_items.all():
                allocated.setdefault(item.pk, []).append(document)
        paragraphs = [
            _(
                "The agenda of the meeting is in Annex %(number)s. The documents were "
                "allocated to the agenda items as follows."
            )
            % {"number": self.agenda_annex.number}
        ]
        for item in self.agenda:
            if not allocated[item.pk]:
                continue
            paragraphs.append(
                (
                    _("Agenda item %(number)s, %(title)s:")
                    % {"number": item.number, "title": item.title},
                    [document_line(document) for document in allocated[item.pk]],
                )
            )
        if len(paragraphs) == 1:
            paragraphs = [
                _("The agenda of the meeting is in Annex %(number)s.")
                % {"number": self.agenda_annex.number}
            ]
        paragraphs += self.added_to(ReportSection.AGENDA)
        return numbered_section(
            2, _("Adoption of the agenda and allocation of documents"), paragraphs
        )

    def agenda_item_sections(self):
        decisions = self.records.decisions([self.meeting])
        sections = []
        items = [*self.agenda, None]
        for item in items:
            taken = [d for d in decisions if d.agenda_item_id == getattr(item, "pk", None)]
            paragraphs = [
                *(self.added_to(ReportSection.AGENDA_ITEM, item) if item else []),
                *(self.decision_paragraph(decision) for decision in taken),
            ]
            if not paragraphs:
                continue
            title = (
                _("Agenda item %(number)s: %(title)s")
                % {"number": item.number, "title": item.title}
                if item
                else _("Other decisions")
            )
            sections.append(numbered_section(3 + len(sections), title, paragraphs))
        return sections

    def decision_paragraph(self, decision):
        sentences = [capfirst(decision_sentence(decision))]
        numbers = [d.register_number for d in decision.readable_documents if d.register_number]
        if numbers:
            sentences.append(
                ngettext(
                    "The meeting considered Document %(documents)s.",
                    "The meeting considered Documents %(documents)s.",
                    len(numbers),
                )
                % {"documents": join(numbers)}
            )
        sentences += [statement_sentence(s, self.report) for s in decision.statements.all()]
        return " ".join(sentences)
