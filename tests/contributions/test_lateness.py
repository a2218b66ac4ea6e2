"""The secretariat's decision on contributions submitted after the deadline."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionStatus, LateDecision
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
CHANGELIST = "admin:contributions_contribution_changelist"


@pytest.fixture
def late_meeting(group):
    """A meeting still open, whose contribution deadline passed yesterday."""
    return factories.MeetingFactory(
        group=group, contribution_deadline=timezone.now() - datetime.timedelta(days=1)
    )


@pytest.fixture
def late(late_meeting, delegate_a):
    return make_contribution(meeting=late_meeting, delegate=delegate_a, status=SUBMITTED)


def _decision(contribution):
    contribution.refresh_from_db()
    return (
        contribution.late_decision,
        contribution.late_reason,
        contribution.late_decided_by,
        contribution.late_decided_at is not None,
    )


def test_secretariat_accepts_a_late_contribution(late, secretariat):
    before = timezone.now()

    returned = services.decide_late_contribution(
        contribution=late, by=secretariat, accepted=True, reason="  Agreed with the chair.  "
    )

    assert late.is_late is True
    assert _decision(late) == (LateDecision.ACCEPTED, "Agreed with the chair.", secretariat, True)
    assert before <= late.late_decided_at <= timezone.now()
    assert (returned.pk, returned.late_decision) == (late.pk, LateDecision.ACCEPTED)
    assert late.status == SUBMITTED


def test_a_changed_decision_keeps_the_earlier_one_in_the_history(late, secretariat):
    other = factories.SecretariatUserFactory(username="second-officer")

    services.decide_late_contribution(
        contribution=late, by=secretariat, accepted=False, reason="Too late to translate."
    )
    services.decide_late_contribution(
        contribution=late, by=other, accepted=True, reason="The chair asked for it."
    )

    assert _decision(late) == (LateDecision.ACCEPTED, "The chair asked for it.", other, True)
    decisions = [
        (row.late_decision, row.late_reason, row.history_user)
        for row in late.history.order_by("history_id")
        if row.late_decided_at is not None
    ]
    assert decisions == [
        (LateDecision.REFUSED, "Too late to translate.", secretariat),
        (LateDecision.ACCEPTED, "The chair asked for it.", other),
    ]


def test_a_published_late_contribution_can_be_decided(late_meeting, delegate_a, secretariat):
    published = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=PUBLISHED, secretariat=secretariat
    )

    services.decide_late_contribution(
        contribution=published, by=secretariat, accepted=False, reason="Not discussed."
    )

    assert _decision(published)[:3] == (LateDecision.REFUSED, "Not discussed.", secretariat)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_decides(late, roles, role):
    user = roles[role] or AnonymousUser()

    with refused(PermissionDenied, "Only the secretariat decides on late contributions.", late):
        services.decide_late_contribution(
            contribution=late, by=user, accepted=True, reason="Why not."
        )

    assert _decision(late) == (LateDecision.PENDING, "", None, False)


def test_a_reason_is_required(late, secretariat):
    message = "Say why the late contribution is accepted or not."
    with refused(ValidationError, message, late) as error:
        services.decide_late_contribution(
            contribution=late, by=secretariat, accepted=True, reason="   "
        )

    assert error.value.messages == [message]
    assert _decision(late) == (LateDecision.PENDING, "", None, False)


def test_a_contribution_on_time_is_not_decided(meeting, delegate_a, secretariat):
    on_time = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)

    message = "This contribution was not submitted late."
    with refused(ValidationError, message, on_time) as error:
        services.decide_late_contribution(
            contribution=on_time, by=secretariat, accepted=True, reason="Fine."
        )

    assert error.value.messages == [message]
    assert _decision(on_time) == (LateDecision.PENDING, "", None, False)


def test_a_withdrawn_late_contribution_is_not_decided(late, delegate_a, secretariat):
    services.withdraw_contribution(contribution=late, by=delegate_a)

    message = "A withdrawn document cannot be decided on."
    with refused(ValidationError, message, late) as error:
        services.decide_late_contribution(
            contribution=late, by=secretariat, accepted=True, reason="Fine."
        )

    assert error.value.messages == [message]
    assert _decision(late) == (LateDecision.PENDING, "", None, False)


# The admin: an action on the register, a page per document, a filter, the change page.


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _late_page(contribution):
    return reverse("admin:contributions_contribution_late_decision", args=[contribution.pk])


def test_decide_action_asks_for_the_decision_then_records_it(
    client, secretariat, late, meeting, delegate_a
):
    on_time = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="On time"
    )
    client.force_login(secretariat)
    selected = {"action": "decide_late_selected", "_selected_action": [late.pk, on_time.pk]}

    asked = client.post(reverse(CHANGELIST), selected)
    response = client.post(
        reverse(CHANGELIST),
        {**selected, "apply": "1", "decision": "accepted", "reason": "The chair agreed."},
    )

    assert asked.status_code == 200
    assert list(asked.context["form"].fields) == ["decision", "reason"]
    assert '<input type="radio" name="decision" value="refused"' in asked.text
    assert response.status_code == 302
    assert _decision(late) == (LateDecision.ACCEPTED, "The chair agreed.", secretariat, True)
    assert _decision(on_time) == (LateDecision.PENDING, "", None, False)
    assert _messages(response) == [
        f"The decision on “{late.title}” is recorded.",
        "No decision on “On time”: This contribution was not submitted late.",
    ]


def test_decide_action_requires_a_decision_and_a_reason(client, secretariat, late):
    client.force_login(secretariat)

    response = client.post(
        reverse(CHANGELIST),
        {"action": "decide_late_selected", "_selected_action": [late.pk], "apply": "1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "decision": ["This field is required."],
        "reason": ["This field is required."],
    }
    assert _decision(late) == (LateDecision.PENDING, "", None, False)


def test_secretariat_decides_on_the_page_of_one_document(client, secretariat, late):
    client.force_login(secretariat)
    change_url = reverse("admin:contributions_contribution_change", args=[late.pk])

    change_page = client.get(change_url)
    page = client.get(_late_page(late))
    response = client.post(_late_page(late), {"decision": "refused", "reason": "Too late."})

    assert f'<a href="{_late_page(late)}">Decide on lateness</a>' in change_page.text
    assert page.status_code == 200
    assert "after the contribution deadline" in page.text
    assert response["Location"] == change_url
    assert _decision(late) == (LateDecision.REFUSED, "Too late.", secretariat, True)
    assert _messages(response) == [f"The decision on “{late.title}” is recorded."]


def test_page_shows_the_decision_to_change_and_refuses_a_blank_reason(client, secretariat, late):
    services.decide_late_contribution(
        contribution=late, by=secretariat, accepted=False, reason="Too late."
    )
    client.force_login(secretariat)

    page = client.get(_late_page(late))
    response = client.post(_late_page(late), {"decision": "accepted", "reason": " "})

    assert "Decided: Not accepted, by secretariat on" in page.text
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert _decision(late)[:2] == (LateDecision.REFUSED, "Too late.")


def test_page_of_a_contribution_on_time_says_so_and_records_nothing(
    client, secretariat, meeting, delegate_a
):
    on_time = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    client.force_login(secretariat)

    page = client.get(_late_page(on_time))
    response = client.post(_late_page(on_time), {"decision": "accepted", "reason": "Fine."})

    assert "This contribution was not submitted late." in page.text
    assert response.context["form"].non_field_errors() == [
        "This contribution was not submitted late."
    ]
    assert _decision(on_time) == (LateDecision.PENDING, "", None, False)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, role, late):
    if roles[role]:
        client.force_login(roles[role])
    url = _late_page(late)

    page = client.get(url)
    response = client.post(url, {"decision": "accepted", "reason": "Fine."})

    assert [page["Location"], response["Location"]] == [f"{reverse('admin:login')}?next={url}"] * 2
    assert _decision(late) == (LateDecision.PENDING, "", None, False)


def test_staff_without_the_permission_is_refused(client, late):
    client.force_login(factories.UserFactory(username="other-staff", is_staff=True))

    response = client.post(_late_page(late), {"decision": "accepted", "reason": "Fine."})

    # A submitted document is not theirs to see: its page is not found, as for the public.
    assert response.status_code == 404
    assert _decision(late) == (LateDecision.PENDING, "", None, False)


def test_unknown_document_is_404(client, secretariat):
    client.force_login(secretariat)

    response = client.get(
        reverse("admin:contributions_contribution_late_decision", args=["999999"])
    )

    assert response.status_code == 404


def test_register_filters_by_the_decision(
    client, secretariat, late, late_meeting, delegate_a, meeting
):
    accepted = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title="Accepted"
    )
    services.decide_late_contribution(
        contribution=accepted, by=secretariat, accepted=True, reason="Fine."
    )
    on_time = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    client.force_login(secretariat)

    def listed(value):
        response = client.get(reverse(CHANGELIST), {"late": value})
        return list(response.context["cl"].result_list)

    assert [listed(v) for v in ["pending", "accepted", "refused", "no"]] == [
        [late],
        [accepted],
        [],
        [on_time],
    ]


def test_change_page_shows_the_decision_read_only(client, secretariat, late):
    services.decide_late_contribution(
        contribution=late, by=secretariat, accepted=True, reason="The chair agreed."
    )
    client.force_login(secretariat)

    response = client.get(reverse("admin:contributions_contribution_change", args=[late.pk]))

    form = response.context["adminform"].form
    assert {"late_decision", "late_reason", "late_decided_by", "is_late"}.isdisjoint(form.fields)
    readonly = {
        field.field["name"]: field.contents()
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
        if field.is_readonly
    }
    assert (
        readonly["late_decision_display"],
        readonly["late_reason"],
        readonly["late_decided_by"],
    ) == (
        "Accepted",
        "The chair agreed.",
        f'<a href="{reverse("admin:auth_user_change", args=[secretariat.pk])}">secretariat</a>',
    )
