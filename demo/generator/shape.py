"""What a generated register looks like: its names, proportions and fixed texts."""

import dataclasses
import datetime
import resource

from contributions.enums import (
    ContributionKind,
)
from contributions.models import (
    SearchEntry,
)

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


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
