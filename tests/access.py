"""Documents in each state a reader meets, and who may read them (DESIGN.md §5 and §8),
for the tests of the access policies."""

from contributions.enums import ContributionStatus
from contributions.models import Contribution
from meetings.enums import AccessLevel
from tests.factories import make_contribution

# The readers of `people` (tests/conftest.py), in the order of the tables below.
READERS = [
    "anonymous",
    "submitter",
    "cosponsor",
    "other_delegate",
    "officer",
    "other_officer",
    "secretariat",
]

# Statuses as a reader meets them; withdrawn twice: before and after it had a number.
STATES = ["draft", "submitted", "published", "withdrawn_unnumbered", "withdrawn_numbered"]
STATUS = {
    "draft": ContributionStatus.DRAFT,
    "submitted": ContributionStatus.SUBMITTED,
    "published": ContributionStatus.PUBLISHED,
    "withdrawn_unnumbered": ContributionStatus.WITHDRAWN,
    "withdrawn_numbered": ContributionStatus.WITHDRAWN,
}


def document_in(state, access, *, meeting, people, cosponsor_organization, **fields):
    """A document of the submitter's organization, co-sponsored, brought to `state`."""
    return make_contribution(
        meeting=meeting,
        delegate=people["submitter"],
        status=STATUS[state],
        secretariat=people["secretariat"] if state == "withdrawn_numbered" else None,
        cosponsors=[cosponsor_organization],
        access_level=access,
        **fields,
    )


def fresh(contribution):
    """As a view gets it: a new instance, without what the services cached on it."""
    return Contribution.objects.get(pk=contribution.pk)


def may_read(state, access):
    """DESIGN.md §5 and §8 written out for one document: reader → may read it."""
    registered = state in ("published", "withdrawn_numbered")
    public_register = registered and access == AccessLevel.PUBLIC
    members_register = registered and access in (AccessLevel.PUBLIC, AccessLevel.MEMBERS)
    officer_preview = state == "submitted" and access != AccessLevel.SECRETARIAT
    return {
        "anonymous": public_register,
        # A delegation reads its own documents, co-sponsored ones too, at every level
        # and in every state: it wrote them, or is asked to confirm them.
        "submitter": True,
        "cosponsor": True,
        "other_delegate": members_register,
        "officer": members_register or officer_preview,
        "other_officer": members_register,
        "secretariat": True,
    }
