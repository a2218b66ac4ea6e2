"""The report builder: from the records of a group to a structured `ReportDocument`.

`build_report(report)` reads the records (meetings, agenda, documents, decisions,
statements, work plans, registrations) and writes nothing. The renderers of
`proceedings.rendering` turn the document into HTML, DOCX and PDF, so that the three
formats say the same thing.

Every sentence is written in the report's original language (gettext under
`translation.override`), with its dates in that language.

Procedural decisions (the adoption of the agenda, the approval of a meeting report) are
left out of the activities of a progress report. A decision is procedural when it has no
text and concerns no document but administrative ones (see `is_procedural`): what a
meeting decides in substance either quotes the wording agreed or is about contributions.
"""

from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import ordinal as numeric_ordinal
from django.db.models import Prefetch
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from contributions.enums import ContributionKind, ContributionStatus, Language
from contributions.models import Contribution, Source
from meetings.enums import MeetingFormat, MeetingStatus
from meetings.models import Meeting
from proceedings.enums import Outcome, ReportKind
from proceedings.models import (
    Decision,
    Report,
    ReportParagraph,
    ReportSection,
    Statement,
    WorkPlan,
)

# Django's code for each document language (Chinese is simplified Chinese).
DJANGO_LANGUAGE = {"zh": "zh-hans"}
RIGHT_TO_LEFT = {"ar"}


@dataclass
class Paragraph:
    number: str
    text: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    number: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Annex:
    number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None

    @property
    def label(self):
        return _("Annex %(number)s") % {"number": self.number}


@dataclass
class HeaderField:
    label: str
    value: str


@dataclass
class HeaderLine:
    text: str
    strong: bool = False


@dataclass
class ReportHeader:
    """The top of a Council document: where it goes on the left, what it is on the right."""

    parent_body_session: str = ""
    meeting: str = ""
    agenda_item: str = ""
    document_number: str = ""
    date: str = ""
    original_language: str = ""
    author: str = ""

    def left(self):
        """Where the document goes: the session (or the meeting) in bold, the agenda item."""
        lines = [
            HeaderLine(self.parent_body_session, strong=True),
            HeaderLine(self.meeting, strong=not self.parent_body_session),
        ]
        if self.agenda_item:
            lines.append(HeaderLine(_("Agenda item: %(item)s") % {"item": self.agenda_item}))
        return [line for line in lines if line.text]

    def right(self):
        """What the document is: its number in bold, its date, its original language."""
        lines = []
        if self.document_number:
            number = _("Document %(number)s") % {"number": self.document_number}
            lines.append(HeaderLine(number, strong=True))
        if self.date:
            lines.append(HeaderLine(self.date))
        if self.original_language:
            original = _("Original: %(language)s") % {"language": self.original_language}
            lines.append(HeaderLine(original))
        return lines


@dataclass
class ReportDocument:
    title: str
    kind: str
    language: str
    header: ReportHeader
    header_block: list[HeaderField]
    sections: list[Section]
    annexes: list[Annex] = field(default_factory=list)

    @property
    def direction(self):
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"

    @property
    def by_line(self):
        return _("Report by the %(author)s") % {"author": self.header.author}

    def section(self, number):
        return next(section for section in self.sections if section.number == number)

    def paragraph(self, number):
        section = self.section(number.split(".")[0])
        return next(paragraph for paragraph in section.paragraphs if paragraph.number == number)

    def annex(self, number):
        return next(annex for annex in self.annexes if annex.number == number)


def django_language(language):
    """Django's language code for a document language ("zh" is "zh-hans")."""
    return DJANGO_LANGUAGE.get(language, language)


def build_report(report):
    """The `ReportDocument` of `report`, written from the records as they are now."""
    with translation.override(django_language(report.original_language)):
        if report.kind == ReportKind.MEETING:
            return _MeetingReport(report).build()
        return _ProgressReport(report).build()


def is_procedural(decision):
    """True for a decision a progress report does not recount (uses prefetched documents)."""
    return not decision.text.strip() and all(
        document.kind == ContributionKind.ADMINISTRATIVE for document in decision.documents.all()
    )


# Words and phrases, in the active language.


