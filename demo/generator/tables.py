"""Rows of a generated register, written in bulk: COPY on PostgreSQL, executemany on SQLite."""

import datetime
import operator

from django.db import connection, transaction
from django.db.models import Max

from contributions import search
from contributions.models import (
    Contribution,
    ContributionFile,
    SearchEntry,
    Source,
    StatusChange,
    Translation,
)


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
            self.copy(cursor, table, columns, rows)
        else:
            if self.moments:
                rows = [self._adapted(row) for row in rows]
            marks = ", ".join(["%s"] * len(self.columns))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        self.written += len(rows)

    @staticmethod
    def copy(cursor, table, columns, rows):
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _adapted(self, row):
        row = list(row)
        for index in self.moments:
            value = row[index]
            if isinstance(value, datetime.datetime):
                row[index] = connection.ops.adapt_datetimefield_value(value)
            elif value is not None:
                row[index] = value.isoformat()
        return row


class SearchEntries(Table):
    """The search entries, inserted with their words on PostgreSQL: copied into a
    temporary table, then inserted from it with the vector the search computes
    (`contributions.search.VECTOR_SQL`). Inserted once, not inserted then updated: no
    dead rows, and the words are computed by the thread that writes the chunk while the
    next one is built. On SQLite the FTS5 rows are written at the end, by `finish`.
    """

    STAGE = "generated_search_entries"

    def copy(self, cursor, table, columns, rows):
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.STAGE} (LIKE {table} INCLUDING DEFAULTS)"
        )
        super().copy(cursor, self.STAGE, columns, rows)
        kept = ", ".join(
            connection.ops.quote_name(column) for column in self.columns if column != "vector"
        )
        cursor.execute(
            f"INSERT INTO {table} ({kept}, vector) "  # noqa: S608 (names from the model)
            f"SELECT {kept}, {search.VECTOR_SQL} FROM {self.STAGE}"
        )
        # Emptied here, not at commit: a caller's transaction may hold many chunks.
        cursor.execute(f"TRUNCATE {self.STAGE}")


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
        self.search_entries = SearchEntries(SearchEntry)
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
