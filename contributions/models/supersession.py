"""Which versions of a document a later revision supersedes, and for whom.

`Contribution.superseded_for` keeps it per document, written by `mark_superseded`;
`superseded(user)` reads it as the condition lists exclude.
"""

from django.db.models import Exists, OuterRef, Q

from contributions.enums import AmendmentKind, ContributionStatus
from meetings.enums import AccessLevel

# The audiences of a published document, widest first (see `Contribution.superseded_for`).
AUDIENCES = (AccessLevel.PUBLIC, AccessLevel.MEMBERS, AccessLevel.SECRETARIAT)


def superseded(user):
    """The condition on a document that a published revision which `user` may read supersedes.

    A base document is superseded by any of its revisions, Rev.n by Rev.m with m > n;
    addenda and corrigenda complete their base and are never superseded. Only the
    revisions the user may read count, so that nobody is sent to a revision they cannot
    open (and a document never vanishes from a list for a reason hidden from the reader).

    Read from the maintained `superseded_for`: one indexed column, no look at the
    revisions, but for a delegate whose organization may be the source of a revision at
    the secretariat's level only (a rare row, checked against the revisions themselves).
    """
    from contributions.policies import contribution_policy  # it reads these models

    levels = contribution_policy.access_levels(user)
    rule = Q(superseded_for__in=levels)
    if AccessLevel.SECRETARIAT not in levels and contribution_policy.reads_own_sources(user):
        revisions = contribution_policy.visible_to(user).filter(
            status=ContributionStatus.PUBLISHED,
            amendment_kind=AmendmentKind.REVISION,
            access_level=AccessLevel.SECRETARIAT,
        )
        revised = Exists(revisions.filter(base=OuterRef("pk")))
        revised_again = Exists(
            revisions.filter(
                base=OuterRef("base"), amendment_ordinal__gt=OuterRef("amendment_ordinal")
            )
        )
        rule |= Q(superseded_for=AccessLevel.SECRETARIAT) & (
            (Q(amendment_kind="") & revised)
            | (Q(amendment_kind=AmendmentKind.REVISION) & revised_again)
        )
    return rule


def mark_superseded(base_ids):
    """Set `superseded_for` on the documents of the families of `base_ids` from their
    published revisions; returns how many rows changed.

    The base takes the widest audience of any published revision, Rev.n that of the
    published revisions after n; addenda and corrigenda are never superseded.
    """
    from contributions.models.documents import Contribution  # it saves through here

    base_ids = sorted(set(base_ids))
    if not base_ids:
        return 0
    family = Q(pk__in=base_ids) | Q(base_id__in=base_ids, amendment_kind=AmendmentKind.REVISION)
    rows = list(
        Contribution.objects.filter(family)
        .order_by()
        .values_list("pk", "base_id", "amendment_ordinal", "status", "access_level")
    )
    published = {}  # base id -> [(ordinal, access level)] of its published revisions
    for _pk, base_id, ordinal, status, level in rows:
        if base_id is not None and status == ContributionStatus.PUBLISHED:
            published.setdefault(base_id, []).append((ordinal, level))
    changed = {}
    for pk, base_id, ordinal, _status, _level in rows:
        later = [
            level
            for rev_ordinal, level in published.get(base_id or pk, ())
            if base_id is None or rev_ordinal > ordinal
        ]
        changed[pk] = next((a for a in AUDIENCES if a in later), "")
    updated = 0
    for audience in {*changed.values()}:
        pks = [pk for pk, value in changed.items() if value == audience]
        updated += (
            Contribution.objects.filter(pk__in=pks)
            .exclude(superseded_for=audience)
            .update(superseded_for=audience)
        )
    return updated
