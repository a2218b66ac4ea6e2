"""Translations, late decisions and co-sponsor answers: every pair of states, every role."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from contributions.enums import (
    COSPONSOR_MOVES,
    LATE_DECISION_MOVES,
    TRANSLATION_MOVES,
    ContributionStatus,
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.models import Contribution, Source, Translation
from contributions.rules import COSPONSOR_ROLES, LATE_DECISION_ROLES, TRANSLATION_ROLES
from egitrs.workflow import TransitionNotAllowed, perform_move
from tests.factories import make_contribution
from tests.roles import ROLES

AT = datetime.datetime(2018, 5, 2, 8, 0, tzinfo=datetime.UTC)


def pairs(states):
    return list(itertools.product(states, states))


def attempt(obj, target, roles, user, machine):
    """The move through the one function, and what a refusal or a success looks like."""
    field = machine.field
    source = getattr(obj, field)
    move = machine.move(source, target)
    if move is None:
        with pytest.raises(TransitionNotAllowed, match="cannot become"):
            perform_move(obj, target, roles=roles, by=user, at=AT)
        return source
    if not roles.allows(user, obj, move):
        with pytest.raises(PermissionDenied, match="You may not do this."):
            perform_move(obj, target, roles=roles, by=user, at=AT)
        return source
    moved = perform_move(obj, target, roles=roles, by=user, at=AT, note="Recorded.")
    last = moved.history.order_by("-history_id").first()
    assert (getattr(last, field), last.history_date, last.history_user) == (target, AT, user)
    assert last.history_change_reason == "Recorded."
    return target


@pytest.fixture
def submitted(meeting, author, secretariat):
    return make_contribution(meeting=meeting, delegate=author, status=ContributionStatus.SUBMITTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("source", "target"),
    [(a, b) for a, b in pairs(TranslationStatus) if b != TranslationStatus.NOT_REQUIRED],
)
def test_translation_moves(submitted, secretariat, roles, role, source, target):
    translation = Translation(
        contribution=submitted, language=Language.FRENCH, status=source, requested_by=secretariat
    )
    if source != TranslationStatus.NOT_REQUIRED:
        translation.save()
    user = roles[role] or AnonymousUser()

    expected = attempt(translation, target, TRANSLATION_ROLES, user, TRANSLATION_MOVES)

    stored = Translation.objects.filter(contribution=submitted).first()
    assert (stored.status if stored else TranslationStatus.NOT_REQUIRED) == expected
    legal = TRANSLATION_MOVES.move(source, target) is not None
    moved = expected == target and source != target
    assert moved == (legal and role == "secretariat")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), pairs(LateDecision))
def test_late_decision_moves(submitted, roles, role, source, target):
    Contribution.objects.filter(pk=submitted.pk).update(is_late=True, late_decision=source)
    submitted.refresh_from_db()
    user = roles[role] or AnonymousUser()

    expected = attempt(submitted, target, LATE_DECISION_ROLES, user, LATE_DECISION_MOVES)

    assert Contribution.objects.get(pk=submitted.pk).late_decision == expected


@pytest.fixture
def cosponsored(meeting, delegate_a, org_b):
    return make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.SUBMITTED,
        cosponsors=[org_b],
    )


# Who acts: the submitter's delegate (A), the co-sponsor's (B), an officer, the secretariat.
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), pairs(SourceConfirmation))
def test_cosponsor_answer_moves(cosponsored, org_b, roles, role, source, target):
    Source.objects.filter(contribution=cosponsored, organization=org_b).update(confirmation=source)
    answer = Source.objects.get(contribution=cosponsored, organization=org_b)
    user = roles[role] or AnonymousUser()

    expected = attempt(answer, target, COSPONSOR_ROLES, user, COSPONSOR_MOVES)

    assert Source.objects.get(pk=answer.pk).confirmation == expected
    move = COSPONSOR_MOVES.move(source, target)
    who = {
        "delegate_a": {"author"},
        "delegate_b": {"cosponsor"},
        "secretariat": {"secretariat", "author"},
    }.get(role, set())
    assert (expected == target and source != target) == bool(move and move.who & who)
