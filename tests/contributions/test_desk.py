"""The secretariat's desk: what needs the secretariat now, each with its age and a link."""

import datetime

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionStatus
from contributions.models import Contribution, Translation
from proceedings.services import approve_report, start_meeting_report
from tests import factories
from tests.factories import make_contribution
from tests.proceedings.conftest import make_decision

SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
DESK = reverse("contributions:desk")


@pytest.fixture
def late_meeting(group):
    return factories.MeetingFactory(
        group=group, contribution_deadline=timezone.now() - datetime.timedelta(days=1)
    )


def _age(contribution, *, days):
    """As if submitted `days` ago: the desk counts the wait from the submission."""
    submitted_at = timezone.now() - datetime.timedelta(days=days, minutes=5)
    Contribution.objects.filter(pk=contribution.pk).update(submitted_at=submitted_at)


def _titles(rows):
    return [row.title for row in rows]


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_only_the_secretariat_has_a_desk(client, roles, role, meeting, delegate_a):
    make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    if roles[role]:
        client.force_login(roles[role])

    response = client.get(DESK)

    if role == "anonymous":
        assert response["Location"] == redirect_to_login(DESK).url
    else:
        assert response.status_code == 403
        assert "Proposal for the work plan" not in response.text


def test_staff_outside_the_secretariat_has_no_desk(client, db):
    client.force_login(factories.UserFactory(username="other-staff", is_staff=True))

    assert client.get(DESK).status_code == 403


def test_empty_desk_says_so(client, secretariat, meeting, delegate_a):
    make_contribution(meeting=meeting, delegate=delegate_a, title="Still a draft")
    client.force_login(secretariat)

    response = client.get(DESK)

    assert [
        len(response.context[name]["rows"])
        for name in ["to_publish", "late", "cosponsors", "translations"]
    ] == [0, 0, 0, 0]
    for text in [
        "No submission is waiting to be published.",
        "No late contribution is waiting for a decision.",
        "No co-sponsor has an answer pending.",
        "No translation is awaited.",
    ]:
        assert text in response.text


def test_submissions_to_publish_oldest_first_without_pending_cosponsors(
    client, secretariat, meeting, delegate_a, delegate_b, org_b
):
    newer = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="New")
    older = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="Old")
    confirmed = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="Both", cosponsors=[org_b]
    )
    services.confirm_cosponsorship(source=confirmed.sources.get(order=1), by=delegate_b)
    make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="Waits", cosponsors=[org_b]
    )
    make_contribution(meeting=meeting, delegate=delegate_a, status=PUBLISHED, title="Done")
    _age(older, days=3)
    _age(confirmed, days=2)
    _age(newer, days=1)
    client.force_login(secretariat)

    response = client.get(DESK)

    rows = response.context["to_publish"]["rows"]
    assert _titles(rows) == ["Old", "Both", "New"]
    assert [row.age for row in rows] == ["3\xa0days", "2\xa0days", "1\xa0day"]
    change_url = reverse("admin:contributions_contribution_change", args=[older.pk])
    assert f'<a href="{change_url}">Publish<span class="visually-hidden"> Old</span></a>' in (
        response.text
    )
    assert "Member State A; Member State B" in response.text
    assert 'Submissions to publish <span class="badge">3</span>' in response.text


def test_late_contributions_to_decide(client, secretariat, late_meeting, meeting, delegate_a):
    undecided = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title="Undecided"
    )
    published = make_contribution(
        meeting=late_meeting,
        delegate=delegate_a,
        status=PUBLISHED,
        secretariat=secretariat,
        title="Published late",
    )
    decided = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title="Decided"
    )
    services.decide_late_contribution(
        contribution=decided, by=secretariat, accepted=True, reason="Fine."
    )
    make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="On time")
    _age(published, days=5)
    client.force_login(secretariat)

    response = client.get(DESK)

    assert _titles(response.context["late"]["rows"]) == ["Published late", "Undecided"]
    decide_url = reverse("admin:contributions_contribution_late_decision", args=[undecided.pk])
    assert f'<a href="{decide_url}">Decide' in response.text
    assert f"EG-ITRs {late_meeting.ordinal}/1: Published late" in response.text


def test_cosponsor_confirmations_pending(
    client, secretariat, meeting, delegate_a, delegate_b, org_b, org_c
):
    awaited = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=SUBMITTED,
        title="Awaited",
        cosponsors=[org_b, org_c],
    )
    services.confirm_cosponsorship(source=awaited.sources.get(organization=org_b), by=delegate_b)
    make_contribution(meeting=meeting, delegate=delegate_a, title="Draft", cosponsors=[org_b])
    client.force_login(secretariat)

    response = client.get(DESK)

    rows = response.context["cosponsors"]["rows"]
    assert [(row.contribution.title, row.organization.name) for row in rows] == [
        ("Awaited", "Member State C")
    ]
    override_url = reverse(
        "admin:contributions_contribution_source_override", args=[awaited.pk, rows[0].pk]
    )
    assert f'<a href="{override_url}">Confirm for the organization' in response.text
    assert _titles(response.context["to_publish"]["rows"]) == []


