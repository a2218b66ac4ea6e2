"""Who may do what with a document (DESIGN.md section 5); who may see it is
tests/contributions/test_policies.py."""

import datetime

import pytest
from django.utils import timezone

from contributions import rules
from meetings.enums import AccessLevel, MeetingStatus
from meetings.models import Meeting
from tests.access import READERS as ROLES
from tests.access import STATES, document_in, fresh


def _contribution(state, access, meeting, people, org_c):
    return document_in(state, access, meeting=meeting, people=people, cosponsor_organization=org_c)


# Actions: edit, submit, withdraw, publish, return.
#          anonymous, submitter, cosponsor, other_delegate, officer, other_officer, secretariat
ACTIONS = {
    "edit": {
        "draft": [0, 1, 0, 0, 0, 0, 1],
        "submitted": [0, 0, 0, 0, 0, 0, 0],
        "published": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_unnumbered": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_numbered": [0, 0, 0, 0, 0, 0, 0],
    },
    "submit": {
        "draft": [0, 1, 0, 0, 0, 0, 1],
        "submitted": [0, 0, 0, 0, 0, 0, 0],
        "published": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_unnumbered": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_numbered": [0, 0, 0, 0, 0, 0, 0],
    },
    "withdraw": {
        "draft": [0, 1, 0, 0, 0, 0, 1],
        "submitted": [0, 1, 0, 0, 0, 0, 1],
        "published": [0, 0, 0, 0, 0, 0, 1],
        "withdrawn_unnumbered": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_numbered": [0, 0, 0, 0, 0, 0, 0],
    },
    "publish": {
        "draft": [0, 0, 0, 0, 0, 0, 0],
        "submitted": [0, 0, 0, 0, 0, 0, 1],
        "published": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_unnumbered": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_numbered": [0, 0, 0, 0, 0, 0, 0],
    },
    "return": {
        "draft": [0, 0, 0, 0, 0, 0, 0],
        "submitted": [0, 0, 0, 0, 0, 0, 1],
        "published": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_unnumbered": [0, 0, 0, 0, 0, 0, 0],
        "withdrawn_numbered": [0, 0, 0, 0, 0, 0, 0],
    },
}
PREDICATES = {
    "edit": rules.can_edit_contribution,
    "submit": rules.can_submit_contribution,
    "withdraw": rules.can_withdraw_contribution,
    "publish": rules.can_publish_contribution,
    "return": rules.can_return_contribution,
}


@pytest.mark.parametrize("state", STATES)
def test_action_predicates_per_role(state, meeting, people, org_c):
    contribution = fresh(_contribution(state, AccessLevel.PUBLIC, meeting, people, org_c))
    seen = {
        action: [int(PREDICATES[action](people[role], contribution)) for role in ROLES]
        for action in ACTIONS
    }
    assert seen == {action: table[state] for action, table in ACTIONS.items()}


def test_no_submission_once_the_meeting_is_over(meeting, people, org_c):
    contribution = _contribution("draft", AccessLevel.PUBLIC, meeting, people, org_c)
    yesterday = timezone.now().astimezone(meeting.tz).date() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(start_date=yesterday, end_date=yesterday)
    contribution = fresh(contribution)
    assert [rules.can_submit_contribution(people[role], contribution) for role in ROLES] == [
        False
    ] * len(ROLES)
    # Editing a draft stays possible: it may be meant for a later meeting's register.
    assert rules.can_edit_contribution(people["submitter"], contribution) is True


@pytest.mark.parametrize(
    ("role", "may_create"),
    [
        ("anonymous", False),
        ("submitter", True),
        ("cosponsor", True),
        ("other_delegate", True),
        ("officer", False),
        ("other_officer", False),
        ("secretariat", True),
    ],
)
def test_who_may_start_a_draft(role, may_create, meeting, people):
    assert rules.can_create_contribution(people[role], meeting) is may_create


def test_nobody_starts_a_draft_for_a_closed_meeting(meeting, people):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    assert [rules.can_create_contribution(people[role], meeting) for role in ROLES] == [
        False
    ] * len(ROLES)
