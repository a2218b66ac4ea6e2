"""The steps of a history, each a service call at its time, ready to be replayed in order.

A step has a time, a rank (what comes first at the same time: a document is created
before it is submitted, a meeting is held after its decisions), its place in the file,
the entries it needs (made by earlier steps) and the entries it makes. Times the file
leaves out take the defaults of docs/history-format.md.
"""

import dataclasses
import datetime
import itertools
import zoneinfo
from pathlib import Path

import tablib
from django.contrib.auth import get_user_model
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from history.format import instants, parse_date, parse_instant
from history.import_proceedings import ProceedingsSteps
from history.import_register import RegisterSteps
from history.references import resolve_organization
from history.validation import Problem, pointer
from meetings import services as meeting_services
from meetings.enums import AgendaItemKind
from members.models import Organization
from members.resources import OrganizationResource, import_member_states
from proceedings import services as proceedings_services


@dataclasses.dataclass
class Step:
    at: datetime.datetime
    rank: int
    seq: int
    place: str
    run: object
    needs: frozenset
    makes: frozenset

    @property
    def order(self):
        return (self.at, self.rank, self.seq)


class Steps(RegisterSteps, ProceedingsSteps):
    def __init__(self, data, *, folder, by):
        self.data = data
        self.folder = Path(folder)
        self.by = by
        self.made = {}
        self.numbers = {}
        self.agenda = {}
        self.warnings = []
        self.steps = []
        self.opened = []
        self.written = []
        self.users = {}
        self.seq = itertools.count()

    # Housekeeping: accounts, files, the steps list.

    def user(self, username, place):
        """The account named in the file, or the importing user (with a warning)."""
        if not username:
            return self.by
        if username not in self.users:
            model = get_user_model()
            found = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
            if found is None:
                self.warnings.append(
                    Problem(
                        place,
                        _("No account “%(username)s” here: attributed to %(importer)s.")
                        % {"username": username, "importer": self.by.get_username()},
                    )
                )
            self.users[username] = found or self.by
        return self.users[username]

    def upload(self, file):
        opened = File((self.folder / file["path"]).open("rb"), name=file.get("name"))
        if not file.get("name"):
            opened.name = Path(file["path"]).name
        self.opened.append(opened)
        return opened

    def remember_files(self, rows):
        self.written.extend((row.file.storage, row.file.name) for row in rows)

    def close(self):
        for opened in self.opened:
            opened.close()

    def delete_written_files(self):
        for storage, name in self.written:
            storage.delete(name)
        self.written = []

    def add(self, at, rank, place, run, *, needs=(), makes=(), refresh=None):
        """A step; `refresh`: the entry whose row the step changes, read again after it."""
        if refresh is not None:
            # A step refused leaves its entry as it was: what follows on it is skipped.
            makes = [*makes, refresh]
            change = run

            def run():
                change()
                self.made[refresh].refresh_from_db()

        self.steps.append(
            Step(at, rank, next(self.seq), place, run, frozenset(needs), frozenset(makes))
        )

    # Organizations come first, outside the timeline: they are not the group's history.

    def organizations(self):
        """The shipped Member States, then the declared organizations new here; their count."""
        import_member_states()
        new = [
            organization
            for organization in self.data.get("organizations", [])
            if not Organization.objects.filter(name=organization["name"]).exists()
        ]
        if new:
            dataset = tablib.Dataset(
                headers=["name", "name_in_sentence", "kind", "region", "iso_code", "active"]
            )
            for organization in new:
                dataset.append(
                    [
                        organization["name"],
                        organization.get("name_in_sentence", ""),
                        organization["kind"],
                        organization.get("region", ""),
                        organization.get("iso_code", ""),
                        organization.get("active", True),
                    ]
                )
            OrganizationResource().import_data(dataset, raise_errors=True)
        self.organization_cache = {}
        return len(new)

    def organization(self, reference):
        if reference not in self.organization_cache:
            self.organization_cache[reference] = resolve_organization(reference)
        return self.organization_cache[reference]

    # The plan.

    def plan(self):
        for index, group in enumerate(self.data["groups"]):
            self.group(group, ("groups", index))
        return self.steps

    def group(self, group, place):
        key = pointer(*place)
        times = [t for t in instants(group) if t is not None]
        start = parse_instant(group.get("created_at", "")) if "created_at" in group else None
        self.start = start or (min(times) if times else timezone.now())
        self.end = max(times) if times else self.start
        self.acronym = group["acronym"]
        self.group_key = key

        def create():
            self.made[key] = meeting_services.create_group(
                acronym=group["acronym"],
                name=group["name"],
                slug=group["slug"],
                parent_body=group.get("parent_body", "ITU Council"),
                parent_body_in_sentence=group.get("parent_body_in_sentence", ""),
                parent_body_series=group.get("parent_body_series", ""),
                references="\n".join(group.get("references", [])),
                mandate=group.get("mandate", ""),
                terms_of_reference_intro=group.get("terms_of_reference_intro", ""),
                terms_of_reference=group.get("terms_of_reference", []),
                period_start=parse_date(group.get("period_start", "")),
                period_end=parse_date(group.get("period_end", "")),
                default_access=group.get("default_access", "public"),
                by=self.by,
                at=self.start,
            )

        self.add(self.start, 0, key, create, makes=[key])
        for index, officer in enumerate(group.get("officers", [])):
            self.officer(officer, (*place, "officers", index), index)
        self.meeting_times = {}
        for index, meeting in enumerate(group.get("meetings", [])):
            self.meeting(meeting, (*place, "meetings", index))
        for index, meeting in enumerate(group.get("meetings", [])):
            self.register(meeting, (*place, "meetings", index))
        for index, meeting in enumerate(group.get("meetings", [])):
            self.proceedings(meeting, (*place, "meetings", index))
        for index, plan in enumerate(group.get("work_plans", [])):
            self.work_plan(plan, (*place, "work_plans", index))
        for index, report in enumerate(group.get("reports", [])):
            self.report(report, (*place, "reports", index))

    def officer(self, officer, place, order):
        def add():
            meeting_services.add_officer(
                group=self.made[self.group_key],
                name=officer["name"],
                role=officer["role"],
                organization=officer.get("organization")
                and self.organization(officer["organization"]),
                user=officer.get("user") and self.user(officer["user"], pointer(*place, "user")),
                start_date=parse_date(officer.get("start_date", "")),
                end_date=parse_date(officer.get("end_date", "")),
                order=order,
                by=self.by,
                at=self.start,
            )

        self.add(self.start, 1, pointer(*place), add, needs=[self.group_key])

    # Meetings: created, opened, their agenda and participants; closed and held at the end.

    def meeting(self, meeting, place):
        key = pointer(*place)
        zone = zoneinfo.ZoneInfo(meeting.get("time_zone", "Europe/Zurich"))
        end = datetime.datetime.combine(
            parse_date(meeting["end_date"]), datetime.time(23, 59, 59), tzinfo=zone
        )
        created = parse_instant(meeting["created_at"]) if "created_at" in meeting else self.start
        self.meeting_times[meeting["number"]] = (key, created, end)
        group_key = self.group_key

        def create():
            deadline = meeting.get("contribution_deadline")
            translation = meeting.get("translation_deadline")
            self.made[key] = meeting_services.create_meeting(
                group=self.made[group_key],
                ordinal=meeting["number"],
                start_date=parse_date(meeting["start_date"]),
                end_date=parse_date(meeting["end_date"]),
                venue=meeting.get("venue", ""),
                city=meeting.get("city", ""),
                country=meeting.get("country", ""),
                format=meeting.get("format", "in_person"),
                time_zone=meeting.get("time_zone", "Europe/Zurich"),
                contribution_deadline=deadline and parse_instant(deadline),
                translation_deadline=translation and parse_instant(translation),
                by=self.by,
                at=created,
            )

        self.add(created, 2, key, create, needs=[group_key], makes=[key])
        for index, item in enumerate(meeting.get("agenda", [])):
            self.agenda_item(key, item, (*place, "agenda", index), created)
        for index, registration in enumerate(meeting.get("registrations", [])):
            self.registration(key, registration, (*place, "registrations", index), created)
        status = meeting["status"]
        moves = {
            "open": ("opened_at", created, 3),
            "closed": ("closed_at", end, 90),
            "held": ("held_at", end, 91),
        }
        # A meeting held may have gone from open to held directly: closed only when said
        # (or when nothing says when it was held).
        held = ["open", "held"] if "held_at" in meeting and "closed_at" not in meeting else None
        reached = {"planned": [], "open": ["open"], "closed": ["open", "closed"]}.get(
            status, held or ["open", "closed", "held"]
        )
        for to in reached:
            field, default, rank = moves[to]
            at = parse_instant(meeting[field]) if field in meeting else default
            self.add(
                at,
                rank,
                pointer(*place, "status"),
                lambda to=to, at=at: meeting_services.move_meeting(
                    meeting=self.made[key], to=to, by=self.by, at=at
                ),
                needs=[key],
                refresh=key,
            )

    def agenda_item(self, meeting_key, item, place, at):
        def add():
            self.agenda[(meeting_key, item["number"])] = meeting_services.add_agenda_item(
                meeting=self.made[meeting_key],
                number=item["number"],
                title=item["title"],
                kind=item.get("kind", AgendaItemKind.ITEM),
                by=self.by,
                at=at,
            )

        self.add(at, 2, pointer(*place), add, needs=[meeting_key])

    def registration(self, meeting_key, registration, place, at):
        def add():
            meeting_services.register_participant(
                meeting=self.made[meeting_key],
                name=registration["name"],
                organization=self.organization(registration["organization"]),
                role=registration.get("role", "delegate"),
                attended=registration.get("attended", False),
                user=registration.get("user")
                and self.user(registration["user"], pointer(*place, "user")),
                by=self.by,
                at=at,
            )

        self.add(at, 4, pointer(*place), add, needs=[meeting_key])

    # What meetings produced.

    def decision_key(self, reference):
        key, _created, _end = self.meeting_times[reference["meeting"]]
        return f"{key}/decisions/{reference['decision'] - 1}"

    def decision_time(self, reference):
        meeting = next(
            m for m in self.data_group()["meetings"] if m["number"] == reference["meeting"]
        )
        decision = meeting["decisions"][reference["decision"] - 1]
        if "recorded_at" in decision:
            return parse_instant(decision["recorded_at"])
        return self.meeting_times[reference["meeting"]][2]

    def data_group(self):
        index = int(self.group_key.rsplit("/", 1)[1])
        return self.data["groups"][index]

    def document_key(self, number):
        return self.numbers[(self.acronym, number)]

    def proceedings(self, meeting, place):
        meeting_key, _created, end = self.meeting_times[meeting["number"]]
        for index, decision in enumerate(meeting.get("decisions", [])):
            key = pointer(*place, "decisions", index)
            at = parse_instant(decision["recorded_at"]) if "recorded_at" in decision else end
            documents = [self.document_key(number) for number in decision.get("documents", [])]

            def record(decision=decision, key=key, at=at, documents=documents, order=index):
                item = decision.get("agenda_item")
                self.made[key] = proceedings_services.record_decision(
                    meeting=self.made[meeting_key],
                    agenda_item=item and self.agenda[(meeting_key, item)],
                    subject=decision["subject"],
                    outcome=decision["outcome"],
                    text=decision.get("text", ""),
                    procedural=decision.get("procedural", False),
                    documents=[self.made[d] for d in documents],
                    order=order + 1,
                    by=self.by,
                    at=at,
                )

            self.add(at, 20, key, record, needs=[meeting_key, *documents], makes=[key])
        for index, statement in enumerate(meeting.get("statements", [])):
            key = pointer(*place, "statements", index)
            at = parse_instant(statement["recorded_at"]) if "recorded_at" in statement else end
            needs = [meeting_key]
            decision_key = None
            if "decision" in statement:
                decision_key = pointer(*place, "decisions", statement["decision"] - 1)
                needs.append(decision_key)
            document_key = statement.get("document") and self.document_key(statement["document"])
            if document_key:
                needs.append(document_key)

            def record(statement=statement, key=key, at=at, d=decision_key, doc=document_key):
                self.made[key] = proceedings_services.record_statement(
                    meeting=self.made[meeting_key],
                    organizations=[self.organization(o) for o in statement["organizations"]],
                    decision=d and self.made[d],
                    title=statement["title"],
                    text=statement.get("text", ""),
                    document=doc and self.made[doc],
                    by=self.by,
                    at=at,
                )

            self.add(at, 21, key, record, needs=needs, makes=[key])