def ordinal(number):
    # Built at each call: the words are those of the language active now.
    words = {
        1: pgettext("ordinal", "first"),
        2: pgettext("ordinal", "second"),
        3: pgettext("ordinal", "third"),
        4: pgettext("ordinal", "fourth"),
        5: pgettext("ordinal", "fifth"),
        6: pgettext("ordinal", "sixth"),
        7: pgettext("ordinal", "seventh"),
        8: pgettext("ordinal", "eighth"),
        9: pgettext("ordinal", "ninth"),
        10: pgettext("ordinal", "tenth"),
        11: pgettext("ordinal", "eleventh"),
        12: pgettext("ordinal", "twelfth"),
    }
    return words.get(number) or numeric_ordinal(number)


def join(words):
    """'a', 'a and b', 'a, b and c' in the active language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def date_format_string():
    # "E" is the month as a date uses it ("16 октября 2023"); the translation of this
    # string sets the order and the month form per language (French: "j F Y").
    return pgettext("date in a report", "j E Y")


def format_date(day):
    return formats.date_format(day, date_format_string())


def format_dates(start, end):
    """'16 October 2023', '29-30 January 2024', '30 January - 2 February 2024'."""
    if start == end:
        return format_date(start)
    day_first = date_format_string() in ("j E Y", "j F Y")
    if day_first and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{format_date(end)}"
    if day_first and start.year == end.year:
        month = date_format_string()[2]
        return f"{formats.date_format(start, f'j {month}')} - {format_date(end)}"
    return f"{format_date(start)} - {format_date(end)}"


def sentence_start_lowered(text):
    """The text after 'In the first meeting of the EG-ITRs, ': an initial article lowered.

    Only the words translators list are lowered, so that a name keeps its capital.
    """
    first, _space, rest = text.partition(" ")
    lowerable = pgettext("sentence-initial words that may be lowercased", "The A An This It")
    if first in lowerable.split():
        return f"{first.lower()} {rest}" if rest else first.lower()
    return text


def lower_initial(text):
    """'Work plan of the EG-ITRs' -> 'work plan of the EG-ITRs'; 'ITU budget' stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def full_stop(text):
    text = text.strip()
    return text if not text or text[-1] in ".!?…。" else f"{text}."


def organization_in_sentence(organization):
    """'the Russian Federation', 'Brazil': English takes an article before some names."""
    name = organization.name
    if not translation.get_language().startswith("en") or "(" in name:
        return name
    words = name.replace(".", "").split()
    takes_article = words[0] == "United" or {
        "Federation",
        "Republic",
        "Rep",
        "Kingdom",
        "Emirates",
        "Islands",
    } & set(words)
    plural_or_customary = {
        "Bahamas",
        "Comoros",
        "Gambia",
        "Holy See",
        "Maldives",
        "Netherlands",
        "Niger",
        "Philippines",
        "Sudan",
    }
    return f"the {name}" if takes_article or name in plural_or_customary else name


