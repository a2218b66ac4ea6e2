"""The search index's rows (written by `contributions.search`)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from contributions.enums import Language
from contributions.models.documents import Contribution


class SearchEntry(models.Model):
    """What the search finds of a registered document in one language: its words, by weight.

    Written only by `contributions.search.index_documents`: the original language holds
    the register number, title and abstract and its file's text; each other language its
    register number and the text of its file. On PostgreSQL `vector` holds the weighted
    words in the language's text search configuration (`config`), under a GIN index; on
    SQLite an FTS5 table beside this one holds them (see the migration that made it).
    """

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="search_entries"
    )
    language = models.CharField(max_length=2, choices=Language.choices)
    config = models.CharField(max_length=20)
    title = models.TextField(blank=True)
    abstract = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["contribution_id", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "language"], name="search_entry_language_unique"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
