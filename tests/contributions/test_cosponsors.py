"""Co-sponsors who confirm: asked at submission, each answers, publication waits for them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributions import rules, services
from contributions.enums import ContributionStatus, SourceConfirmation
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PENDING = SourceConfirmation.PENDING
CONFIRMED = SourceConfirmation.CONFIRMED
DECLINED = SourceConfirmation.DECLINED


@pytest.fixture
def delegate_c(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c")


@pytest.fixture
def delegate_c2(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c2")


@pytest.fixture
def cosponsored(meeting, delegate_a, org_b, org_c):
    """A submitted contribution of A, co-sponsored by B and C."""
    return make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=SUBMITTED,
        title="Joint proposal",
        cosponsors=[org_b, org_c],
    )


@pytest.fixture
def cosponsored_by_c(meeting, delegate_a, org_c):
    """A submitted contribution of A, co-sponsored by C alone."""
    return make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=SUBMITTED,
        title="Joint proposal",
        cosponsors=[org_c],
    )


def source_of(contribution, organization):
    return Source.objects.get(contribution=contribution, organization=organization)


def states(contribution):
    return list(
        contribution.sources.order_by("order").values_list("organization__name", "confirmation")
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Asking ------------------------------------------------------------------------------


def test_named_co_sponsors_are_pending_and_asked_only_at_submission(
    meeting, delegate_a, delegate_b, delegate_c, delegate_c2, org_b, org_c, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b, org_c])
    assert states(draft) == [
        ("Member State A", CONFIRMED),
        ("Member State B", PENDING),
        ("Member State C", PENDING),
    ]
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=draft, by=delegate_a)

    requests = [message for message in mailoutbox if "co-sponsor" in message.subject]
    assert [message.to for message in requests] == [
        ["delegate-b@example.org"],
        ["delegate-c2@example.org"],
        ["delegate-c@example.org"],
    ]
    assert (
        requests[0].subject == "Member State A asks you to co-sponsor: Proposal for the work plan"
    )


def test_a_resubmission_asks_only_those_still_pending(
    cosponsored, delegate_a, delegate_b, delegate_c, secretariat, org_b, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    services.confirm_cosponsorship(source=source_of(cosponsored, org_b), by=delegate_b)
    services.return_for_changes(contribution=cosponsored, by=secretariat, reason="Template.")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=cosponsored, by=delegate_a)

    requests = [message.to for message in mailoutbox if "co-sponsor" in message.subject]
    assert requests == [["delegate-c@example.org"]]


# --- Answering ---------------------------------------------------------------------------


def test_confirm_records_who_and_when_and_tells_the_submitters_delegates(
    cosponsored, delegate_c, org_c, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = services.confirm_cosponsorship(
            source=source_of(cosponsored, org_c), by=delegate_c
        )

    source.refresh_from_db()
    assert (source.confirmation, source.confirmed_by, source.override_reason) == (
        CONFIRMED,
        delegate_c,
        "",
    )
    assert source.confirmed_at is not None
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]]
    assert mailoutbox[0].subject == "Member State C co-sponsors: Joint proposal"


def test_decline_drops_the_organization_and_publication_goes_ahead(
    cosponsored, delegate_b, delegate_c, org_b, org_c, secretariat, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    services.confirm_cosponsorship(source=source_of(cosponsored, org_b), by=delegate_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_cosponsorship(source=source_of(cosponsored, org_c), by=delegate_c)
    assert mailoutbox[0].subject == "Member State C declines to co-sponsor: Joint proposal"

    published = services.publish_contribution(contribution=cosponsored, by=secretariat)

    assert published.status == ContributionStatus.PUBLISHED
    assert states(published)[2] == ("Member State C", DECLINED)
    fresh = Contribution.objects.with_register_data().get(pk=published.pk)
    assert [str(organization) for organization in fresh.public_sources] == [
        "Member State A",
        "Member State B",
    ]


@pytest.mark.parametrize("answer", ["confirm", "decline"])
def test_only_a_delegate_of_the_co_sponsor_answers(
    cosponsored, org_c, delegate_a, delegate_b, officer, secretariat, answer
):
    service = getattr(services, f"{answer}_cosponsorship")
    source = source_of(cosponsored, org_c)
    for user in [delegate_a, delegate_b, officer, secretariat]:
        message = "Only a delegate of Member State C can answer for it."
        with refused(PermissionDenied, message, source, cosponsored):
            service(source=source, by=user)
    assert source_of(cosponsored, org_c).confirmation == PENDING


def test_a_membership_that_ended_cannot_answer(cosponsored, org_c, delegate_c):
    delegate_c.memberships.update(end_date="2000-01-01")
    delegate_c = type(delegate_c).objects.get(pk=delegate_c.pk)
    source = source_of(cosponsored, org_c)
    message = "Only a delegate of Member State C can answer for it."
    with refused(PermissionDenied, message, source, cosponsored):
        services.confirm_cosponsorship(source=source, by=delegate_c)
    assert source_of(cosponsored, org_c).confirmation == PENDING


def test_an_answer_is_given_once(cosponsored, org_c, delegate_c, delegate_c2):
    services.decline_cosponsorship(source=source_of(cosponsored, org_c), by=delegate_c)
    source = source_of(cosponsored, org_c)
    message = "Member State C has already answered, or the document is closed."
    with refused(ValidationError, message, source, cosponsored):
        services.confirm_cosponsorship(source=source, by=delegate_c2)
    source = source_of(cosponsored, org_c)
    assert (source.confirmation, source.confirmed_by) == (DECLINED, delegate_c)


def test_no_answer_on_a_withdrawn_document(cosponsored, delegate_a, org_c, delegate_c):
    services.withdraw_contribution(contribution=cosponsored, by=delegate_a)
    source = source_of(cosponsored, org_c)
    message = "Member State C has already answered, or the document is closed."
    with refused(ValidationError, message, source, cosponsored):
        services.confirm_cosponsorship(source=source, by=delegate_c)
    assert source_of(cosponsored, org_c).confirmation == PENDING


def test_the_submitters_own_source_is_not_a_co_sponsorship(cosponsored, org_a, delegate_a):
    source = source_of(cosponsored, org_a)
    message = "Only a delegate of Member State A can answer for it."
    with refused(PermissionDenied, message, source, cosponsored):
        services.decline_cosponsorship(source=source, by=delegate_a)


# --- The secretariat's override and publication -------------------------------------------


def test_publication_is_refused_while_a_co_sponsor_is_pending(
    cosponsored, org_b, delegate_b, secretariat
):
    waiting = (
        "must first confirm co-sponsorship (or the secretariat record a confirmation with its "
        "reason)."
    )
    with refused(ValidationError, waiting, cosponsored) as error:
        services.publish_contribution(contribution=cosponsored, by=secretariat)
    assert error.value.messages == [f"Not published: Member State B, Member State C {waiting}"]

    services.confirm_cosponsorship(source=source_of(cosponsored, org_b), by=delegate_b)
    with refused(ValidationError, waiting, cosponsored) as error:
        services.publish_contribution(contribution=cosponsored, by=secretariat)
    assert error.value.messages == [f"Not published: Member State C {waiting}"]

    cosponsored.refresh_from_db()
    assert (cosponsored.status, cosponsored.number) == (SUBMITTED, None)
    assert cosponsored.status_changes.count() == 1


def test_override_is_recorded_with_its_reason_and_lets_publication_through(
    cosponsored, org_b, org_c, delegate_c, secretariat, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    services.decline_cosponsorship(source=source_of(cosponsored, org_c), by=delegate_c)
    with django_capture_on_commit_callbacks(execute=True):
        for organization in (org_b, org_c):
            services.override_cosponsorship(
                source=source_of(cosponsored, organization),
                by=secretariat,
                reason="  Letter of 3 May from the Ministry.  ",
            )

    for organization in (org_b, org_c):
        source = source_of(cosponsored, organization)
        assert (source.confirmation, source.confirmed_by, source.override_reason) == (
            CONFIRMED,
            secretariat,
            "Letter of 3 May from the Ministry.",
        )
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]] * 2
    published = services.publish_contribution(contribution=cosponsored, by=secretariat)
    assert published.number == 1


def test_override_needs_the_secretariat_and_a_reason(
    cosponsored, org_b, delegate_a, delegate_b, officer, secretariat
):
    source = source_of(cosponsored, org_b)
    for user in [delegate_a, delegate_b, officer]:
        message = "Only the secretariat can confirm for an organization."
        with refused(PermissionDenied, message, source, cosponsored):
            services.override_cosponsorship(source=source, by=user, reason="By letter.")
    message = "Say why the secretariat confirms for the organization."
    with refused(ValidationError, message, source, cosponsored):
        services.override_cosponsorship(source=source, by=secretariat, reason=" ")
    assert source_of(cosponsored, org_b).confirmation == PENDING
    services.override_cosponsorship(source=source, by=secretariat, reason="By letter.")
    message = "Member State B has already confirmed, or the document is closed."
    with refused(ValidationError, message, source, cosponsored):
        services.override_cosponsorship(source=source, by=secretariat, reason="Again.")
    assert source_of(cosponsored, org_b).override_reason == "By letter."


# --- Rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        # anonymous, submitter, co-sponsor, other delegate, officer, secretariat
        (DRAFT, [False, False, True, False, False, False]),
        (SUBMITTED, [False, False, True, False, False, False]),
        (ContributionStatus.WITHDRAWN, [False, False, False, False, False, False]),
    ],
)
def test_who_may_answer(
    meeting, roles, delegate_a, delegate_c, org_c, status, expected
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=status, cosponsors=[org_c]
    )
    users = [
        AnonymousUser(),
        delegate_a,
        delegate_c,
        roles["delegate_b"],
        roles["officer"],
        roles["secretariat"],
    ]
    source = source_of(contribution, org_c)
    assert [rules.can_answer_cosponsorship(user, source) for user in users] == expected


def test_co_sponsors_delegates_read_the_document_in_every_status(
    client, meeting, delegate_a, delegate_c, org_c
):
    client.force_login(delegate_c)
    for status in [DRAFT, SUBMITTED]:
        contribution = make_contribution(
            meeting=meeting, delegate=delegate_a, status=status, cosponsors=[org_c]
        )
        assert contribution_policy.visible_to(delegate_c).filter(pk=contribution.pk).exists()
        response = client.get(reverse("contributions:member_detail", args=[contribution.pk]))
        assert response.status_code == 200


# --- Views ---------------------------------------------------------------------------------


def answer_url(contribution, organization):
    return reverse("contributions:cosponsorship_answer", args=[contribution.pk, organization.pk])


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("anonymous", "login"),
        ("delegate_a", "refused"),
        ("delegate_b", "404"),
        ("delegate_c", "confirmed"),
        ("officer", "refused"),
        ("secretariat", "refused"),
    ],
)
def test_answer_view_per_role(client, roles, cosponsored_by_c, org_c, delegate_c, role, outcome):
    cosponsored = cosponsored_by_c
    users = {**roles, "delegate_c": delegate_c}
    url = answer_url(cosponsored, org_c)
    if users[role] is not None:
        client.force_login(users[role])

    response = client.post(url, {"answer": "confirm"}, follow=outcome != "login")

    detail = reverse("contributions:member_detail", args=[cosponsored.pk])
    if outcome == "login":
        assert response.url == f"{reverse('login')}?next={url}"
    elif outcome == "404":
        assert response.status_code == 404
    elif outcome == "refused":
        assert response.redirect_chain == [(detail, 302)]
        assert messages_of(response) == ["Only a delegate of Member State C can answer for it."]
    else:
        assert response.redirect_chain == [(detail, 302)]
        assert messages_of(response) == ["Member State C co-sponsors “Joint proposal”."]
    expected = CONFIRMED if outcome == "confirmed" else PENDING
    assert source_of(cosponsored, org_c).confirmation == expected


def test_answer_view_declines_and_returns_to_my_documents(client, cosponsored, org_c, delegate_c):
    client.force_login(delegate_c)
    mine = reverse("contributions:mine")

    response = client.post(
        answer_url(cosponsored, org_c), {"answer": "decline", "next": mine}, follow=True
    )

    assert response.redirect_chain == [(mine, 302)]
    assert messages_of(response) == ["Member State C declined to co-sponsor “Joint proposal”."]
    assert source_of(cosponsored, org_c).confirmation == DECLINED
    assert response.context["cosponsorship_requests"].count() == 0


def test_answer_view_ignores_a_next_on_another_site_and_an_unknown_answer(
    client, cosponsored, org_c, delegate_c
):
    client.force_login(delegate_c)

    response = client.post(
        answer_url(cosponsored, org_c), {"answer": "maybe", "next": "https://evil.example/"}
    )

    assert response.url == reverse("contributions:member_detail", args=[cosponsored.pk])
    assert source_of(cosponsored, org_c).confirmation == PENDING
    followed = client.get(response.url)
    assert messages_of(followed) == ["Choose to confirm or to decline."]


def test_answer_view_answers_get_with_405_and_a_non_source_with_404(
    client, cosponsored, org_c, delegate_c
):
    client.force_login(delegate_c)
    assert client.get(answer_url(cosponsored, org_c)).status_code == 405
    stranger = factories.OrganizationFactory(name="Member State D")
    assert client.post(answer_url(cosponsored, stranger), {"answer": "confirm"}).status_code == 404


def test_my_documents_lists_the_requests_with_their_buttons(
    client, cosponsored, meeting, delegate_a, delegate_c, org_c
):
    # A document C submits itself is not a request, nor one C has answered.
    answered = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_c])
    services.confirm_cosponsorship(source=source_of(answered, org_c), by=delegate_c)
    make_contribution(meeting=meeting, delegate=delegate_c, title="C's own")
    client.force_login(delegate_c)

    response = client.get(reverse("contributions:mine"))

    assert [source.contribution for source in response.context["cosponsorship_requests"]] == [
        cosponsored
    ]
    content = response.content.decode()
    assert '<h2 id="cosponsorship-requests">Co-sponsorship requests</h2>' in content
    assert f'action="{answer_url(cosponsored, org_c)}"' in content
    assert '<button type="submit" name="answer" value="confirm">Confirm' in content
    assert 'name="answer" value="decline" class="secondary">Decline' in content
    assert '<input type="hidden" name="next" value="/my/documents/">' in content


def test_my_documents_has_no_requests_section_for_others(client, cosponsored_by_c, roles):
    for role in ["delegate_a", "delegate_b", "officer", "secretariat"]:
        client.force_login(roles[role])
        response = client.get(reverse("contributions:mine"))
        assert list(response.context["cosponsorship_requests"]) == []
        assert "Co-sponsorship requests" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_my_documents_query_count_with_requests_does_not_grow(
    client, meeting, delegate_a, delegate_c, org_c, django_assert_num_queries, rows
):
    for number in range(rows):
        make_contribution(
            meeting=meeting,
            delegate=delegate_a,
            cosponsors=[org_c],
            status=SUBMITTED,
            title=f"Doc {number}",
        )
    client.force_login(delegate_c)

    # session, user, memberships, secretariat group, officer roles, co-sponsorship
    # requests and their documents' sources, open meetings, the header's group, a page of
    # the documents (not counted), their sources
    with django_assert_num_queries(11):
        response = client.get(reverse("contributions:mine"))

    assert len(response.context["cosponsorship_requests"]) == rows
    assert len(response.context["documents"]) == rows


def test_member_page_shows_each_source_with_its_state_and_the_answer_buttons(
    client, cosponsored, org_b, org_c, delegate_b, delegate_c, secretariat
):
    services.confirm_cosponsorship(source=source_of(cosponsored, org_b), by=delegate_b)
    url = reverse("contributions:member_detail", args=[cosponsored.pk])

    client.force_login(delegate_c)
    content = client.get(url).content.decode()

    assert "Member State A\n          (submitter)" in content
    assert (
        f'(co-sponsor: <span class="confirmation-confirmed">confirmed</span>, by '
        f"{delegate_b.get_full_name()} on" in content
    )
    assert '(co-sponsor: <span class="confirmation-pending">pending</span>)' in content
    assert f'action="{answer_url(cosponsored, org_c)}"' in content
    assert "Confirm that Member State C co-sponsors" in content

    services.override_cosponsorship(
        source=source_of(cosponsored, org_c), by=secretariat, reason="Letter of 3 May."
    )
    client.force_login(secretariat)
    content = client.get(url).content.decode()
    assert "recorded by the secretariat on" in content
    assert "Reason: Letter of 3 May." in content
    # The secretariat does not answer for an organization here: it overrides in the admin.
    assert answer_url(cosponsored, org_c) not in content
