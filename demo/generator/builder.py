"""The builder of a generated register: its people, groups, meetings and their documents."""

import dataclasses
import datetime
import random
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import accumulate
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from simple_history.utils import bulk_create_with_history

from contributions.enums import (
    AmendmentKind,
    ContributionKind,
    Language,
)
from demo import register_text as words
from demo.generator.documents import DocumentWriter
from demo.generator.files import FileMaker
from demo.generator.shape import (
    ADDED_TO,
    BIG_MEETING_SHARE,
    CORRECTED,
    COSPONSOR_COUNTS,
    GENERATED,
    KINDS,
    LANGUAGE_COUNTS,
    MEMBERS_ONLY,
    ON_TIME,
    ORIGINAL_LANGUAGES,
    PDF_LANGUAGES,
    REVISED,
    REVISED_AGAIN,
    SECRETARIAT_KINDS,
    SECRETARIAT_ORGANIZATION,
    SECRETARIAT_USERNAME,
    UTC,
    WITHDRAWN,
    Summary,
)
from demo.generator.tables import Tables
from meetings.enums import AccessLevel, AgendaItemKind, MeetingFormat, MeetingStatus, OfficerRole
from meetings.models import AgendaItem, ExpertGroup, Meeting, Officer
from members import services as member_services
from members.enums import MembershipRole, OrganizationKind
from members.models import Membership, Organization
from members.resources import import_member_states
from members.services import ensure_secretariat_group


def _weighted(rng, choices):
    values = [value for value, _weight in choices]
    cumulative = list(accumulate(weight for _value, weight in choices))
    return lambda: rng.choices(values, cum_weights=cumulative)[0]


def _local(day, tz, hour=23, minute=59):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz).astimezone(UTC)


def _between(rng, start, end):
    return start + (end - start) * rng.random()


@dataclasses.dataclass
class People:
    secretariat: object
    secretariat_organization: int
    members: list  # organization ids that submit contributions
    member_weights: list  # cumulative, some organizations write much more than others
    delegates: dict  # organization id → user ids


