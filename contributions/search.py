"""Full-text search of the register: the index of each document's words, and the queries.

`index_documents` writes a document's `SearchEntry` rows from its register number,
title, abstract and the text of its current file in each language (read once per file
and kept on it). It runs as a background task (`contributions.tasks`) queued by each change
that alters what a document says, once it commits: publication, a correction, a new file.

`matching` narrows any queryset of documents to those the words find, `ranked` ranks
them, and `snippets` gives the highlighted passages of a page of them. On PostgreSQL the words are
a weighted `tsvector` per language (English, French, Russian and Spanish stemmed, Arabic
and Chinese in the `simple` configuration and found inside the text by trigrams); on
SQLite, the embedded default, an FTS5 table. What a user may read is the queryset's
business: pass `contribution_policy.visible_to(user)`, nothing here widens it.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import connection, transaction
from django.db.models import F, FloatField, OuterRef, Prefetch, Q, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from contributions.enums import Language
from contributions.files.text import extract_text
from contributions.models import REGISTERED, Contribution, ContributionFile, SearchEntry
from egitrs.page_cache import records_changed
from egitrs.tasks import enqueue_on_commit

# PostgreSQL's text search configuration of each language.
CONFIGS = {
    Language.ENGLISH: "english",
    Language.FRENCH: "french",
    Language.RUSSIAN: "russian",
    Language.SPANISH: "spanish",
    Language.ARABIC: "simple",
    Language.CHINESE: "simple",
}
# Scripts whose words no stemmer separates: also looked for inside the text.
_UNSEGMENTED = re.compile(r"[\u0600-\u06ff\u3400-\u9fff\uf900-\ufaff]")
_WORDS = re.compile(r"\w+")
# How the database marks a found word in a snippet: characters no text contains, turned
# into <mark> once the snippet is escaped.
_START, _STOP = "\x02", "\x03"
FTS_TABLE = "contributions_searchentry_fts"
# Documents per indexing task when many change at once: each batch is retried on its own.
INDEX_BATCH = 500
# A search entry's words on PostgreSQL, weighted: the title (with the register number)
# above the abstract above the files' text. The one definition, for the update here and
# for the rows a generated register inserts (demo.generator.tables).
VECTOR_SQL = (
    "setweight(to_tsvector(config::regconfig, title), 'A')"
    " || setweight(to_tsvector(config::regconfig, abstract), 'B')"
    " || setweight(to_tsvector(config::regconfig, body), 'C')"
)


# Indexing -----------------------------------------------------------------------------


def index_document(contribution):
    """Index `contribution` in the background once the transaction that changes it
    commits: the index never tells of a publication or a correction that rolled back,
    and a failed indexing is tried again (`contributions.tasks`)."""
    index_documents_later([contribution.pk])


def index_documents_later(contribution_ids):
    """`index_document` for many documents (an import's): one task per INDEX_BATCH."""
    # The task module runs this one's `index_documents`: imported when first needed.
    from contributions.tasks import index_documents_task

    ids = sorted(set(contribution_ids))
    for start in range(0, len(ids), INDEX_BATCH):
        enqueue_on_commit(index_documents_task, ids[start : start + INDEX_BATCH])


def index_documents(contribution_ids):
    """Write the search entries of these documents; a document not registered has none."""
    ids = sorted(set(contribution_ids))
    documents = (
        Contribution.objects.filter(pk__in=ids)
        .filter(REGISTERED)
        .select_related("meeting__group")
        .prefetch_related(_current_files())
    )
    entries = []
    for document in documents:
        entries.extend(entries_of(document))
    with transaction.atomic():
        _delete_entries(ids)
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        write_words(ids)
        records_changed()
    return len(entries)


def entries_of(document):
    """The unsaved search entries of one registered document (`current_files` prefetched)."""
    files = {file.language: file for file in document.current_files}
    languages = [document.original_language] + sorted(set(files) - {document.original_language})
    entries = []
    for language in languages:
        original = language == document.original_language
        title = document.register_number
        if original:
            title = f"{title} {document.title}"
        entries.append(
            SearchEntry(
                contribution=document,
                language=language,
                config=CONFIGS[language],
                title=title,
                abstract=document.abstract if original else "",
                body=text_of(files[language]) if language in files else "",
            )
        )
    return entries


def text_of(file):
    """The words of a document file, read from it the first time and kept with it."""
    if file.text is None:
        with file.file.open("rb") as stream:
            file.text = extract_text(stream, file.content_type)
        ContributionFile.objects.filter(pk=file.pk).update(text=file.text)
    return file.text


def _current_files():
    return Prefetch("files", queryset=ContributionFile.objects.current(), to_attr="current_files")


def _delete_entries(ids):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE contribution_id IN "  # noqa: S608
                f"({', '.join(['%s'] * len(ids))})",
                ids,
            )
    SearchEntry.objects.filter(contribution_id__in=ids).delete()


