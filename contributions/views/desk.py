"""The secretariat's desk: one page of what needs the secretariat now, oldest first."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince

from contributions.enums import (
    ContributionStatus,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.models import Contribution, Source, Translation
from members.rules import is_secretariat

# Translations and late decisions concern documents in front of the meeting.
OPEN_STATUSES = (ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED)


# A section shows the longest waiting this many, and how many wait, counted this far.
DESK_ROWS = 50
DESK_COUNTED = 1000


def _aged(rows, since, now):
    """The section of `rows` (the longest waiting first): its first DESK_ROWS rows, each
    with its waiting time ("3 days", counted from `since(row)`), how many wait (up to
    DESK_COUNTED) and whether more do."""
    shown = list(rows[:DESK_ROWS])
    for row in shown:
        row.since = since(row)
        row.age = timesince(row.since, now, depth=1)
    # Counted only when the page is full: a desk that is kept up to date costs no count,
    # and a backlog is counted no further than it takes to say it is large.
    count = rows[: DESK_COUNTED + 1].count() if len(shown) == DESK_ROWS else len(shown)
    return {"rows": shown, "count": min(count, DESK_COUNTED), "more": count > DESK_COUNTED}


@login_required
def desk(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    now = timezone.now()
    pending_source = Source.objects.filter(
        contribution=OuterRef("pk"), confirmation=SourceConfirmation.PENDING
    )
    to_publish = (
        Contribution.objects.filter(status=ContributionStatus.SUBMITTED)
        .exclude(Exists(pending_source))
        # A late contribution the secretariat did not accept waits for nothing.
        .exclude(late_decision=LateDecision.REFUSED)
        .with_register_data()
        .order_by("submitted_at", "pk")
    )
    late = (
        Contribution.objects.filter(
            is_late=True, late_decision=LateDecision.PENDING, status__in=OPEN_STATUSES
        )
        .with_register_data()
        .order_by("submitted_at", "pk")
    )
    cosponsors = (
        Source.objects.filter(
            confirmation=SourceConfirmation.PENDING,
            contribution__status=ContributionStatus.SUBMITTED,
        )
        .select_related("organization", "contribution__meeting__group")
        .order_by("contribution__submitted_at", "contribution_id", "order")
    )
    translations = (
        Translation.objects.filter(
            status__in=[TranslationStatus.REQUESTED, TranslationStatus.IN_TRANSLATION],
            contribution__status__in=OPEN_STATUSES,
        )
        .select_related("contribution__meeting__group")
        .order_by("requested_at", "pk")
    )
    return render(
        request,
        "contributions/desk.html",
        {
            "to_publish": _aged(to_publish, lambda c: c.submitted_at, now),
            "late": _aged(late, lambda c: c.submitted_at, now),
            "cosponsors": _aged(cosponsors, lambda s: s.contribution.submitted_at, now),
            "translations": _aged(translations, lambda t: t.requested_at, now),
        },
    )