class Builder(DocumentWriter):
    """Writes the register; one instance per run."""

    def __init__(self, *, seed, chunk, progress):
        self.seed = seed
        self.chunk = chunk
        self.progress = progress
        self.tables = Tables()
        self.files = FileMaker()
        self.summary = Summary()
        self.media = Path(settings.MEDIA_ROOT)
        self.pending = 0
        self.total = 0
        self.started = time.monotonic()
        # File systems answer each new file slowly (a VM's disk: 0.1 to 0.4 ms); threads
        # overlap that wait. On PostgreSQL, outside a caller's transaction, the rows of a
        # chunk are written by a thread of their own (its own connection) while the next
        # chunk is built; inside one (the tests) everything goes through the caller's.
        self.disk = ThreadPoolExecutor(4, thread_name_prefix="files")
        self.written = []
        self.folders = set()
        background = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="rows") if background else None
        self.writing = None

    def flush(self):
        """Write what the chunk built: its files, then its rows (the previous chunk's first)."""
        for future in self.written:
            future.result()
        self.written = []
        batch = self.tables.take()
        if self.writer is None:
            Tables.write(batch)
            return
        if self.writing is not None:
            self.writing.result()
        self.writing = self.writer.submit(Tables.write, batch)

    def close(self):
        try:
            if self.writing is not None:
                self.writing.result()
        finally:
            self.disk.shutdown()
            if self.writer is not None:
                self.writer.submit(lambda: connection.close()).result()
                self.writer.shutdown()

    # Setting up: organizations, accounts, groups, meetings ------------------------------

    def run(self, *, documents, groups, started):
        self.total, self.started = documents, started
        people = self.people()
        offset = ExpertGroup.objects.filter(slug__startswith=GENERATED).count()
        try:
            for index in range(groups):
                share = documents // groups + (1 if index < documents % groups else 0)
                self.group(offset + index, share, people)
            self.flush()
        finally:
            self.close()
        self.summary.history_rows = self.tables.history_rows()
        self.report()

    def people(self):
        import_member_states()
        rng = random.Random(f"{self.seed}:people")
        secretariat_org, _created = Organization.objects.get_or_create(
            name=SECRETARIAT_ORGANIZATION, defaults={"kind": OrganizationKind.SECRETARIAT}
        )
        first, second = words.SECTOR_MEMBER_WORDS
        names = [f"{a} {b}" for a in first for b in second]
        existing = set(Organization.objects.filter(name__in=names).values_list("name", flat=True))
        bulk_create_with_history(
            [
                Organization(name=name, kind=OrganizationKind.SECTOR_MEMBER)
                for name in names
                if name not in existing
            ],
            Organization,
        )
        users = get_user_model().objects
        secretariat = users.filter(username=SECRETARIAT_USERNAME).first()
        if secretariat is None:
            secretariat = users.create(
                username=SECRETARIAT_USERNAME,
                email=f"{SECRETARIAT_USERNAME}@example.org",
                first_name="Generated",
                last_name="Secretariat",
                is_staff=True,
                password="!generated",  # unusable: nobody signs in as the generator
            )
            # The site asks the secretariat for its second factor: the account has one,
            # as every secretariat account does (the benchmark's desk and admin use it).
            device = member_services.start_two_factor(secretariat)
            member_services.confirm_two_factor(device)
        secretariat.groups.add(ensure_secretariat_group())
        members = list(
            Organization.objects.filter(
                kind__in=[OrganizationKind.MEMBER_STATE, OrganizationKind.SECTOR_MEMBER]
            )
            .order_by("pk")
            .values_list("pk", "name")
        )
        known = set(
            users.filter(username__startswith=GENERATED).values_list("username", flat=True)
        )
        new_users, wanted = [], []
        for organization_id, name in members:
            for number in (1, 2):
                username = f"{GENERATED}delegate-{organization_id}-{number}"
                wanted.append((organization_id, username))
                if username not in known:
                    new_users.append(
                        get_user_model()(
                            username=username,
                            email=f"{username}@example.org",
                            first_name="Delegate",
                            last_name=f"{name} {number}",
                            password="!generated",
                        )
                    )
        users.bulk_create(new_users)
        ids = dict(users.filter(username__startswith=GENERATED).values_list("username", "pk"))
        linked = set(
            Membership.objects.filter(user__username__startswith=GENERATED).values_list(
                "user_id", "organization_id"
            )
        )
        bulk_create_with_history(
            [
                Membership(user_id=ids[username], organization_id=organization_id, role=role)
                for (organization_id, username), role in zip(
                    wanted,
                    [MembershipRole.FOCAL_POINT, MembershipRole.DELEGATE] * len(members),
                    strict=True,
                )
                if (ids[username], organization_id) not in linked
            ],
            Membership,
            default_user=secretariat,
        )
        delegates = {}
        for organization_id, username in wanted:
            delegates.setdefault(organization_id, []).append(ids[username])
        weights = [rng.paretovariate(1.2) for _member in members]
        return People(
            secretariat=secretariat,
            secretariat_organization=secretariat_org.pk,
            members=[organization_id for organization_id, _name in members],
            member_weights=list(accumulate(weights)),
            delegates=delegates,
        )

    def group(self, number, documents, people):
        rng = random.Random(f"{self.seed}:group:{number}")
        code, subject = words.GROUP_SUBJECTS[number % len(words.GROUP_SUBJECTS)]
        acronym = f"EG-{code}-{number + 1}"
        first_year = 2008 + rng.randint(0, 8)
        created = datetime.datetime(first_year - 1, 9, 1, 9, 0, tzinfo=UTC)
        group = ExpertGroup(
            acronym=acronym,
            name=f"Expert Group on {subject} ({number + 1})",
            slug=f"{GENERATED}{acronym.lower()}",
            parent_body=rng.choice(words.PARENT_BODIES),
            references=f"Council Resolution {1300 + number} ({first_year - 1})",
            mandate=f"The group studies {subject} and reports to its parent body every year.",
            period_start=datetime.date(first_year, 1, 1),
            period_end=datetime.date(first_year + 6, 12, 31),
            default_access=AccessLevel.PUBLIC,
        )
        (group,) = bulk_create_with_history(
            [group], ExpertGroup, default_user=people.secretariat, default_date=created
        )
        chair, vice_chair = rng.sample(people.members, 2)
        bulk_create_with_history(
            [
                Officer(
                    group=group, name=f"Chair of the {acronym}", role=OfficerRole.CHAIR,
                    organization_id=chair, start_date=group.period_start, order=0,
                ),
                Officer(
                    group=group, name=f"Vice-Chair of the {acronym}",
                    role=OfficerRole.VICE_CHAIR, organization_id=vice_chair,
                    start_date=group.period_start, order=1,
                ),
            ],
            Officer,
            default_user=people.secretariat,
            default_date=created,
        )  # fmt: skip
        meetings = self.meetings(rng, group, documents, people)
        sizes = self.meeting_sizes(rng, len(meetings), documents)
        for (meeting, agenda), size in zip(meetings, sizes, strict=True):
            self.documents(rng, group, meeting, agenda, size, people, chair)
        self.summary.groups += 1

    def meetings(self, rng, group, documents, people):
        count = max(1, min(rng.randint(3, 9), documents // 10))
        day = group.period_start + datetime.timedelta(days=rng.randint(30, 120))
        meetings = []
        for ordinal in range(1, count + 1):
            venue, city, country, time_zone = rng.choice(words.CITIES)
            meeting = Meeting(
                group=group,
                ordinal=ordinal,
                start_date=day,
                end_date=day + datetime.timedelta(days=rng.randint(1, 4)),
                venue=venue,
                city=city,
                country=country,
                format=MeetingFormat.VIRTUAL if not city else MeetingFormat.IN_PERSON,
                time_zone=time_zone,
                status=MeetingStatus.HELD,
            )
            meeting.contribution_deadline = meeting.default_contribution_deadline()
            meeting.translation_deadline = _local(day - datetime.timedelta(days=28), meeting.tz)
            meetings.append(meeting)
            day = meeting.end_date + datetime.timedelta(days=rng.randint(120, 240))
        created = datetime.datetime.combine(group.period_start, datetime.time(9), tzinfo=UTC)
        meetings = bulk_create_with_history(
            meetings, Meeting, default_user=people.secretariat, default_date=created
        )
        items = [
            AgendaItem(meeting=meeting, number=str(order + 1), title=title, kind=kind, order=order)
            for meeting in meetings
            for order, (kind, title) in enumerate(words.AGENDA)
        ]
        items = bulk_create_with_history(
            items, AgendaItem, default_user=people.secretariat, default_date=created
        )
        self.summary.meetings += len(meetings)
        agenda = {}
        for item in items:
            agenda.setdefault(item.meeting_id, []).append(item)
        return [(meeting, agenda[meeting.pk]) for meeting in meetings]

    @staticmethod
    def meeting_sizes(rng, count, documents):
        """Documents per meeting, uneven: one meeting has about 17% of the group's."""
        if count == 1:
            return [documents]
        big = rng.randrange(count)
        weights = [rng.lognormvariate(0, 0.6) for _meeting in range(count)]
        rest = sum(weight for index, weight in enumerate(weights) if index != big)
        shares = [
            BIG_MEETING_SHARE if index == big else (1 - BIG_MEETING_SHARE) * weight / rest
            for index, weight in enumerate(weights)
        ]
        sizes = [int(share * documents) for share in shares]
        by_remainder = sorted(range(count), key=lambda i: sizes[i] - shares[i] * documents)
        for index in by_remainder[: documents - sum(sizes)]:
            sizes[index] += 1
        return sizes

    # Documents --------------------------------------------------------------------------

    def documents(self, rng, group, meeting, agenda, size, people, chair):
        """`size` register entries of `meeting`: bases numbered 1.., their amendments."""
        plan, planned = [], 0
        while planned < size:
            amendments = []
            planned += 1
            for kind, chance in (
                (AmendmentKind.REVISION, REVISED),
                (AmendmentKind.ADDENDUM, ADDED_TO),
                (AmendmentKind.CORRIGENDUM, CORRECTED),
            ):
                if planned < size and rng.random() < chance:
                    amendments.append((kind, 1))
                    planned += 1
                    again = kind == AmendmentKind.REVISION and planned < size
                    if again and rng.random() < REVISED_AGAIN:
                        amendments.append((kind, 2))
                        planned += 1
            plan.append(amendments)
        kind_of = _weighted(rng, KINDS)
        language_of = _weighted(rng, ORIGINAL_LANGUAGES)
        count_of = _weighted(rng, LANGUAGE_COUNTS)
        cosponsors_of = _weighted(rng, COSPONSOR_COUNTS)
        tz = meeting.tz
        opening = _local(meeting.start_date, tz, 9, 30)
        closing = _local(meeting.end_date, tz, 18, 0)
        deadline = meeting.contribution_deadline.astimezone(UTC)
        window = deadline - datetime.timedelta(days=60)
        on_time = max(1, round(len(plan) * ON_TIME))
        late = max(1, len(plan) - on_time)
        publishing = (opening - window) / len(plan)
        items = [item for item in agenda if item.kind == AgendaItemKind.ITEM]
        adoption = next(item for item in agenda if item.kind == AgendaItemKind.AGENDA)
        context = {"group": group, "meeting": meeting, "people": people, "rng": rng}
        for index, amendments in enumerate(plan):
            if index < on_time:
                submitted = window + (deadline - window) * ((index + 0.2 * rng.random()) / on_time)
            else:
                position = (index - on_time + rng.random()) / late
                submitted = deadline + (opening - deadline - datetime.timedelta(1)) * position
            published = (
                window + datetime.timedelta(1) + publishing * (index + 0.5 + 0.4 * rng.random())
            )
            submitted = min(submitted, published - datetime.timedelta(minutes=10))
            kind = kind_of()
            if kind in SECRETARIAT_KINDS:
                organizations = [people.secretariat_organization]
                creator = people.secretariat.pk
            else:
                submitter = (
                    chair
                    if kind == ContributionKind.CHAIR_PROPOSAL
                    else (rng.choices(people.members, cum_weights=people.member_weights)[0])
                )
                organizations = [submitter]
                wanted = cosponsors_of() if kind != ContributionKind.CHAIR_PROPOSAL else 0
                while len(organizations) < wanted + 1:
                    other = rng.choice(people.members)
                    if other not in organizations:
                        organizations.append(other)
                creator = (
                    people.secretariat.pk
                    if kind == ContributionKind.CHAIR_PROPOSAL
                    else people.delegates[submitter][0]
                )
            original = language_of()
            others = [language for language in Language.values if language != original]
            languages = [original, *rng.sample(others, count_of() - 1)]
            extension = self.extension(rng, original)
            text = {
                "title": rng.randrange(60),
                "topic": rng.randrange(60),
                "abstract": rng.sample(range(60), 2),
                "body": rng.sample(range(60), rng.randint(3, 5)),
            }
            agenda_items = (
                [adoption.pk]
                if kind == ContributionKind.ADMINISTRATIVE
                else [item.pk for item in rng.sample(items, 2 if rng.random() < 0.2 else 1)]
            )
            document = {
                "kind": kind,
                "number": index + 1,
                "organizations": organizations,
                "creator": creator,
                "languages": languages,
                "extension": extension,
                "text": text,
                "agenda": agenda_items,
                "access": AccessLevel.MEMBERS
                if rng.random() < MEMBERS_ONLY
                else AccessLevel.PUBLIC,
                "created": submitted - datetime.timedelta(hours=rng.uniform(1, 480)),
                "submitted": submitted,
                "published": published,
                "withdrawn": not amendments and rng.random() < WITHDRAWN,
            }
            base_id = self.document(context, document, base=None)
            previous = published
            for amendment_kind, ordinal in amendments:
                created = previous + datetime.timedelta(hours=rng.uniform(2, 144))
                submitted = created + datetime.timedelta(minutes=rng.uniform(10, 1440))
                published = submitted + datetime.timedelta(minutes=rng.uniform(10, 1440))
                by_delegate = creator != people.secretariat.pk and created < closing
                amendment = {
                    **document,
                    "creator": creator if by_delegate else people.secretariat.pk,
                    "created": created,
                    "submitted": submitted,
                    "published": published,
                    "withdrawn": False,
                    "amendment": (amendment_kind, ordinal),
                }
                self.document(context, amendment, base=base_id)
                if amendment_kind == AmendmentKind.REVISION:
                    previous = published
            self.pending += 1 + len(amendments)
            if self.pending >= self.chunk:
                self.flush()
                self.pending = 0
                self.report()

    @staticmethod
    def extension(rng, language):
        draw = rng.random()
        if draw < 0.05:
            return ".xlsx"
        if draw < 0.15 and language in PDF_LANGUAGES:
            return ".pdf"
        return ".docx"
