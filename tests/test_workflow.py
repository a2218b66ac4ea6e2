"""The shared machinery of state machines: tables are checked when they are declared."""

import pytest

from contributions.enums import (
    CONTRIBUTION_MOVES,
    COSPONSOR_MOVES,
    LATE_DECISION_MOVES,
    TRANSLATION_MOVES,
    ContributionStatus,
)
from contributions.rules import (
    CONTRIBUTION_ROLES,
    COSPONSOR_ROLES,
    LATE_DECISION_ROLES,
    TRANSLATION_ROLES,
)
from egitrs.workflow import Move, Roles, StateMachine
from meetings.enums import MEETING_MOVES
from meetings.rules import MEETING_ROLES
from proceedings.enums import REPORT_MOVES, WORK_PLAN_MOVES
from proceedings.rules import REPORT_ROLES, WORK_PLAN_ROLES


def test_a_table_names_only_states_of_its_machine():
    with pytest.raises(ValueError, match="'archived' is not a state of ContributionStatus"):
        StateMachine(ContributionStatus, [Move("archive", "draft", "archived", "secretariat")])


def test_a_table_has_one_move_per_pair_of_states():
    with pytest.raises(ValueError, match="Two moves from 'draft' to 'submitted'"):
        StateMachine(
            ContributionStatus,
            [
                Move("submit", "draft", "submitted", "submitter"),
                Move("send", "draft", "submitted", "secretariat"),
            ],
        )


def test_every_role_of_a_table_is_defined():
    with pytest.raises(ValueError, match=r"No predicate for the roles \['submitter'\]"):
        Roles(CONTRIBUTION_MOVES, secretariat=lambda user, obj: True)


@pytest.mark.parametrize(
    ("machine", "roles"),
    [
        (CONTRIBUTION_MOVES, CONTRIBUTION_ROLES),
        (COSPONSOR_MOVES, COSPONSOR_ROLES),
        (TRANSLATION_MOVES, TRANSLATION_ROLES),
        (LATE_DECISION_MOVES, LATE_DECISION_ROLES),
        (MEETING_MOVES, MEETING_ROLES),
        (WORK_PLAN_MOVES, WORK_PLAN_ROLES),
        (REPORT_MOVES, REPORT_ROLES),
    ],
)
def test_every_machine_has_its_roles(machine, roles):
    assert roles.machine is machine
    assert set().union(*(move.who for move in machine)) == set(roles.predicates)


def test_the_can_predicate_of_a_move_follows_the_table():
    can_publish = CONTRIBUTION_ROLES.can("publish")

    class Draft:
        status = ContributionStatus.DRAFT

    assert can_publish.__name__ == "can_publish"
    assert can_publish(None, Draft()) is False
