import datetime

import pytest
from django.urls import reverse

from meetings.enums import MeetingStatus, OfficerRole, RegistrationRole
from meetings.models import ExpertGroup, Meeting
from tests import factories


@pytest.fixture
def pages(meeting):
    agenda_item = factories.AgendaItemFactory(meeting=meeting)
    return [
        reverse("admin:meetings_expertgroup_changelist"),
        reverse("admin:meetings_expertgroup_change", args=[meeting.group.pk]),
        reverse("admin:meetings_expertgroup_add"),
        reverse("admin:meetings_expertgroup_history", args=[meeting.group.pk]),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        reverse("admin:meetings_meeting_add"),
        reverse("admin:meetings_agendaitem_changelist"),
        reverse("admin:meetings_agendaitem_change", args=[agenda_item.pk]),
    ]


def test_secretariat_opens_the_meetings_admin(client, secretariat, pages):
    client.force_login(secretariat)

    assert [client.get(url).status_code for url in pages] == [200] * len(pages)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, pages, role):
    if roles[role]:
        client.force_login(roles[role])

    responses = [client.get(url) for url in pages]

    assert [response["Location"] for response in responses] == [
        f"{reverse('admin:login')}?next={url}" for url in pages
    ]


def test_meeting_changelist_lists_title_dates_city_status_deadline(client, secretariat, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        contribution_deadline=datetime.datetime(2024, 1, 4, 22, 59, tzinfo=datetime.UTC)
    )
    client.force_login(secretariat)

    response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "meeting_title",
        "start_date",
        "end_date",
        "city",
        "status",
        "deadline_display",
    ]
    assert f"EG-ITRs meeting {meeting.ordinal}" in response.text
    assert "Geneva" in response.text
    # The deadline as the meeting reads it, in its own time zone.
    assert '<td class="field-deadline_display">4 January 2024, 23:59 CET</td>' in response.text


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_changelist_query_count(
    client, secretariat, group, django_assert_num_queries, rows
):
    other_group = factories.ExpertGroupFactory(acronym="EG-X")
    for n in range(rows):
        factories.MeetingFactory(group=group if n % 2 else other_group)
    client.force_login(secretariat)

    # (One loads the authenticator that passed the second step of the sign-in.)
    with django_assert_num_queries(11):
        response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert response.context["cl"].result_count == rows


def test_meeting_changelist_filters_by_status(client, secretariat, group):
    open_meeting = factories.MeetingFactory(group=group, status=MeetingStatus.OPEN)
    factories.MeetingFactory(group=group, status=MeetingStatus.HELD)
    client.force_login(secretariat)

    response = client.get(reverse("admin:meetings_meeting_changelist"), {"status__exact": "open"})

    assert list(response.context["cl"].result_list) == [open_meeting]


def test_group_is_created_with_terms_of_reference_and_officers(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:meetings_expertgroup_add"),
        {
            "acronym": "CWG-WSIS",
            "name": "Council Working Group on WSIS",
            "slug": "cwg-wsis",
            "parent_body": "ITU Council",
            "default_access": "public",
            "terms_of_reference-TOTAL_FORMS": "1",
            "terms_of_reference-INITIAL_FORMS": "0",
            "terms_of_reference-0-order": "1",
            "terms_of_reference-0-text": "Review the implementation.",
            "officers-TOTAL_FORMS": "1",
            "officers-INITIAL_FORMS": "0",
            "officers-0-order": "0",
            "officers-0-name": "Chair of the CWG-WSIS",
            "officers-0-role": OfficerRole.CHAIR,
        },
    )

    assert response.status_code == 302
    group = ExpertGroup.objects.get(acronym="CWG-WSIS")
    assert [term.text for term in group.terms_of_reference.all()] == ["Review the implementation."]
    assert [officer.name for officer in group.officers.all()] == ["Chair of the CWG-WSIS"]
    assert group.history.count() == 1


def test_meeting_page_edits_agenda_and_participants(client, secretariat, meeting, org_a):
    client.force_login(secretariat)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = client.get(url)
    data = {
        "group": meeting.group.pk,
        "ordinal": meeting.ordinal,
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "venue": meeting.venue,
        "city": meeting.city,
        "country": meeting.country,
        "format": meeting.format,
        "time_zone": meeting.time_zone,
        "contribution_deadline_0": "2030-01-01",
        "contribution_deadline_1": "23:59:00",
        "status": meeting.status,
        "agenda_items-TOTAL_FORMS": "1",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-0-order": "1",
        "agenda_items-0-number": "1",
        "agenda_items-0-title": "Opening of the meeting",
        "agenda_items-0-kind": "opening",
        "registrations-TOTAL_FORMS": "1",
        "registrations-INITIAL_FORMS": "0",
        "registrations-0-name": "A. Delegate",
        "registrations-0-organization": org_a.pk,
        "registrations-0-role": RegistrationRole.HEAD,
    }

    assert response.status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302
    assert [str(item) for item in meeting.agenda_items.all()] == ["1. Opening of the meeting"]
    assert [str(r) for r in meeting.registrations.all()] == ["A. Delegate (Member State A)"]


def test_a_meeting_and_its_agenda_added_in_the_admin_go_through_the_services(
    client, secretariat, group
):
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:meetings_meeting_add"),
        {
            "group": group.pk,
            "ordinal": 7,
            "start_date": "2027-03-02",
            "end_date": "2027-03-03",
            "venue": "",
            "city": "Geneva",
            "country": "Switzerland",
            "format": "hybrid",
            "time_zone": "Europe/Zurich",
            "agenda_items-TOTAL_FORMS": "2",
            "agenda_items-INITIAL_FORMS": "0",
            "agenda_items-0-order": "1",
            "agenda_items-0-number": "1",
            "agenda_items-0-title": "Opening",
            "agenda_items-0-kind": "opening",
            "agenda_items-1-order": "2",
            "agenda_items-1-number": "2",
            "agenda_items-1-title": "Adoption of the agenda",
            "agenda_items-1-kind": "agenda",
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get(ordinal=7)
    assert (meeting.status, meeting.history.get().history_user) == (
        MeetingStatus.PLANNED,
        secretariat,
    )
    assert [
        (item.number, item.title, item.kind, item.history.get().history_user)
        for item in meeting.agenda_items.all()
    ] == [
        ("1", "Opening", "opening", secretariat),
        ("2", "Adoption of the agenda", "agenda", secretariat),
    ]
