"""Who may see what of the register: documents, their files, their status history.

DESIGN.md sections 5 and 8, each rule once (see `egitrs.policies`):

- the secretariat sees everything;
- everyone sees a registered document (numbered, published or withdrawn afterwards) of
  access level public; a signed-in user also those of level members;
- a delegate sees every document their organization is a source of, at any level and
  in any state: the submitter's own, and a draft its organization is asked to co-sponsor
  (and nothing else of the submitting organization);
- an officer sees the submitted documents of their group, except secretariat-level ones.
"""

from django.db.models import Q

from contributions.enums import ContributionStatus
from contributions.models import REGISTERED, is_current_file
from egitrs.policies import ViewPolicy, prefixed
from meetings.enums import AccessLevel
from meetings.rules import officer_group_ids
from members.rules import is_secretariat, organization_ids_of

# The moves everyone may read in a document's history: publication, and withdrawal of a
# published document. The others (submission, return, ...) are the secretariat's.
PUBLIC_MOVES = Q(to_status=ContributionStatus.PUBLISHED) | Q(
    from_status=ContributionStatus.PUBLISHED, to_status=ContributionStatus.WITHDRAWN
)


class ContributionPolicy(ViewPolicy):
    model = "contributions.Contribution"

    def access_levels(self, user):
        """The access levels at which `user` reads every registered document."""
        if is_secretariat(user):
            return list(AccessLevel)
        if user.is_authenticated:
            return [AccessLevel.PUBLIC, AccessLevel.MEMBERS]
        return [AccessLevel.PUBLIC]

    def reads_own_sources(self, user):
        """Whether `user` also reads, at any level, the documents of their organizations."""
        return bool(organization_ids_of(user))

    def rule(self, user):
        if is_secretariat(user):
            return Q()
        rule = REGISTERED & Q(access_level__in=self.access_levels(user))
        if organization_ids := organization_ids_of(user):
            rule |= Q(sources__organization__in=sorted(organization_ids))
        if group_ids := officer_group_ids(user):
            rule |= Q(
                meeting__group__in=sorted(group_ids), status=ContributionStatus.SUBMITTED
            ) & ~Q(access_level=AccessLevel.SECRETARIAT)
        return rule


class ContributionFilePolicy(ViewPolicy):
    """A document's current files go with the document; superseded uploads are kept for
    the secretariat's record only."""

    model = "contributions.ContributionFile"

    def sees_superseded(self, user):
        return is_secretariat(user)

    def rule(self, user):
        if self.sees_superseded(user):
            return Q()
        return prefixed(contribution_policy.rule(user), "contribution") & Q(is_current_file())


class StatusChangePolicy(ViewPolicy):
    """A document's history: every move for the secretariat, the public moves for those
    who may read the document."""

    model = "contributions.StatusChange"

    def rule(self, user):
        if is_secretariat(user):
            return Q()
        return prefixed(contribution_policy.rule(user), "contribution") & PUBLIC_MOVES


contribution_policy = ContributionPolicy()
file_policy = ContributionFilePolicy()
status_change_policy = StatusChangePolicy()
