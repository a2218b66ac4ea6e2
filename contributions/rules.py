"""Who may do what with a document: one predicate per action.

Who may see a document, its files and its history is `contributions.policies`.
"""

from contributions.enums import (
    CONTRIBUTION_MOVES,
    COSPONSOR_MOVES,
    LATE_DECISION_MOVES,
    TRANSLATION_MOVES,
    ContributionStatus,
)
from egitrs.workflow import Roles
from members.rules import is_secretariat, organization_ids_of


def is_submitter_delegate(user, contribution):
    """A delegate of the organization that submits the contribution (its first source)."""
    submitter = contribution.submitting_organization
    return submitter is not None and submitter.pk in organization_ids_of(user)


def _secretariat(user, obj):
    return is_secretariat(user)


# Who is who in the tables of contributions/enums.py.
CONTRIBUTION_ROLES = Roles(
    CONTRIBUTION_MOVES,
    submitter=lambda user, contribution: is_submitter_delegate(user, contribution),
    secretariat=_secretariat,
)


def can_create_contribution(user, meeting, *, at=None):
    """May start a draft for this meeting (for one of the user's organizations)."""
    if not meeting.accepts_contributions(at=at):
        return False
    return is_secretariat(user) or bool(organization_ids_of(user))


def can_edit_contribution(user, contribution):
    return contribution.status == ContributionStatus.DRAFT and (
        is_secretariat(user) or is_submitter_delegate(user, contribution)
    )


def can_submit_contribution(user, contribution, *, at=None):
    return CONTRIBUTION_ROLES.can("submit")(
        user, contribution
    ) and contribution.meeting.accepts_contributions(at=at)


can_withdraw_contribution = CONTRIBUTION_ROLES.can("withdraw")
can_publish_contribution = CONTRIBUTION_ROLES.can("publish")
can_return_contribution = CONTRIBUTION_ROLES.can("return")


# A co-sponsorship is answered while the document can still change or be published.
OPEN_STATUSES = (ContributionStatus.DRAFT, ContributionStatus.SUBMITTED)


def is_cosponsor_delegate(user, source):
    """An active delegate of the co-sponsoring organization of `source`."""
    return not source.is_submitter and source.organization_id in organization_ids_of(user)


def _open(source):
    return not source.is_submitter and source.contribution.status in OPEN_STATUSES


COSPONSOR_ROLES = Roles(
    COSPONSOR_MOVES,
    cosponsor=lambda user, source: is_cosponsor_delegate(user, source) and _open(source),
    secretariat=lambda user, source: is_secretariat(user) and _open(source),
    # Whoever may change the text: a change puts the confirmations back to pending.
    author=lambda user, source: (
        _open(source)
        and (is_secretariat(user) or is_submitter_delegate(user, source.contribution))
    ),
)


def can_answer_cosponsorship(user, source):
    return is_cosponsor_delegate(user, source) and COSPONSOR_ROLES.can("decline")(user, source)


def can_override_cosponsorship(user, source):
    """The secretariat confirms for a co-sponsor that has not (or that declined)."""
    return is_secretariat(user) and COSPONSOR_ROLES.can("confirm")(user, source)


# Translation and late decisions serve documents in front of the meeting: neither drafts
# nor withdrawn ones.
BEFORE_THE_MEETING = (ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED)

TRANSLATION_ROLES = Roles(
    TRANSLATION_MOVES,
    secretariat=lambda user, translation: (
        is_secretariat(user) and translation.contribution.status in BEFORE_THE_MEETING
    ),
)

LATE_DECISION_ROLES = Roles(LATE_DECISION_MOVES, secretariat=_secretariat)


def can_start_amendment(user, contribution, *, at=None):
    """Start a revision, addendum or corrigendum of a published, numbered base document.

    The secretariat may at any time: it is how errors are fixed after a meeting. The
    submitter's delegates only while the base's meeting takes contributions, since the
    new draft belongs to it and could otherwise never be submitted.
    """
    if not (
        contribution.status == ContributionStatus.PUBLISHED
        and contribution.number is not None
        and contribution.base_id is None
    ):
        return False
    if is_secretariat(user):
        return True
    return is_submitter_delegate(
        user, contribution
    ) and contribution.meeting.accepts_contributions(at=at)
