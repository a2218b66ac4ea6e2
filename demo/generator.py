"""Generated registers for benchmarks: groups, meetings and published documents at scale.

`generate_register(documents=N)` builds N entries of the register (published documents,
their revisions, addenda and corrigenda, about 1% withdrawn after publication) spread
over expert groups and their meetings, in the shape the services produce: the sources
with their confirmations, agenda items, files on disk with real text, translations,
the status changes of the workflow and django-simple-history's rows of every write.
It writes rows directly (PostgreSQL's COPY, SQLite's executemany) with ids it assigns
itself, in chunks of documents, one transaction each, instead of calling the services
once per document: a million documents would take days that way. Files are written by a
few threads; on PostgreSQL, outside a caller's transaction, a thread with its own
connection writes a chunk's rows while the next one is built. The id sequences are moved
past the assigned ids at the end. A run stopped half-way leaves the chunks it committed:
a generated register, which a next run may add to.

**What counts as generated.** Every group it makes has a slug starting with `gen-`, every
user a username starting with `gen-`; a document is generated when its meeting's group
is. The organizations are reference data: the ITU Member States (imported with
`members.resources.import_member_states`), the ITU General Secretariat and a few dozen
Sector Members named from `demo.register_text`, created when missing.

**Refusal.** It refuses (`RegisterRefused`, nothing changed) when the database holds any
group, document or user it did not make: the demo, a superuser, real data. A database
that holds only generated records may be added to: the new groups are numbered after the
existing ones and reuse the generated accounts (how a register of a million documents
can be built in steps).

**Determinism.** Everything random comes from `random.Random` seeded with `seed` and the
group's number, so the same seed on the same starting database gives the same register
(ids, titles, times, file names and bytes); nothing reads the clock but the progress
lines. The one exception is a secret: the generated secretariat's authenticator key.

**Derived state.** Whatever is computed from the rows once they are written (today the
planner's statistics, the superseded marks of revised documents and the words of the
search entries) is computed in `finish(contribution_ids)`, called once at the end.
"""

import dataclasses
import datetime
import hashlib
import io
import operator
import os
import random
import resource
import struct
import textwrap
import time
import uuid
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from itertools import accumulate
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from lxml import etree
from simple_history.utils import bulk_create_with_history