def test_translations_requested_or_in_translation(client, secretariat, meeting, delegate_a):
    submitted = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    services.request_translations(
        contribution=submitted, languages=["fr", "es", "ru"], by=secretariat
    )
    services.start_translation(contribution=submitted, language="es", by=secretariat)
    services.post_translation(
        contribution=submitted, language="ru", upload=factories.docx_upload(), by=secretariat
    )
    Translation.objects.filter(language="es").update(
        requested_at=timezone.now() - datetime.timedelta(days=4)
    )
    client.force_login(secretariat)

    response = client.get(DESK)

    rows = response.context["translations"]["rows"]
    assert [(row.language, row.get_status_display(), row.age) for row in rows] == [
        ("es", "In translation", "4\xa0days"),
        ("fr", "Requested", "0\xa0minutes"),
    ]
    post_url = reverse("admin:contributions_contribution_translation_post", args=[submitted.pk])
    assert f'<a href="{post_url}?language=fr">Post the translation' in response.text


@pytest.mark.parametrize("rows", [1, 3])
def test_desk_query_count(
    client,
    secretariat,
    late_meeting,
    delegate_a,
    org_b,
    django_assert_num_queries,
    rows,
):
    for n in range(rows):
        late = make_contribution(
            meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title=f"Late {n}"
        )
        services.request_translations(contribution=late, languages=["fr"], by=secretariat)
        make_contribution(
            meeting=late_meeting,
            delegate=delegate_a,
            status=SUBMITTED,
            title=f"Co-sponsored {n}",
            cosponsors=[org_b],
        )
        start_meeting_report(meeting=late_meeting, by=secretariat, title=f"Report {n}")
    client.force_login(secretariat)

    # Session, user, the authenticator that passed the second step, Secretariat check;
    # two sections with their sources; co-sponsors; the reports waiting; translations;
    # the group of the site's navigation.
    with django_assert_num_queries(12):
        response = client.get(DESK)

    assert [
        len(response.context[name]["rows"])
        for name in ["to_publish", "late", "cosponsors", "translations"]
    ] == [rows, 2 * rows, rows, rows]


def test_reports_waiting_for_approval_or_publication_with_their_actions(
    client, secretariat, group
):
    meeting = factories.MeetingFactory(group=group, status="held")
    draft = start_meeting_report(meeting=meeting, by=secretariat, title="Report of meeting 1")
    approved = start_meeting_report(
        meeting=factories.MeetingFactory(group=group, status="held"),
        by=secretariat,
        title="Report of meeting 2",
    )
    approve_report(report=approved, decision=make_decision(approved.meeting), by=secretariat)
    client.force_login(secretariat)

    response = client.get(DESK)

    html = response.content.decode()
    approve = reverse("admin:proceedings_report_approve", args=[draft.pk])
    publish = reverse("admin:proceedings_report_publish", args=[approved.pk])
    assert f'<a href="{draft.get_absolute_url()}">Report of meeting 1</a>' in html
    assert f'<a href="{approve}">Approve<span class="visually-hidden"> Report of meeting 1' in html
    assert f'<a href="{publish}">Publish<span class="visually-hidden"> Report of meeting 2' in html
    assert "No report is waiting for approval or publication." not in html


def test_no_report_waiting_says_so(client, secretariat, db):
    client.force_login(secretariat)

    assert "No report is waiting for approval or publication." in client.get(DESK).text


def test_the_titles_on_the_desk_lead_to_the_documents(client, secretariat, meeting, delegate_a):
    submitted = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    client.force_login(secretariat)

    html = client.get(DESK).content.decode()

    assert f'<a href="{submitted.get_absolute_url()}">{submitted.title}</a>' in html


def test_a_late_contribution_not_accepted_is_not_offered_for_publication(
    client, secretariat, late_meeting, delegate_a
):
    refused = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title="Too late"
    )
    accepted = make_contribution(
        meeting=late_meeting, delegate=delegate_a, status=SUBMITTED, title="Late, accepted"
    )
    services.decide_late_contribution(
        contribution=refused, by=secretariat, accepted=False, reason="After the meeting."
    )
    services.decide_late_contribution(
        contribution=accepted, by=secretariat, accepted=True, reason="Chair's call."
    )
    client.force_login(secretariat)

    response = client.get(DESK)

    assert _titles(response.context["to_publish"]["rows"]) == ["Late, accepted"]


def test_a_section_shows_the_longest_waiting_and_counts_them_all(
    client, secretariat, meeting, delegate_a, monkeypatch, django_assert_num_queries
):
    for n in range(3):
        make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED, title=f"D{n}")
    client.force_login(secretariat)
    monkeypatch.setattr("contributions.views.desk.DESK_ROWS", 4)
    with django_assert_num_queries(11):
        client.get(DESK)

    # One more when a section is full: its count.
    monkeypatch.setattr("contributions.views.desk.DESK_ROWS", 2)
    with django_assert_num_queries(12):
        response = client.get(DESK)

    assert _titles(response.context["to_publish"]["rows"]) == ["D0", "D1"]
    assert response.context["to_publish"]["count"] == 3
    assert 'Submissions to publish <span class="badge">3</span>' in response.text
    assert "The 2 waiting longest of 3." in response.text

    # A backlog is counted no further than DESK_COUNTED.
    monkeypatch.setattr("contributions.views.desk.DESK_COUNTED", 2)
    response = client.get(DESK)
    assert response.context["to_publish"]["count"] == 2
    assert response.context["to_publish"]["more"] is True
    assert 'Submissions to publish <span class="badge">2+</span>' in response.text
    assert "The 2 waiting longest of more than 2." in response.text
