"""Who may do what with a document: one predicate per action.

`can_view_contribution` is the one-document form of `ContributionQuerySet.visible_to`;
tests hold the two to the same answers.
"""

from contributions.enums import ContributionStatus, SourceConfirmation
from contributions.models import REGISTERED_STATUSES
from meetings.enums import AccessLevel
from meetings.rules import officer_group_ids
from members.rules import is_secretariat, organization_ids_of


def _source_ids(contribution):
    return {source.organization_id for source in contribution.sources.all()}


def is_submitter_delegate(user, contribution):
    """A delegate of the organization that submits the contribution (its first source)."""
    submitter = contribution.submitting_organization
    return submitter is not None and submitter.pk in organization_ids_of(user)


def can_view_contribution(user, contribution):
    if is_secretariat(user):
        return True
    if (
        contribution.status in REGISTERED_STATUSES
        and contribution.number is not None
        and (
            contribution.access_level == AccessLevel.PUBLIC
            or (contribution.access_level == AccessLevel.MEMBERS and user.is_authenticated)
        )
    ):
        return True
    if _source_ids(contribution) & organization_ids_of(user):
        return True
    return (
        contribution.status == ContributionStatus.SUBMITTED
        and contribution.access_level != AccessLevel.SECRETARIAT
        and contribution.meeting.group_id in officer_group_ids(user)
    )


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


def can_view_superseded_files(user, contribution):
    return is_secretariat(user)


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
