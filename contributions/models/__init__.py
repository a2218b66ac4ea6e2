"""The models of the register, by what they serve (re-exported here for the app)."""

from contributions.models.documents import (
    REGISTERED,
    REGISTERED_STATUSES,
    Contribution,
    ContributionFile,
    ContributionFileQuerySet,
    ContributionQuerySet,
    LanguageVersion,
    Source,
    SourceQuerySet,
    Translation,
    contribution_upload_to,
    is_current_file,
    keep_group_of_documents,
)
from contributions.models.search import SearchEntry
from contributions.models.status_changes import StatusChange
from contributions.models.supersession import AUDIENCES, mark_superseded, superseded

__all__ = [
    "AUDIENCES",
    "REGISTERED",
    "REGISTERED_STATUSES",
    "Contribution",
    "ContributionFile",
    "ContributionFileQuerySet",
    "ContributionQuerySet",
    "LanguageVersion",
    "SearchEntry",
    "Source",
    "SourceQuerySet",
    "StatusChange",
    "Translation",
    "contribution_upload_to",
    "is_current_file",
    "keep_group_of_documents",
    "mark_superseded",
    "superseded",
]