def paragraph_blocks(text):
    """The blank-line-separated blocks of a free-text field, each one paragraph."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def meeting_place(meeting):
    """'at the ITU Headquarters in Geneva, Switzerland', 'online'."""
    if meeting.format == MeetingFormat.VIRTUAL:
        return _("online")
    place = ", ".join(part for part in [meeting.city, meeting.country] if part)
    if meeting.venue and place:
        where = _("at the %(venue)s in %(place)s") % {"venue": meeting.venue, "place": place}
    elif meeting.venue:
        where = _("at the %(venue)s") % {"venue": meeting.venue}
    elif place:
        where = _("in %(place)s") % {"place": place}
    else:
        return _("online") if meeting.format == MeetingFormat.HYBRID else ""
    if meeting.format == MeetingFormat.HYBRID:
        return _("%(place)s and online") % {"place": where}
    return where


def subject_phrase(decision):
    """What the decision was about, as the subject of a sentence."""
    if decision.work_plans.all():
        return _("a work plan")
    return _("the %(subject)s") % {"subject": lower_initial(decision.subject)}


def decision_sentence(decision):
    """What was decided, as it follows 'In the second meeting of the EG-ITRs, '."""
    subject = subject_phrase(decision)
    text = " ".join(decision.text.split())
    if decision.outcome == Outcome.NO_CONSENSUS:
        if text:
            return full_stop(sentence_start_lowered(text))
        return _("no consensus was reached on %(subject)s.") % {"subject": subject}
    if decision.outcome == Outcome.APPROVED_WITH_UNDERSTANDING:
        if text:
            return _(
                "%(subject)s was approved by the meeting with the understanding that "
                "%(understanding)s."
            ) % {"subject": subject, "understanding": text.rstrip(".")}
        return _("%(subject)s was approved by the meeting with an understanding.") % {
            "subject": subject
        }
    sentence = {
        Outcome.APPROVED: _("%(subject)s was approved by the meeting."),
        Outcome.NOTED: _("the meeting took note of %(subject)s."),
        Outcome.DEFERRED: _("the consideration of %(subject)s was deferred."),
        Outcome.NOT_APPROVED: _("%(subject)s was not approved by the meeting."),
    }[decision.outcome] % {"subject": subject}
    return f"{sentence} {full_stop(text)}" if text else sentence


def annexed_to(statement, report):
    """'the Second Meeting Report', 'this report': where a statement is annexed."""
    annexed = statement.report
    if annexed.pk == report.pk:
        return _("this report")
    if annexed.kind == ReportKind.MEETING:
        return _("the %(ordinal)s Meeting Report") % {
            "ordinal": capfirst(ordinal(annexed.meeting.ordinal))
        }
    return annexed.title


def statement_sentence(statement, report):
    """'A statement from the Russian Federation in this respect is attached as Annex 2 ...'"""
    values = {
        "organizations": join(organization_in_sentence(o) for o in statement.organizations.all())
    }
    on_decision = statement.decision_id is not None
    if statement.report is None:
        if on_decision:
            return capfirst(_("%(organizations)s made a statement in this respect.") % values)
        return capfirst(_("%(organizations)s made a statement.") % values)
    values["report"] = annexed_to(statement, report)
    values["number"] = statement.annex_number
    if statement.annex_number is None:
        if on_decision:
            message = _(
                "A statement from %(organizations)s in this respect is attached to %(report)s."
            )
        else:
            message = _("A statement from %(organizations)s is attached to %(report)s.")
    elif on_decision:
        message = _(
            "A statement from %(organizations)s in this respect is attached as Annex "
            "%(number)s to %(report)s."
        )
    else:
        message = _(
            "A statement from %(organizations)s is attached as Annex %(number)s to %(report)s."
        )
    return message % values


def numbered_section(number, title, paragraphs):
    """A section whose paragraphs, given as text or (text, bullets), are numbered N.1, N.2."""
    section = Section(number=str(number), title=title)
    for index, paragraph in enumerate(paragraphs, start=1):
        text, bullets = paragraph if isinstance(paragraph, tuple) else (paragraph, [])
        section.paragraphs.append(
            Paragraph(number=f"{number}.{index}", text=text, bullets=list(bullets))
        )
    return section


def number_annexes(numbered, unnumbered):
    """Annexes in number order: `numbered` keep theirs, `unnumbered` take the free ones."""
    taken = {annex.number for annex in numbered}
    free = (n for n in range(1, len(numbered) + len(unnumbered) + max(taken, default=0) + 1))
    for annex in unnumbered:
        annex.number = next(n for n in free if n not in taken)
    return sorted([*numbered, *unnumbered], key=lambda annex: annex.number)


class _Builder:
    def __init__(self, report):
        self.report = report
        self.group = report.group
        self.added = {}
        for paragraph in ReportParagraph.objects.filter(report=report):
            key = (paragraph.section, paragraph.agenda_item_id)
            self.added.setdefault(key, []).append(" ".join(paragraph.text.split()))

    def added_to(self, section, agenda_item=None):
        return self.added.get((section, getattr(agenda_item, "pk", None)), [])

    def header(self, **fields):
        report = self.report
        return ReportHeader(
            parent_body_session=report.parent_body_session,
            agenda_item=report.parent_body_agenda_item,
            document_number=report.parent_body_document,
            date=format_date(report.date) if report.date else "",
            original_language=str(Language(report.original_language).label),
            author=report.author,
            **fields,
        )

    def header_block(self):
        report = self.report
        fields = [
            (_("Purpose"), report.purpose),
            (
                _("Action required by the %(parent_body)s")
                % {"parent_body": self.group.parent_body},
                report.action_required,
            ),
            (_("Relevant link(s) with the Strategic Plan"), report.strategic_plan_links),
            (_("Financial implications"), report.financial_implications),
        ]
        if report.kind != ReportKind.MEETING:
            fields.append((_("References"), "; ".join(self.group.reference_list)))
        return [HeaderField(label, " ".join(value.split())) for label, value in fields if value]

    def decisions(self, meetings):
        return (
            Decision.objects.filter(meeting__in=meetings)
            .select_related("meeting", "agenda_item")
            .prefetch_related(
                "work_plans",
                "documents__meeting__group",
                _statements_prefetch("statements"),
            )
            .order_by("meeting__start_date", "order", "pk")
        )

    def annexed_statements(self):
        return [
            Annex(
                number=statement.annex_number,
                title=statement.title,
                paragraphs=[
                    *paragraph_blocks(statement.text),
                    *(
                        [_("Document %(number)s") % {"number": statement.document.register_number}]
                        if statement.document and statement.document.register_number
                        else []
                    ),
                ],
            )
            for statement in Statement.objects.filter(report=self.report)
            .select_related("document__meeting__group")
            .order_by("annex_number", "pk")
        ]


def _statements_prefetch(lookup):
    return Prefetch(
        lookup,
        queryset=Statement.objects.select_related("report__meeting")
        .prefetch_related("organizations")
        .order_by("annex_number", "pk"),
    )


class _ProgressReport(_Builder):
    """A progress or final report of the group to its parent body, in the seed's order."""

    def build(self):
        meetings = self.meetings()
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

    def meetings(self):
        meetings = Meeting.objects.filter(group=self.group, status=MeetingStatus.HELD)
        if self.report.period_start:
            meetings = meetings.filter(start_date__gte=self.report.period_start)
        if self.report.period_end:
            meetings = meetings.filter(start_date__lte=self.report.period_end)
        return list(meetings.order_by("start_date", "ordinal"))

    def introduction(self):
        group = self.group
        paragraphs = paragraph_blocks(group.mandate)
        terms = [term.text for term in group.terms_of_reference.all()]
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
        decisions = list(self.decisions(meetings))
        # Statements on a meeting as a whole, not on one of its decisions.
        general = list(
            Statement.objects.filter(meeting__in=meetings, decision__isnull=True)
            .select_related("report__meeting")
            .prefetch_related("organizations")
            .order_by("annex_number", "pk")
        )
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
        approved = (
            Report.objects.filter(
                kind=ReportKind.MEETING, meeting__in=meetings, approved_by__isnull=False
            )
            .select_related("meeting")
            .order_by("meeting__start_date")
        )
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


