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
planner's statistics, the superseded marks of revised documents and, on SQLite, the words
of the search entries) is computed in `finish`, called once at the end;
on PostgreSQL the words are computed as each chunk's entries are inserted
(`tables.SearchEntries`).
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection

from contributions import search
from contributions.enums import AmendmentKind
from contributions.models import Contribution, mark_superseded
from demo.generator.builder import Builder
from demo.generator.shape import DOCUMENTS_PER_GROUP, FINISH_BATCH, GENERATED, peak_rss_mb
from meetings.models import ExpertGroup


class RegisterRefused(Exception):
    """The database holds records the generator did not make; nothing was changed."""


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
    the documents they revise (`mark_superseded`), on SQLite the words of their search
    entries (`contributions.search.write_words`); and the planner's statistics of every
    table (PostgreSQL plans the register's queries from them: without those of the
    documents' agenda items, a document's one item was looked for among all 17,000),
    with the map of the pages every query may see.
    """
    ids = list(contribution_ids)
    bases = _revised_bases(contribution_ids)
    for start in range(0, len(bases), FINISH_BATCH):
        mark_superseded(bases[start : start + FINISH_BATCH])
    if connection.vendor != "postgresql":
        for start in range(0, len(ids), FINISH_BATCH):
            search.write_words(ids[start : start + FINISH_BATCH])
    if connection.vendor == "postgresql" and ids:
        # VACUUM too, as the database's autovacuum soon would after so many new rows: it
        # marks the pages whose rows every query may see, which lets an index answer
        # alone. Not possible inside a transaction (the tests').
        vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(vacuum)


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
