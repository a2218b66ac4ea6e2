"""What a history file must also satisfy once its schema is: each problem with its place.

Run after the schema check (on a file that passed it). The import itself goes through
the services, which check the rest (who may do what, and when).
"""

import datetime
import zoneinfo

from django.utils.translation import gettext as _

from contributions.enums import NEVER_LATE_KINDS
from history.format import RegisterNumber, parse_date, parse_instant
from history.proceedings_checks import ProceedingsChecks
from history.references import OrganizationNames, file_problem
from history.validation import Problem, pointer, sorted_problems
from meetings.models import RESERVED_SLUGS, ExpertGroup, Meeting

AMENDMENT_WORDS = {"rev": "Rev.", "add": "Add.", "corr": "Corr."}
DATE_FIELDS = {"date", "start_date", "end_date", "period_start", "period_end"}
FILE_WORDS = {
    "escapes": "The path “%(path)s” leads out of the history's folder; give it relative to "
    "the history file, without “..”.",
    "missing": "There is no file “%(path)s” beside the history file.",
    "sha256": "The file “%(path)s” is not the one the history names: its SHA-256 differs.",
}


def semantic_problems(data, folder=None):
    """Every problem of a schema-valid history; `folder` holds its files (None: not checked)."""
    return sorted_problems(_Checker(data, folder).run())


def _instant(value):
    return parse_instant(value) if value else None