def write_words(ids):
    """Turn the entries of these documents into words: the vector, or the FTS5 rows."""
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(contribution_id__in=ids).update(vector=RawSQL(VECTOR_SQL, []))
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, abstract, body, contribution_id) "  # noqa: S608
                "SELECT id, title, abstract, body, contribution_id "
                "FROM contributions_searchentry "
                f"WHERE contribution_id IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )


# Searching ----------------------------------------------------------------------------


def words_of(text):
    return _WORDS.findall(text or "")


def matching(documents, text):
    """The documents of the queryset `documents` that `text` finds."""
    if not words_of(text):
        return documents.none()
    if connection.vendor == "postgresql":
        return _postgresql_matching(documents, text)
    return _sqlite_matching(documents, text)


def ranked(documents, text):
    """The queryset `documents`, each with `search_rank`: higher for a better match of
    `text`, None for a document it does not find, all alike when `text` has no words.

    Ranking reads the words of every document ranked: give it the documents already
    found, and not too many of them (`contributions.views.search`).
    """
    if not words_of(text):
        return documents.annotate(search_rank=Value(0.0))
    if connection.vendor == "postgresql":
        return _postgresql_ranked(documents, text)
    return _sqlite_ranked(documents, text)


def snippets(documents, text):
    """{document pk: its best passage with the found words in <mark>} for a page of them.

    From the abstract or the files' text: the title is on the page already, so a document
    found by its title alone has no passage.
    """
    pks = [document.pk for document in documents]
    if not pks or not words_of(text):
        return {}
    if connection.vendor == "postgresql":
        rows = _postgresql_snippets(pks, text)
    else:
        rows = _sqlite_snippets(pks, text)
    best = {}
    for pk, _rank, passage in sorted(rows, key=lambda row: -row[1]):
        if passage and pk not in best and _START in passage:
            best[pk] = passage
    return {pk: _marked(passage) for pk, passage in best.items()}


def _marked(passage):
    html = escape(passage).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only our marks are markup)


def _postgresql_query(text):
    query = None
    for config in sorted(set(CONFIGS.values())):
        one = SearchQuery(text, config=config, search_type="websearch")
        query = one if query is None else query | one
    return query


def _postgresql_found(text):
    query = _postgresql_query(text)
    found = Q(vector=query)
    if _UNSEGMENTED.search(text):
        inside = Q()
        for word in words_of(text):
            inside &= Q(body__contains=word)
        found |= Q(language__in=[Language.ARABIC, Language.CHINESE]) & inside
    return query, SearchEntry.objects.filter(found)


def _postgresql_matching(documents, text):
    _query, entries = _postgresql_found(text)
    return documents.filter(pk__in=entries.values("contribution_id"))


def _postgresql_ranked(documents, text):
    query, entries = _postgresql_found(text)
    rank = (
        entries.filter(contribution=OuterRef("pk"))
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank")
        .values("rank")[:1]
    )
    return documents.annotate(search_rank=Subquery(rank, output_field=FloatField()))


def _postgresql_snippets(pks, text):
    query, entries = _postgresql_found(text)
    return (
        entries.filter(contribution_id__in=pks)
        .annotate(
            rank=SearchRank(F("vector"), query),
            passage=SearchHeadline(
                Concat("abstract", Value(" "), "body", output_field=TextField()),
                query,
                config=F("config"),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .values_list("contribution_id", "rank", "passage")
    )


def _fts_query(text):
    """Every word, as a prefix, in FTS5's syntax: quoted, so nothing typed is an operator."""
    return " ".join(f'"{word}"*' for word in words_of(text))


def _sqlite_matching(documents, text):
    found = RawSQL(
        f"SELECT contribution_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
        [_fts_query(text)],
    )
    return documents.filter(pk__in=found)


def _sqlite_ranked(documents, text):
    rank = RawSQL(
        f"SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) AS rank FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s "
        f"AND {FTS_TABLE}.contribution_id = contributions_contribution.id "
        "ORDER BY rank DESC LIMIT 1",
        [_fts_query(text)],
        output_field=FloatField(),
    )
    return documents.annotate(search_rank=rank)


def _sqlite_snippets(pks, text):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT contribution_id, -bm25({FTS_TABLE}, 10.0, 4.0, 1.0), "  # noqa: S608
            f"snippet({FTS_TABLE}, 1, %s, %s, ' … ', 24), "
            f"snippet({FTS_TABLE}, 2, %s, %s, ' … ', 24) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND contribution_id IN ({', '.join(['%s'] * len(pks))})",
            [_START, _STOP, _START, _STOP, _fts_query(text), *pks],
        )
        # The abstract's passage when the words are in it, else the text's.
        return [
            (pk, rank, abstract if _START in abstract else body)
            for pk, rank, abstract, body in cursor.fetchall()
        ]
