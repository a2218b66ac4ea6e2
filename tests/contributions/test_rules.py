"""Who may see and do what with a document (DESIGN.md section 5).

Each cell is checked twice: the one-document predicate against the queryset that lists
documents (they must agree), and both against the table written out here.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from contributions import rules
from contributions.enums import ContributionStatus
from contributions.models import Contribution
from meetings.enums import AccessLevel, MeetingStatus
from meetings.models import Meeting, Officer
from tests import factories
from tests.factories import make_contribution

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
WITHDRAWN = ContributionStatus.WITHDRAWN

ROLES = [
    "anonymous",
    "submitter",
    "cosponsor",
    "other_delegate",
    "officer",
    "other_officer",
    "secretariat",
]

# Statuses as a user meets them; withdrawn twice: before and after it had a number.
STATES = ["draft", "submitted", "published", "withdrawn_unnumbered", "withdrawn_numbered"]


@pytest.fixture
def people(meeting, org_a, org_b, delegate_a, delegate_b, officer, secretariat):
    org_c = factories.OrganizationFactory(name="Member State C")
    other_group = factories.ExpertGroupFactory(acronym="EG-X", name="Another group")
    return {
        "anonymous": AnonymousUser(),
        "submitter": delegate_a,
        "cosponsor": factories.DelegateFactory(organization=org_c, username="delegate-c"),
        "other_delegate": delegate_b,
        "officer": officer,
        "other_officer": factories.OfficerUserFactory(group=other_group, username="x-chair"),
        "secretariat": secretariat,
        "org_c": org_c,
    }


def _contribution(state, access, meeting, people):
    status = {
        "draft": DRAFT,
        "submitted": SUBMITTED,
        "published": PUBLISHED,
        "withdrawn_unnumbered": WITHDRAWN,
        "withdrawn_numbered": WITHDRAWN,
    }[state]
    return make_contribution(
        meeting=meeting,
        delegate=people["submitter"],
        status=status,
        secretariat=people["secretariat"] if state == "withdrawn_numbered" else None,
        cosponsors=[people["org_c"]],
        access_level=access,
    )


def _fresh(contribution):
    # As a view gets it: a new instance, without caches from the services.
    return Contribution.objects.get(pk=contribution.pk)


def _expected_view(state, access):
    """DESIGN.md section 5, written out for one document: role → may read it."""
    registered = state in ("published", "withdrawn_numbered")
    public_register = registered and access == AccessLevel.PUBLIC
    members_register = registered and access in (AccessLevel.PUBLIC, AccessLevel.MEMBERS)
    officer_preview = state == "submitted" and access != AccessLevel.SECRETARIAT
    return {
        "anonymous": public_register,
        # A delegation always sees its own documents, co-sponsored ones too, whatever the
        # access level: it wrote them.
        "submitter": True,
        "cosponsor": True,
        "other_delegate": members_register,
        "officer": members_register or officer_preview,
        "other_officer": members_register,
        "secretariat": True,
    }


@pytest.mark.parametrize("access", list(AccessLevel))
@pytest.mark.parametrize("state", STATES)
def test_view_rule_and_queryset_agree_with_the_design(state, access, meeting, people):
    contribution = _contribution(state, access, meeting, people)
    by_rule = {
        role: rules.can_view_contribution(people[role], _fresh(contribution)) for role in ROLES
    }
    by_queryset = {
        role: Contribution.objects.visible_to(people[role]).filter(pk=contribution.pk).exists()
        for role in ROLES
    }
    assert by_rule == by_queryset
    assert by_rule == _expected_view(state, access)


def test_explicit_view_tables(meeting, people):
    """A few rows of the table spelled out, so the generator above cannot hide a mistake."""
    yes, no = True, False
    expected = {
        ("draft", "public"): [no, yes, yes, no, no, no, yes],
        ("submitted", "public"): [no, yes, yes, no, yes, no, yes],
        ("submitted", "secretariat"): [no, yes, yes, no, no, no, yes],
        ("published", "public"): [yes, yes, yes, yes, yes, yes, yes],
        ("published", "members"): [no, yes, yes, yes, yes, yes, yes],
        ("published", "secretariat"): [no, yes, yes, no, no, no, yes],
        ("withdrawn_unnumbered", "public"): [no, yes, yes, no, no, no, yes],
        ("withdrawn_numbered", "public"): [yes, yes, yes, yes, yes, yes, yes],
        ("withdrawn_numbered", "members"): [no, yes, yes, yes, yes, yes, yes],
    }
    seen = {}
    for state, access in expected:
        contribution = _fresh(_contribution(state, access, meeting, people))
        seen[state, access] = [
            rules.can_view_contribution(people[role], contribution) for role in ROLES
        ]
    assert seen == expected


def test_visible_to_lists_exactly_what_each_role_may_read(meeting, people):
    documents = {
        (state, access): _contribution(state, access, meeting, people).pk
        for state in STATES
        for access in AccessLevel
    }
    for role in ROLES:
        visible = set(Contribution.objects.visible_to(people[role]).values_list("pk", flat=True))
        expected = {
            pk for (state, access), pk in documents.items() if _expected_view(state, access)[role]
        }
        assert visible == expected, role


def test_officer_of_a_past_term_reads_no_submitted_document(meeting, people):
    Officer.objects.filter(user=people["officer"]).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    contribution = _fresh(_contribution("submitted", AccessLevel.PUBLIC, meeting, people))
    officer = type(people["officer"]).objects.get(pk=people["officer"].pk)
    assert rules.can_view_contribution(officer, contribution) is False
    assert not Contribution.objects.visible_to(officer).filter(pk=contribution.pk).exists()


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
def test_action_predicates_per_role(state, meeting, people):
    contribution = _fresh(_contribution(state, AccessLevel.PUBLIC, meeting, people))
    seen = {
        action: [int(PREDICATES[action](people[role], contribution)) for role in ROLES]
        for action in ACTIONS
    }
    assert seen == {action: table[state] for action, table in ACTIONS.items()}


def test_no_submission_once_the_meeting_is_over(meeting, people):
    contribution = _contribution("draft", AccessLevel.PUBLIC, meeting, people)
    yesterday = timezone.now().astimezone(meeting.tz).date() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(start_date=yesterday, end_date=yesterday)
    contribution = _fresh(contribution)
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


@pytest.mark.parametrize(
    ("role", "may_see"),
    [
        ("anonymous", False),
        ("submitter", False),
        ("officer", False),
        ("secretariat", True),
    ],
)
def test_only_the_secretariat_sees_superseded_files(role, may_see, meeting, people):
    contribution = _fresh(_contribution("published", AccessLevel.PUBLIC, meeting, people))
    assert rules.can_view_superseded_files(people[role], contribution) is may_see