from contributions import search
from contributions.enums import (
    NEVER_LATE_KINDS,
    AmendmentKind,
    ContributionKind,
    ContributionStatus,
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.files import DOCX, PDF, XLSX
from contributions.models import (
    Contribution,
    ContributionFile,
    SearchEntry,
    Source,
    StatusChange,
    Translation,
    mark_superseded,
)
from demo import register_text as words
from egitrs.sample_documents import docx_bytes, pdf_bytes
from meetings.enums import AccessLevel, AgendaItemKind, MeetingFormat, MeetingStatus, OfficerRole
from meetings.models import AgendaItem, ExpertGroup, Meeting, Officer
from members import services as member_services
from members.enums import MembershipRole, OrganizationKind
from members.models import Membership, Organization
from members.resources import import_member_states
from members.services import ensure_secretariat_group

GENERATED = "gen-"
SECRETARIAT_USERNAME = "gen-secretariat"
SECRETARIAT_ORGANIZATION = "ITU General Secretariat"
DOCUMENTS_PER_GROUP = 4000
UTC = datetime.UTC

# The mix of the register (shares of documents).
KINDS = [
    (ContributionKind.CONTRIBUTION, 70),
    (ContributionKind.INFORMATION, 8),
    (ContributionKind.ADMINISTRATIVE, 7),
    (ContributionKind.REPORT, 5),
    (ContributionKind.CHAIR_PROPOSAL, 4),
    (ContributionKind.COMPILATION, 3),
    (ContributionKind.OTHER, 3),
]
# Written by the secretariat in the name of the ITU General Secretariat.
SECRETARIAT_KINDS = {
    ContributionKind.ADMINISTRATIVE,
    ContributionKind.COMPILATION,
    ContributionKind.REPORT,
}
ORIGINAL_LANGUAGES = [("en", 70), ("fr", 9), ("es", 8), ("ru", 6), ("ar", 4), ("zh", 3)]
LANGUAGE_COUNTS = [(1, 60), (2, 15), (3, 10), (6, 15)]
COSPONSOR_COUNTS = [(0, 55), (1, 25), (2, 12), (3, 8)]
# Helvetica with WinAnsi encoding, the PDF template's font, writes only Latin scripts.
PDF_LANGUAGES = {"en", "fr", "es"}
REVISED, REVISED_AGAIN, ADDED_TO, CORRECTED = 0.08, 0.25, 0.015, 0.01
WITHDRAWN, MEMBERS_ONLY, ON_TIME = 0.011, 0.05, 0.96
BIG_MEETING_SHARE = 0.17
OVERRIDE_REASON = "Confirmed by letter from the administration."
LATE_REASON = "Accepted: it reached the secretariat before the opening of the meeting."
WITHDRAWAL_NOTE = "Withdrawn at the request of the submitting organization."


# The columns of a search entry the generator writes (the id is assigned by `Table`).
ENTRY_FIELDS = [field for field in SearchEntry._meta.concrete_fields if not field.primary_key]
# Documents per step of `finish`.
FINISH_BATCH = 5000


class RegisterRefused(Exception):
    """The database holds records the generator did not make; nothing was changed."""


@dataclasses.dataclass
class Summary:
    groups: int = 0
    meetings: int = 0
    documents: int = 0
    revisions: int = 0
    addenda: int = 0
    corrigenda: int = 0
    withdrawn: int = 0
    files: int = 0
    file_bytes: int = 0
    status_changes: int = 0
    history_rows: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0

    @property
    def per_second(self):
        return self.documents / self.seconds if self.seconds else 0.0


def foreign_records():
    """What the database holds that the generator did not make, in words (empty: none)."""
    found = {
        "groups": ExpertGroup.objects.exclude(slug__startswith=GENERATED).count(),
        "documents": Contribution.objects.exclude(
            meeting__group__slug__startswith=GENERATED
        ).count(),
        "users": get_user_model().objects.exclude(username__startswith=GENERATED).count(),
    }
    return [f"{count} {what}" for what, count in found.items() if count]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_register(*, documents, groups=None, seed=0, chunk=2000, progress=None):
    """Add `documents` register entries in `groups` new expert groups; returns a Summary.

    Raises RegisterRefused, changing nothing, when the database holds records it did not
    make. `progress(line)` is told how far it got after each chunk.
    """
    if documents < 1:
        raise ValueError("Generate at least one document.")
    groups = groups or max(1, documents // DOCUMENTS_PER_GROUP)
    if groups > documents:
        raise ValueError("Every group needs at least one document.")
    if foreign := foreign_records():
        raise RegisterRefused(
            "This database holds records the generator did not make ("
            + ", ".join(foreign)
            + "): generate into an empty database, or one that holds only a generated register."
        )
    started = time.monotonic()
    builder = Builder(seed=seed, chunk=chunk, progress=progress or (lambda line: None))
    first_id = builder.tables.contributions.next_id
    builder.run(documents=documents, groups=groups, started=started)
    reset_sequences([table.model for table in builder.tables.all])
    contribution_ids = range(first_id, builder.tables.contributions.next_id)
    builder.summary.seconds = time.monotonic() - started
    finish(contribution_ids)
    summary = builder.summary
    summary.seconds = time.monotonic() - started
    summary.peak_rss_mb = peak_rss_mb()
    return summary


def reset_sequences(models):
    """Move the id sequences of `models` past the ids assigned here (PostgreSQL), so that
    the next document the services write gets a free id."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def finish(contribution_ids):
    """Compute what derives from the documents just written: the one place for it.

    `contribution_ids` is the range of the new documents' ids: the superseded marks of
    the documents they revise (`mark_superseded`), the words of their search entries
    (`contributions.search.write_words`), and the planner's statistics (PostgreSQL plans
    the register's queries from them).
    """
    ids = list(contribution_ids)
    bases = _revised_bases(contribution_ids)
    for start in range(0, len(bases), FINISH_BATCH):
        mark_superseded(bases[start : start + FINISH_BATCH])
    for start in range(0, len(ids), FINISH_BATCH):
        search.write_words(ids[start : start + FINISH_BATCH])
    if connection.vendor == "postgresql" and ids:
        with connection.cursor() as cursor:
            for model in (
                Contribution,
                Source,
                ContributionFile,
                Translation,
                StatusChange,
                SearchEntry,
            ):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _revised_bases(contribution_ids):
    """The bases revised among a range of ids, read range by range (no huge IN list)."""
    bases = set()
    for start in range(contribution_ids.start, contribution_ids.stop, FINISH_BATCH):
        bases.update(
            Contribution.objects.filter(
                pk__gte=start,
                pk__lt=min(start + FINISH_BATCH, contribution_ids.stop),
                amendment_kind=AmendmentKind.REVISION,
            ).values_list("base_id", flat=True)
        )
    return sorted(bases)


# Files --------------------------------------------------------------------------------


def _deflate(data):
    # A 4 KB window: a part of a few KB compresses as well, and five times faster than
    # with zlib's default 32 KB window, whose setting-up is most of the time.
    compressor = zlib.compressobj(6, zlib.DEFLATED, -12, 5)
    return compressor.compress(data) + compressor.flush()


class ZipTemplate:
    """An Office package whose parts are all fixed but one, rendered per file.

    The fixed parts are compressed once; each file is those bytes, its own part deflated,
    and the zip directory written around them.
    """

    def __init__(self, package, variable):
        archive = zipfile.ZipFile(io.BytesIO(package))
        self.variable = variable.encode()
        self.template = archive.read(variable).decode()
        fixed, central = io.BytesIO(), io.BytesIO()
        for info in archive.infolist():
            if info.filename == variable:
                continue
            name = info.filename.encode()
            data = zlib.compress(archive.read(info), 6)[2:-4]
            crc = zlib.crc32(archive.read(info))
            central.write(self._central(name, crc, len(data), info.file_size, fixed.tell()))
            fixed.write(self._local(name, crc, len(data), info.file_size) + data)
        self.count = len(archive.infolist())
        self.fixed = fixed.getvalue()
        self.central = central.getvalue()

    @staticmethod
    def _local(name, crc, compressed, size):
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 33, crc, compressed, size, len(name), 0
        )
        return header + name

    @staticmethod
    def _central(name, crc, compressed, size, offset):
        header = struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, 8, 0, 33, crc, compressed, size, len(name)),
            *(0, 0, 0, 0, 0, offset),
        )
        return header + name

    def render(self, part):
        """The package with `part` (bytes) as its variable part."""
        data = _deflate(part)
        crc = zlib.crc32(part)
        offset = len(self.fixed)
        local = self._local(self.variable, crc, len(data), len(part))
        central = self.central + self._central(self.variable, crc, len(data), len(part), offset)
        end = struct.pack(
            "<IHHHHIIH",
            *(0x06054B50, 0, 0, self.count, self.count),
            *(len(central), offset + len(local) + len(data), 0),
        )
        return b"".join((self.fixed, local, data, central, end))


# The parts of python-docx's default package a document of text needs; the rest
# (alternative styles, a thumbnail, custom XML) would make each file 36 KB instead of 5.
_DOCX_PARTS = {
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
}
_DOCX_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE, _BODY = "@@TITLE@@", "@@BODY@@"


def _docx_package():
    """python-docx's document with a title and a body placeholder, reduced to its text."""
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes(_TITLE, [_BODY])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in archive.infolist():
            if info.filename not in _DOCX_PARTS:
                continue
            data = archive.read(info)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                data = _drop_references(data, info.filename)
            elif info.filename == "word/styles.xml":
                data = _reduce_styles(data)
            package.writestr(info.filename, data)
    return out.getvalue()


def _drop_references(data, name):
    """The relationships or content types of `name` without the parts left out."""
    root = etree.fromstring(data)
    folder = "" if name.startswith("_rels/") else "word/"
    for element in list(root):
        target = element.get("Target") or (element.get("PartName") or "").lstrip("/")
        if not target or element.get("TargetMode") == "External":
            continue
        if element.get("Target") is not None:
            target = os.path.normpath(folder + target).replace("\\", "/")
        if target not in _DOCX_PARTS:
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reduce_styles(data):
    root = etree.fromstring(data)
    for element in list(root):
        if element.tag == f"{_W}latentStyles" or (
            element.tag == f"{_W}style" and element.get(f"{_W}styleId") not in _DOCX_STYLES
        ):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xlsx_package():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Document"
    sheet["A1"] = _TITLE
    sheet["A2"] = _BODY
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class FileMaker:
    """Real DOCX, XLSX and PDF files holding a title and paragraphs, made fast."""

    def __init__(self):
        self.docx = ZipTemplate(_docx_package(), "word/document.xml")
        head, tail = self.docx.template.split(_TITLE)
        self.docx_head = head
        self.docx_middle, self.docx_tail = tail.split(f"<w:p><w:r><w:t>{_BODY}</w:t></w:r></w:p>")
        self.xlsx = ZipTemplate(_xlsx_package(), "xl/worksheets/sheet1.xml")

    def make(self, extension, title, paragraphs):
        if extension == ".docx":
            body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
            part = self.docx_head + escape(title) + self.docx_middle + body + self.docx_tail
            return self.docx.render(part.encode())
        if extension == ".xlsx":
            part = self.xlsx.template.replace(_TITLE, escape(title))
            part = part.replace(_BODY, escape(" ".join(paragraphs)))
            return self.xlsx.render(part.encode())
        lines = [line for p in paragraphs for line in textwrap.wrap(p, 90)]
        return pdf_bytes(title, lines)


FILE_TYPES = {".docx": DOCX, ".xlsx": XLSX, ".pdf": PDF}


# Rows ---------------------------------------------------------------------------------


class Table:
    """Rows of one model, as tuples in its columns' order, with the ids assigned here."""

    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.model = model
        self.pk = model._meta.pk.attname
        self.attnames = [field.attname for field in fields]
        self.columns = [field.column for field in fields]
        self.defaults = {field.attname: field.get_default() for field in fields}
        self.values = operator.itemgetter(*self.attnames)
        self.moments = [
            index
            for index, field in enumerate(fields)
            if field.get_internal_type() in ("DateTimeField", "DateField")
        ]
        self.rows = []
        highest = model._default_manager.aggregate(highest=Max(self.pk))["highest"]
        self.next_id = (highest or 0) + 1
        self.written = 0

    def take_id(self):
        self.next_id += 1
        return self.next_id - 1

    def add(self, values):
        """Add the row of `values` (a dict by attname); returns its id."""
        if self.pk not in values:
            values[self.pk] = self.next_id
            self.next_id += 1
        self.rows.append(self.values({**self.defaults, **values}))
        return values[self.pk]

    def take(self):
        rows, self.rows = self.rows, []
        return rows

    def write(self, cursor, rows):
        if not rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            if self.moments:
                rows = [self._adapted(row) for row in rows]
            marks = ", ".join(["%s"] * len(self.columns))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        self.written += len(rows)

    def _adapted(self, row):
        row = list(row)
        for index in self.moments:
            value = row[index]
            if isinstance(value, datetime.datetime):
                row[index] = connection.ops.adapt_datetimefield_value(value)
            elif value is not None:
                row[index] = value.isoformat()
        return row


class Tables:
    """The tables a document writes to, flushed together in one transaction."""

    def __init__(self):
        self.contributions = Table(Contribution)
        self.contributions_history = Table(Contribution.history.model)
        self.sources = Table(Source)
        self.sources_history = Table(Source.history.model)
        self.agenda = Table(Contribution.agenda_items.through)
        self.files = Table(ContributionFile)
        self.files_history = Table(ContributionFile.history.model)
        self.translations = Table(Translation)
        self.translations_history = Table(Translation.history.model)
        self.status_changes = Table(StatusChange)
        self.search_entries = Table(SearchEntry)
        self.all = [value for value in vars(self).values() if isinstance(value, Table)]

    def take(self):
        """The rows added since the last time, to be written in one transaction."""
        return [(table, table.take()) for table in self.all]

    @staticmethod
    def write(batch):
        with transaction.atomic(), connection.cursor() as cursor:
            for table, rows in batch:
                table.write(cursor, rows)

    def history_rows(self):
        return sum(
            table.written for table in self.all if table.model.__name__[:10] == "Historical"
        )


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


class Builder:
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

    def document(self, context, document, base):
        """Write one entry of the register, as the services would have; returns its id."""
        tables, summary = self.tables, self.summary
        meeting, people, rng = context["meeting"], context["people"], context["rng"]
        secretariat = people.secretariat.pk
        original = document["languages"][0]
        kind = document["kind"]
        amendment_kind, ordinal = document.get("amendment", ("", 0))
        created, submitted = document["created"], document["submitted"]
        published = document["published"]
        creator = document["creator"]
        title, paragraphs = self.text(original, document["text"], amendment_kind)
        abstract = " ".join(paragraphs[:2])
        is_late = kind not in NEVER_LATE_KINDS and submitted > meeting.contribution_deadline
        decided = is_late and base is None
        row = {
            "meeting_id": meeting.pk,
            "kind": kind.value,
            "title": title,
            "abstract": abstract,
            "original_language": original,
            "access_level": document["access"].value,
            "submitted_by_id": creator,
            "status": ContributionStatus.DRAFT.value,
            "number": None,
            "base_id": base,
            "amendment_kind": amendment_kind and amendment_kind.value,
            "amendment_ordinal": 0,
            "created_at": created,
        }
        contribution = row["id"] = tables.contributions.take_id()
        history = tables.contributions_history
        history.add({**row, **self.stamp("+", created, creator)})
        row["status"] = ContributionStatus.SUBMITTED.value
        row["submitted_at"] = submitted
        row["is_late"] = is_late
        row["after_translation_deadline"] = submitted > meeting.translation_deadline
        history.add({**row, **self.stamp("~", submitted, creator)})
        changes = [
            (ContributionStatus.DRAFT, ContributionStatus.SUBMITTED, creator, submitted, "")
        ]
        if decided:
            decided_at = published - (published - submitted) * 0.2
            row["late_decision"] = LateDecision.ACCEPTED.value
            row["late_reason"] = LATE_REASON
            row["late_decided_by_id"] = secretariat
            row["late_decided_at"] = decided_at
            history.add({**row, **self.stamp("~", decided_at, secretariat, LATE_REASON)})
        row["status"] = ContributionStatus.PUBLISHED.value
        row["number"] = document["number"]
        row["amendment_ordinal"] = ordinal
        row["published_at"] = published
        history.add({**row, **self.stamp("~", published, secretariat)})
        changes.append(
            (
                ContributionStatus.SUBMITTED,
                ContributionStatus.PUBLISHED,
                secretariat,
                published,
                "",
            )
        )
        last = published
        if document["withdrawn"]:
            last = published + datetime.timedelta(days=rng.uniform(1, 30))
            row["status"] = ContributionStatus.WITHDRAWN.value
            history.add({**row, **self.stamp("~", last, secretariat, WITHDRAWAL_NOTE)})
            withdrawal = (ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN)
            changes.append((*withdrawal, secretariat, last, WITHDRAWAL_NOTE))
            summary.withdrawn += 1
        tables.contributions.add({**row, "updated_at": last})
        for source, target, by, at, note in changes:
            tables.status_changes.add(
                {
                    "contribution_id": contribution,
                    "from_status": source.value,
                    "to_status": target.value,
                    "by_id": by,
                    "at": at,
                    "note": note,
                }
            )
        summary.status_changes += len(changes)
        for item in document["agenda"]:
            tables.agenda.add({"contribution_id": contribution, "agendaitem_id": item})

        # The files: the original when the draft is made, the translations once published.
        sha256 = ""
        files = []
        for language in document["languages"]:
            extension = document["extension"]
            if extension == ".pdf" and language not in PDF_LANGUAGES:
                extension = ".docx"
            if language == original:
                at, by = created, creator
                name = f"{title[:80]}{extension}".replace("/", "-")
                file_title, file_paragraphs = title, paragraphs
            else:
                at = published + datetime.timedelta(hours=rng.uniform(1, 120))
                by = secretariat
                name = self.file_name(context["group"], meeting, document, language, extension)
                file_title, file_paragraphs = self.text(language, document["text"], amendment_kind)
            file = self.file(
                meeting, contribution, language, name, extension, at, by,
                file_title, file_paragraphs, rng,
            )  # fmt: skip
            files.append(file)
            if language == original:
                sha256 = file.sha256
            else:
                translation = {
                    "contribution_id": contribution,
                    "language": language,
                    "status": TranslationStatus.POSTED.value,
                    "requested_by_id": by,
                    "requested_at": at,
                    "updated_at": at,
                }
                translation["id"] = tables.translations.add(dict(translation))
                tables.translations_history.add({**translation, **self.stamp("+", at, by)})

        # The sources: the submitter confirmed by whoever made the draft (again once its
        # file is there), each co-sponsor pending until it confirms, before publication.
        for order, organization in enumerate(document["organizations"]):
            source = {
                "contribution_id": contribution,
                "organization_id": organization,
                "order": order,
                "confirmation": SourceConfirmation.CONFIRMED.value,
                "confirmed_by_id": creator,
                "confirmed_at": created,
                "confirmed_title": title,
                "confirmed_abstract": abstract,
            }
            if order == 0:
                first = {**source, "confirmed_sha256": ""}
                source["confirmed_sha256"] = sha256
                source["id"] = tables.sources.add(dict(source))
                first["id"] = source["id"]
                tables.sources_history.add({**first, **self.stamp("+", created, creator)})
                tables.sources_history.add({**source, **self.stamp("~", created, creator)})
                continue
            asked = {
                "contribution_id": contribution,
                "organization_id": organization,
                "order": order,
                "confirmation": SourceConfirmation.PENDING.value,
            }
            at = submitted + (published - submitted) * rng.uniform(0.1, 0.7)
            by_letter = rng.random() < 0.2
            by = secretariat if by_letter else people.delegates[organization][0]
            reason = OVERRIDE_REASON if by_letter else ""
            source.update(
                confirmed_by_id=by,
                confirmed_at=at,
                confirmed_sha256=sha256,
                override_reason=reason,
            )
            source["id"] = tables.sources.add(dict(source))
            asked["id"] = source["id"]
            tables.sources_history.add({**asked, **self.stamp("+", created, creator)})
            tables.sources_history.add({**source, **self.stamp("~", at, by, reason or None)})

        # The search entries, as `contributions.search` writes them; their words in finish.
        registered = Contribution(id=contribution, meeting=meeting, **{
            key: row[key]
            for key in ("title", "abstract", "original_language", "number", "amendment_kind")
        }, amendment_ordinal=ordinal)  # fmt: skip
        registered.current_files = files
        for entry in search.entries_of(registered):
            tables.search_entries.add(
                {field.attname: getattr(entry, field.attname) for field in ENTRY_FIELDS}
            )

        summary.documents += 1
        if amendment_kind == AmendmentKind.REVISION:
            summary.revisions += 1
        elif amendment_kind == AmendmentKind.ADDENDUM:
            summary.addenda += 1
        elif amendment_kind == AmendmentKind.CORRIGENDUM:
            summary.corrigenda += 1
        return contribution

    @staticmethod
    def stamp(kind, at, by, reason=None):
        return {
            "history_type": kind,
            "history_date": at,
            "history_user_id": by,
            "history_change_reason": reason,
        }

    @staticmethod
    def text(language, text, amendment_kind):
        """The title and paragraphs of a document in `language` (the first two: abstract)."""
        titles, topics = words.TITLES[language], words.TOPICS[language]
        sentences = words.SENTENCES[language]
        topic = topics[text["topic"] % len(topics)]
        title = titles[text["title"] % len(titles)].format(topic=topic)
        paragraphs = [
            sentences[index % len(sentences)].format(topic=topic)
            for index in [*text["abstract"], *text["body"]]
        ]
        if amendment_kind == AmendmentKind.REVISION:
            paragraphs.insert(2, words.AMENDMENT_NOTES[language])
        return title, paragraphs

    @staticmethod
    def file_name(group, meeting, document, language, extension):
        """How the secretariat names a translation: `EG-CYB-3-2-15-F.docx`."""
        letter = Language(language).letter
        suffix = ""
        if "amendment" in document:
            kind, ordinal = document["amendment"]
            suffix = f"-{kind.label_short.rstrip('.')}{ordinal}"
        return (
            f"{group.acronym}-{meeting.ordinal}-{document['number']}{suffix}-{letter}{extension}"
        )

    def file(
        self, meeting, contribution, language, name, extension, at, by, title, paragraphs, rng
    ):
        content = self.files.make(extension, title, paragraphs)
        hex_name = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        path = f"contributions/{meeting.pk}/{hex_name}{extension}"
        target = self.media / path
        if meeting.pk not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(meeting.pk)
        self.written.append(self.disk.submit(target.write_bytes, content))
        sha256 = hashlib.sha256(content).hexdigest()
        row = {
            "contribution_id": contribution,
            "language": language,
            # What `contributions.files.text.extract_text` reads from it (a test holds it).
            "text": " ".join(" ".join([title, *paragraphs]).split()),
            "file": path,
            "original_name": name,
            "content_type": FILE_TYPES[extension],
            "size": len(content),
            "sha256": sha256,
            "uploaded_by_id": by,
            "uploaded_at": at,
        }
        row["id"] = self.tables.files.add(dict(row))
        history = {key: value for key, value in row.items() if key != "text"}
        self.tables.files_history.add({**history, **self.stamp("+", at, by)})
        self.summary.files += 1
        self.summary.file_bytes += len(content)
        return ContributionFile(**row)

    def report(self):
        done = self.summary.documents
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.progress(
            f"{done}/{self.total} documents, {self.summary.files} files, "
            f"{done / elapsed:.0f} documents/s, peak RSS {peak_rss_mb():.0f} MB"
        )