class _MeetingReport(_Builder):
    """The report of one meeting: opening, agenda, the items and their decisions, annexes."""

    def build(self):
        meeting = self.meeting = self.report.meeting
        self.agenda = list(meeting.agenda_items.all())
        self.participants = list(
            meeting.registrations.filter(attended=True).select_related("organization")
        )
        work_plans = list(
            WorkPlan.objects.filter(approved_by__meeting=meeting)
            .prefetch_related("items__target_meeting__group")
            .order_by("version")
        )
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
        documents = (
            Contribution.objects.filter(
                meeting=self.meeting,
                status=ContributionStatus.PUBLISHED,
                number__isnull=False,
            )
            .select_related("meeting__group")
            .prefetch_related(
                "agenda_items",
                _prefetch_sources(),
            )
        )
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
        decisions = list(self.decisions([self.meeting]))
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
        numbers = [d.register_number for d in decision.documents.all() if d.register_number]
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


def _prefetch_sources():
    return Prefetch("sources", queryset=Source.objects.select_related("organization"))


def document_line(document):
    """'EG-ITRs 2/2, Draft work plan of the EG-ITRs (ITU General Secretariat)'."""
    sources = ", ".join(str(organization) for organization in document.public_sources)
    line = f"{document.register_number}, {document.title}"
    return f"{line} ({sources})" if sources else line


__all__ = [
    "Annex",
    "HeaderField",
    "HeaderLine",
    "Paragraph",
    "ReportDocument",
    "ReportHeader",
    "Section",
    "Table",
    "build_report",
    "django_language",
    "format_date",
    "format_dates",
    "is_procedural",
    "ordinal",
]
