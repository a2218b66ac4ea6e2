"""Who may do what with a document: one predicate per action.

Who may see a document, its files and its history is `contributions.policies`.
"""

from contributions.enums import ContributionStatus, SourceConfirmation
from members.rules import is_secretariat, organization_ids_of


def is_submitter_delegate(user, contribution):
    """A delegate of the organization that submits the contribution (its first source)."""
    submitter = contribution.submitting_organization
    return submitter is not None and submitter.pk in organization_ids_of(user)


def can_create_contribution(user, meeting):
    """May start a draft for this meeting (for one of the user's organizations)."""
    if not meeting.accepts_contributions():
        return False
    return is_secretariat(user) or bool(organization_ids_of(user))


def can_edit_contribution(user, contribution):
    return contribution.status == ContributionStatus.DRAFT and (
        is_secretariat(user) or is_submitter_delegate(user, contribution)
    )


def can_submit_contribution(user, contribution):
    return (
        can_edit_contribution(user, contribution) and contribution.meeting.accepts_contributions()
    )


def can_withdraw_contribution(user, contribution):
    if contribution.status in (ContributionStatus.DRAFT, ContributionStatus.SUBMITTED):
        return is_secretariat(user) or is_submitter_delegate(user, contribution)
    return contribution.status == ContributionStatus.PUBLISHED and is_secretariat(user)


def can_publish_contribution(user, contribution):
    return contribution.status == ContributionStatus.SUBMITTED and is_secretariat(user)


def can_return_contribution(user, contribution):
    return contribution.status == ContributionStatus.SUBMITTED and is_secretariat(user)


# A co-sponsorship is answered while the document can still change or be published.
OPEN_STATUSES = (ContributionStatus.DRAFT, ContributionStatus.SUBMITTED)


def is_cosponsor_delegate(user, source):
    """An active delegate of the co-sponsoring organization of `source`."""
    return not source.is_submitter and source.organization_id in organization_ids_of(user)


def can_answer_cosponsorship(user, source):
    return (
        is_cosponsor_delegate(user, source)
        and source.confirmation == SourceConfirmation.PENDING
        and source.contribution.status in OPEN_STATUSES
    )


def can_override_cosponsorship(user, source):
    """The secretariat confirms for a co-sponsor that has not (or that declined)."""
    return (
        is_secretariat(user)
        and not source.is_submitter
        and source.confirmation != SourceConfirmation.CONFIRMED
        and source.contribution.status in OPEN_STATUSES
    )


def can_start_amendment(user, contribution):
    """Start a revision, addendum or corrigendum of a published, numbered base document.

    The new draft belongs to the base's meeting, so that meeting must still take
    contributions: a draft that could never be submitted would only mislead.
    """
    return (
        contribution.status == ContributionStatus.PUBLISHED
        and contribution.number is not None
        and contribution.base_id is None
        and (is_secretariat(user) or is_submitter_delegate(user, contribution))
        and contribution.meeting.accepts_contributions()
    )