class _Checker(ProceedingsChecks):
    def __init__(self, data, folder):
        self.data = data
        self.folder = folder
        self.problems = []

    def problem(self, place, message, **values):
        self.problems.append(Problem(place, _(message) % values if values else _(message)))

    def run(self):
        self.check_times(self.data, ())
        declared = self.data.get("organizations", [])
        seen = {}
        for index, organization in enumerate(declared):
            name = organization["name"]
            if name in seen:
                self.problem(
                    pointer("organizations", index, "name"),
                    "“%(name)s” is declared twice (also at %(other)s).",
                    name=name,
                    other=seen[name],
                )
            seen.setdefault(name, pointer("organizations", index))
        self.organizations = OrganizationNames(declared)
        acronyms, slugs = {}, {}
        for index, group in enumerate(self.data["groups"]):
            place = ("groups", index)
            for field, found in (("acronym", acronyms), ("slug", slugs)):
                value = group[field]
                if value in found:
                    self.problem(
                        pointer(*place, field),
                        "Two groups of the file have the %(field)s “%(value)s”.",
                        field=field,
                        value=value,
                    )
                found[value] = True
            self.group(group, place)
        return self.problems

    # Values the schema cannot check: real dates and times, time zones.

    def check_times(self, value, place):
        if isinstance(value, dict):
            for key, item in value.items():
                where = (*place, key)
                if isinstance(item, str) and (key.endswith("_at") or key.endswith("deadline")):
                    if parse_instant(item) is None:
                        self.problem(
                            pointer(*where), "“%(value)s” is not a real time.", value=item
                        )
                elif isinstance(item, str) and key in DATE_FIELDS:
                    if parse_date(item) is None:
                        self.problem(
                            pointer(*where), "“%(value)s” is not a real date.", value=item
                        )
                else:
                    self.check_times(item, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.check_times(item, (*place, index))

    def organization(self, reference, place):
        if self.organizations.resolve(reference) is None:
            self.problem(
                pointer(*place),
                "Unknown organization “%(reference)s”: neither an ITU Member State (by name or "
                "ISO code) nor declared under /organizations.",
                reference=reference,
            )

    def in_order(self, earlier, later, place, message):
        first, second = _instant(earlier), _instant(later)
        if first and second and second < first:
            self.problem(pointer(*place), message)

    # The group.

    def group(self, group, place):
        if ExpertGroup.objects.filter(acronym=group["acronym"]).exists():
            self.problem(
                pointer(*place, "acronym"),
                "The application already has a group %(acronym)s: a history brings in new groups "
                "only.",
                acronym=group["acronym"],
            )
        if group["slug"] in RESERVED_SLUGS or ExpertGroup.objects.filter(slug=group["slug"]):
            self.problem(
                pointer(*place, "slug"),
                "The address “%(slug)s” is already taken.",
                slug=group["slug"],
            )
        start, end = (
            parse_date(group.get("period_start", "")),
            parse_date(group.get("period_end", "")),
        )
        if start and end and end < start:
            self.problem(
                pointer(*place, "period_end"), "The group's period ends before it starts."
            )
        for index, officer in enumerate(group.get("officers", [])):
            if "organization" in officer:
                self.organization(
                    officer["organization"], (*place, "officers", index, "organization")
                )
            begins, ends = (
                parse_date(officer.get("start_date", "")),
                parse_date(officer.get("end_date", "")),
            )
            if begins and ends and ends < begins:
                self.problem(
                    pointer(*place, "officers", index, "end_date"),
                    "The officer's term ends before it starts.",
                )
        self.meetings = {}
        previous = None
        for index, meeting in enumerate(group.get("meetings", [])):
            where = (*place, "meetings", index)
            number = meeting["number"]
            if number in self.meetings:
                self.problem(
                    pointer(*where, "number"), "Meeting %(number)s is listed twice.", number=number
                )
                continue
            self.meetings[number] = (meeting, where)
            if (
                previous
                and parse_date(meeting["start_date"])
                and previous[1]
                and (number > previous[0] and parse_date(meeting["start_date"]) < previous[1])
            ):
                self.problem(
                    pointer(*where, "start_date"),
                    "Meeting %(number)s opens before meeting %(previous)s, which comes before it.",
                    number=number,
                    previous=previous[0],
                )
            previous = (number, parse_date(meeting["start_date"]))
            self.meeting_dates(meeting, where, start, end)
        self.documents = {}
        for meeting, where in self.meetings.values():
            self.register(group, meeting, where)
        for meeting, where in self.meetings.values():
            self.proceedings(meeting, where)
        self.work_plans(group, place)
        self.reports(group, place)

    def meeting_dates(self, meeting, where, period_start, period_end):
        opens, closes = parse_date(meeting["start_date"]), parse_date(meeting["end_date"])
        if opens and closes and closes < opens:
            self.problem(pointer(*where, "end_date"), "The meeting closes before it opens.")
        if opens and (
            (period_start and opens < period_start) or (period_end and opens > period_end)
        ):
            self.problem(
                pointer(*where, "start_date"),
                "Meeting %(number)s is outside the group's period.",
                number=meeting["number"],
            )
        zone = meeting.get("time_zone", "Europe/Zurich")
        if zone not in zoneinfo.available_timezones():
            self.problem(pointer(*where, "time_zone"), "“%(zone)s” is not a time zone.", zone=zone)
        numbers = set()
        for index, item in enumerate(meeting.get("agenda", [])):
            if item["number"] in numbers:
                self.problem(
                    pointer(*where, "agenda", index, "number"),
                    "Agenda item %(number)s is listed twice.",
                    number=item["number"],
                )
            numbers.add(item["number"])
        for index, registration in enumerate(meeting.get("registrations", [])):
            self.organization(
                registration["organization"], (*where, "registrations", index, "organization")
            )

    def deadline(self, meeting):
        if "contribution_deadline" in meeting:
            return _instant(meeting["contribution_deadline"])
        opens = parse_date(meeting["start_date"])
        zone = meeting.get("time_zone", "Europe/Zurich")
        if opens is None or zone not in zoneinfo.available_timezones():
            return None
        return Meeting(start_date=opens, time_zone=zone).default_contribution_deadline()

    # The register of one meeting.

    def register(self, group, meeting, where):
        agenda = {item["number"] for item in meeting.get("agenda", [])}
        numbered = {}
        for index, document in enumerate(meeting.get("documents", [])):
            place = (*where, "documents", index)
            self.document(group, meeting, document, place, agenda, numbered)
        self.amendment_ordinals(numbered)

    def document(self, group, meeting, document, place, agenda, numbered):
        status = document["status"]
        text = document.get("number")
        number = RegisterNumber.parse(text) if text else None
        if number is not None:
            if number.acronym != group["acronym"] or number.meeting != meeting["number"]:
                # Known all the same, so that what refers to it is not reported too.
                self.documents.setdefault(text, (meeting["number"], document, place))
                self.problem(
                    pointer(*place, "number"),
                    "%(number)s is listed under meeting %(meeting)s of %(group)s: its number says "
                    "otherwise.",
                    number=text,
                    meeting=meeting["number"],
                    group=group["acronym"],
                )
            elif number in numbered:
                self.problem(
                    pointer(*place, "number"),
                    "%(number)s is used twice (also at %(other)s).",
                    number=text,
                    other=pointer(*numbered[number][1]),
                )
            else:
                numbered[number] = (document, place)
                self.documents[text] = (meeting["number"], document, place)
        if status == "published" and number is None:
            self.problem(pointer(*place), "A published document has a register number.")
        if status in ("draft", "submitted") and number is not None:
            self.problem(
                pointer(*place, "number"),
                "A %(status)s document has no register number yet.",
                status=status,
            )
        # Each time: (needed, allowed) for the document's status and number.
        required = {
            "submitted_at": (
                status in ("submitted", "published") or number is not None,
                status != "draft",
            ),
            "published_at": (number is not None, number is not None),
            "withdrawn_at": (status == "withdrawn", status == "withdrawn"),
        }
        for field, (needed, allowed) in required.items():
            if needed and field not in document:
                self.problem(pointer(*place), "“%(field)s” is missing.", field=field)
            if not allowed and field in document:
                self.problem(
                    pointer(*place, field),
                    "A %(status)s document has no “%(field)s”.",
                    status=status,
                    field=field,
                )
        times = [
            document.get(f) for f in ("created_at", "submitted_at", "published_at", "withdrawn_at")
        ]
        stamped = [(i, t) for i, t in enumerate(times) if t]
        for (_i, first), (j, second) in zip(stamped, stamped[1:], strict=False):
            field = ("created_at", "submitted_at", "published_at", "withdrawn_at")[j]
            self.in_order(first, second, (*place, field), "The document's dates are out of order.")
        self.amendment(document, number, place)
        for index, item in enumerate(document.get("agenda_items", [])):
            if item not in agenda:
                self.problem(
                    pointer(*place, "agenda_items", index),
                    "Agenda item %(item)s is not on the agenda of meeting %(meeting)s.",
                    item=item,
                    meeting=meeting["number"],
                )
        self.sources(document, place)
        self.languages(document, place)
        self.lateness(meeting, document, place)

    def amendment(self, document, number, place):
        amends = document.get("amends")
        if number is not None and number.kind:
            if amends is not None and amends != str(number.base):
                self.problem(
                    pointer(*place, "amends"),
                    "%(number)s amends %(base)s, not %(amends)s.",
                    number=str(number),
                    base=str(number.base),
                    amends=amends,
                )
            if document.get("amendment", number.kind) != number.kind:
                self.problem(
                    pointer(*place, "amendment"), "The kind of amendment differs from its number."
                )
        elif number is not None and amends is not None:
            self.problem(
                pointer(*place, "amends"),
                "%(number)s has no Rev., Add. or Corr. in its number, yet amends a document.",
                number=str(number),
            )
        elif number is None and (amends is None) != ("amendment" not in document):
            self.problem(
                pointer(*place),
                "A revision, addendum or corrigendum without a number gives both “amends” and "
                "“amendment”.",
            )

    def amendment_ordinals(self, numbered):
        series = {}
        for number, (document, place) in numbered.items():
            if number.kind:
                series.setdefault((number.base, number.kind), []).append((number, document, place))
                if number.base not in numbered:
                    self.problem(
                        pointer(*place, "number"),
                        "%(number)s amends %(base)s, which is not in the register.",
                        number=str(number),
                        base=str(number.base),
                    )
                else:
                    base = numbered[number.base][0]
                    self.in_order(
                        base.get("published_at"),
                        document.get("created_at") or document.get("submitted_at"),
                        (*place, "created_at" if "created_at" in document else "submitted_at"),
                        "An amendment starts after the document it amends is published.",
                    )
        for (base, kind), entries in series.items():
            entries.sort(key=lambda entry: (entry[1].get("published_at", ""), entry[0].ordinal))
            for expected, (number, _document, place) in enumerate(entries, start=1):
                if number.ordinal != expected:
                    self.problem(
                        pointer(*place, "number"),
                        "%(number)s should be %(kind)s%(expected)s: the %(kind)s numbers of "
                        "%(base)s follow the order of publication from 1.",
                        number=str(number),
                        kind=AMENDMENT_WORDS[kind],
                        expected=expected,
                        base=str(base),
                    )

    def sources(self, document, place):
        seen = set()
        for index, source in enumerate(document["sources"]):
            where = (*place, "sources", index)
            self.organization(source["organization"], (*where, "organization"))
            name = self.organizations.resolve(source["organization"])
            if name in seen:
                self.problem(
                    pointer(*where, "organization"), "%(name)s is named twice.", name=name
                )
            seen.add(name)
            confirmation = source.get("confirmation", "pending")
            if index == 0:
                for field in ("confirmation", "at", "by", "reason"):
                    if field in source:
                        self.problem(
                            pointer(*where, field),
                            "The first source submits the document: it has nothing to confirm.",
                        )
                continue
            if confirmation == "pending" and {"at", "by", "reason"} & set(source):
                self.problem(pointer(*where), "A pending co-sponsor has not answered yet.")
            if confirmation == "declined" and not {"by", "reason"} & set(source):
                self.problem(
                    pointer(*where),
                    "A declined co-sponsorship names the delegate who declined (“by”) or how "
                    "the secretariat learnt of it (“reason”).",
                )
            if confirmation == "confirmed" and not {"by", "reason"} & set(source):
                self.problem(
                    pointer(*where),
                    "A confirmed co-sponsorship names the delegate who confirmed (“by”) or the "
                    "secretariat's reason (“reason”).",
                )

    def languages(self, document, place):
        original = document.get("original_language", "en")
        translations = {t["language"]: t for t in document.get("translations", [])}
        languages = set()
        for index, file in enumerate(document.get("files", [])):
            where = (*place, "files", index)
            problem = file_problem(self.folder, file["path"], file.get("sha256"))
            if problem:
                self.problem(pointer(*where, "path"), FILE_WORDS[problem], path=file["path"])
            language = file["language"]
            languages.add(language)
            if language != original and language not in translations:
                self.problem(
                    pointer(*where, "language"),
                    "A file in another language than the original is a translation: list it "
                    "under “translations”.",
                )
        if (
            document["status"] != "draft"
            and original not in languages
            and document["status"] != "withdrawn"
        ):
            self.problem(
                pointer(*place, "files"),
                "A submitted document has a file in its original language.",
            )
        for index, translation in enumerate(document.get("translations", [])):
            where = (*place, "translations", index)
            language = translation["language"]
            if language == original:
                self.problem(
                    pointer(*where, "language"),
                    "%(language)s is the document's original language, not a translation.",
                    language=language,
                )
            if translation["status"] == "posted" and language not in languages:
                self.problem(
                    pointer(*where, "status"), "A posted translation has its file under “files”."
                )
        order = [t["language"] for t in document.get("translations", [])]
        if len(order) != len(set(order)):
            self.problem(pointer(*place, "translations"), "A language is listed twice.")

    def lateness(self, meeting, document, place):
        submitted = _instant(document.get("submitted_at"))
        deadline = self.deadline(meeting)
        if submitted is None or deadline is None:
            return
        exempt = document.get("kind", "contribution") in NEVER_LATE_KINDS or document.get(
            "requested"
        )
        late = not exempt and submitted > deadline
        if document.get("late", False) != late:
            self.problem(
                pointer(*place, "late"),
                "Submitted at %(submitted)s with the deadline at %(deadline)s, the document is "
                "%(late)s; the file says otherwise.",
                submitted=submitted.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                deadline=deadline.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                late=_("late") if late else _("not late"),
            )
        if "late_decision" in document and not late:
            self.problem(
                pointer(*place, "late_decision"),
                "Only a late document has a decision on its lateness.",
            )
