"""The report of one meeting, section by section as its agenda: the opening, the agenda
and the allocation of documents, each item with its decisions, any other business, the
closing; then its annexes (work plans approved, participants, agenda, statements).

The sections take the agenda's own numbers when the agenda says which items open and
adopt it (`AgendaItem.kind`); an agenda that does not is preceded by an opening section
and an agenda section, and its items follow in order.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.enums import AgendaItemKind, MeetingFormat, MeetingStatus
from proceedings.models import ReportSection
from proceedings.reports.document import (
    Annex,
    ReportDocument,
    Table,
    number_annexes,
    numbered_section,
)
from proceedings.reports.outline import Outline
from proceedings.reports.sentences import decision_sentences, document_line, statement_sentence
from proceedings.reports.wording import (
    format_date,
    format_dates,
    join,
    ordinal,
    paragraph_blocks,
)


class MeetingReport(Outline):
    """The report of one meeting: opening, agenda, the items and their decisions, annexes."""

    def build(self):
        meeting = self.meeting = self.report.meeting
        self.agenda = self.records.agenda(meeting)
        self.participants = self.records.participants(meeting)
        self.decisions = self.records.decisions([meeting])
        work_plans = self.records.approved_work_plans(meeting)
        generated = [self.work_plan_annex(plan) for plan in work_plans]
        # No list of participants is annexed when no attendance was recorded.
        self.participants_annex = self.participants_table() if self.participants else None
        self.agenda_annex = Annex(
            number=0,
            title=_("Agenda"),
            table=Table(
                columns=[_("Item"), _("Title")],
                rows=[[item.number, item.title] for item in self.agenda],
            ),
        )
        statements = self.annexed_statements()
        if not self.report.parent_body_document and self.report.is_draft:
            self.notices.append(
                _("The report has no document number yet: give it one in its header.")
            )
        annexes = number_annexes(
            [annex for annex in statements if annex.number is not None],
            [
                *generated,
                *([self.participants_annex] if self.participants_annex else []),
                self.agenda_annex,
                *[annex for annex in statements if annex.number is None],
            ],
        )
        return ReportDocument(
            title=self.report.title,
            kind=self.report.kind,
            language=self.report.original_language,
            header=self.header(
                meeting=_("%(ordinal)s meeting, %(place)s, %(dates)s")
                % {
                    "ordinal": capfirst(ordinal(meeting.ordinal)),
                    # The city, as a header names a meeting's place; "online" when virtual.
                    "place": self.place()
                    if meeting.format == MeetingFormat.VIRTUAL or not meeting.city
                    else meeting.city,
                    "dates": format_dates(meeting.start_date, meeting.end_date),
                }
            ),
            header_block=self.header_block(),
            sections=self.sections(),
            annexes=annexes,
            notices=self.notices,
        )

    def place(self):
        meeting = self.meeting
        return self.wording(
            "place",
            format=meeting.format,
            venue=meeting.venue,
            city=meeting.city,
            country=meeting.country,
        )

    # The sections, as the agenda numbers them.

    def sections(self):
        kinds = {item.kind for item in self.agenda}
        follows_agenda = {AgendaItemKind.OPENING, AgendaItemKind.AGENDA} <= kinds
        sections = []
        if not follows_agenda:
            sections.append(numbered_section(1, _("Opening of the meeting"), self.opening()))
            sections.append(
                numbered_section(
                    2,
                    _("Adoption of the agenda and allocation of documents"),
                    self.agenda_paragraphs(),
                )
            )
        for item in self.agenda:
            number = item.number if follows_agenda else len(sections) + 1
            paragraphs = self.item_paragraphs(item) or [
                self.wording(
                    "agenda",
                    part="nothing_recorded"
                    if self.meeting.status == MeetingStatus.HELD
                    else "nothing_recorded_yet",
                )
            ]
            sections.append(numbered_section(number, item.title, paragraphs))
        taken = {item.pk for item in self.agenda}
        if other := [d for d in self.decisions if d.agenda_item_id not in taken]:
            paragraphs = [self.decision_paragraph(decision) for decision in other]
            sections.append(
                numbered_section(self.next_number(sections), _("Other decisions"), paragraphs)
            )
        if conclusions := [
            *paragraph_blocks(self.report.conclusions),
            *self.added_to(ReportSection.CONCLUSIONS),
        ]:
            sections.append(
                numbered_section(self.next_number(sections), _("Conclusions"), conclusions)
            )
        return sections

    @staticmethod
    def next_number(sections):
        """The number after the last top-level section's ("8" after "7" and "7.1")."""
        numbers = [
            int(s.number.split(".")[0]) for s in sections if s.number.split(".")[0].isdigit()
        ]
        return max(numbers, default=0) + 1

    def item_paragraphs(self, item):
        """The paragraphs of one agenda item: what its kind writes, the secretariat's,
        then the decisions taken under it."""
        decisions = [
            self.decision_paragraph(d) for d in self.decisions if d.agenda_item_id == item.pk
        ]
        added = self.added_to(ReportSection.AGENDA_ITEM, item)
        if item.kind == AgendaItemKind.OPENING:
            return [*self.opening(), *added, *decisions]
        if item.kind == AgendaItemKind.AGENDA:
            return [*self.agenda_paragraphs(), *added, *decisions]
        # What a meeting did not do, or when it closed, is known once it has been held.
        held = self.meeting.status == MeetingStatus.HELD
        if item.kind == AgendaItemKind.OTHER_BUSINESS and held and not (added or decisions):
            return [self.wording("agenda", part="no_other_business")]
        if item.kind == AgendaItemKind.CLOSING and held:
            closed = self.wording(
                "agenda", part="closing", date=format_date(self.meeting.end_date)
            )
            return [*added, *decisions, closed]
        return [*added, *decisions]

    def opening(self):
        meeting = self.meeting
        held = self.wording(
            "opening",
            part="held",
            ordinal=ordinal(meeting.ordinal),
            group=self.group.acronym,
            place=self.place(),
            online=meeting.format == MeetingFormat.VIRTUAL,
            dates=format_dates(meeting.start_date, meeting.end_date),
        )
        if not self.participants:
            none = self.wording("opening", part="no_attendance")
            return [held, none, *self.added_to(ReportSection.OPENING)]
        organizations = len({r.organization_id for r in self.participants})
        attendance = " ".join(
            [
                self.wording("opening", part="attendance", count=len(self.participants)),
                *(
                    [self.wording("opening", part="organizations", count=organizations)]
                    if organizations
                    else []
                ),
                self.wording(
                    "opening", part="participants_annex", number=self.participants_annex.number
                ),
            ]
        )
        return [held, attendance, *self.added_to(ReportSection.OPENING)]

    def agenda_paragraphs(self):
        documents = self.records.published_documents(self.meeting)
        allocated = {item.pk: [] for item in self.agenda}
        for document in documents:
            for item in document.agenda_items.all():
                allocated.setdefault(item.pk, []).append(document)
        items = [
            (
                self.wording("agenda", part="item", number=item.number, title=item.title),
                [document_line(document) for document in allocated[item.pk]],
            )
            for item in self.agenda
            if allocated[item.pk]
        ]
        annex = self.wording(
            "agenda", part="annex", number=self.agenda_annex.number, allocated=bool(items)
        )
        return [annex, *items, *self.added_to(ReportSection.AGENDA)]

    def decision_paragraph(self, decision):
        numbers = [d.register_number for d in decision.readable_documents if d.register_number]
        sentences = []
        if numbers:
            sentences.append(
                self.wording(
                    "agenda", part="considered", count=len(numbers), documents=join(numbers)
                )
            )
        sentences += decision_sentences(self.wording, decision, form="meeting")
        sentences += [
            statement_sentence(self.wording, s, self.records.annex_of(s))
            for s in decision.statements.all()
        ]
        return " ".join(sentences)

    # The annexes the records make.

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
