import datetime

import pytest
from django.urls import reverse

from meetings.enums import MeetingStatus, OfficerRole
from meetings.models import Officer, TermOfReference
from tests import factories
from tests.roles import ROLES, get_as


def group_url(group):
    return reverse("meetings:group_detail", args=[group.slug])


# group_detail --------------------------------------------------------------------------


@pytest.fixture
def described_group(group, org_a):
    group.parent_body = "ITU Council"
    group.mandate = "The group was convened by the Plenipotentiary Conference."
    group.terms_of_reference_intro = "The group shall:"
    group.save()
    TermOfReference.objects.create(group=group, text="Review the ITRs.", order=2)
    TermOfReference.objects.create(group=group, text="Report to Council.", order=3)
    TermOfReference.objects.create(group=group, text="Elect a chair.", order=1)
    Officer.objects.create(
        group=group, name="Mr A. Chair", role=OfficerRole.CHAIR, organization=org_a, order=1
    )
    Officer.objects.create(group=group, name="Ms B. Vice", role=OfficerRole.VICE_CHAIR, order=2)
    Officer.objects.create(
        group=group,
        name="Former Chair",
        role=OfficerRole.CHAIR,
        end_date=datetime.date(2020, 1, 1),
    )
    return group


@pytest.mark.parametrize("role", ROLES)
def test_group_page_shows_mandate_terms_officers_and_meetings(
    client, roles, described_group, role
):
    first = factories.MeetingFactory(
        group=described_group,
        start_date=datetime.date(2023, 10, 16),
        end_date=datetime.date(2023, 10, 16),
        city="Geneva",
        status=MeetingStatus.HELD,
    )
    second = factories.MeetingFactory(
        group=described_group,
        start_date=datetime.date(2024, 1, 29),
        end_date=datetime.date(2024, 1, 30),
        city="Geneva",
        status=MeetingStatus.HELD,
    )

    response = get_as(client, roles[role], group_url(described_group))

    assert response.status_code == 200
    assert response.context["group"] == described_group
    assert [t.text for t in response.context["terms_of_reference"]] == [
        "Elect a chair.",
        "Review the ITRs.",
        "Report to Council.",
    ]
    # "Chair" is the `officer` fixture's office.
    assert [o.name for o in response.context["officers"]] == [
        "Chair",
        "Mr A. Chair",
        "Ms B. Vice",
    ]
    assert list(response.context["meetings"]) == [second, first]
    html = response.content.decode()
    assert (
        "<h1>Expert Group on the International Telecommunication Regulations "
        '<span class="muted">(EG-ITRs)</span></h1>' in html
    )
    assert "<dd>ITU Council</dd>" in html
    assert "<li>Resolution 146 (Rev. Bucharest, 2022)</li>" in html
    assert "<li>Council Resolution 1379 (Mod. 2023)</li>" in html
    assert "<p>The group was convened by the Plenipotentiary Conference.</p>" in html
    assert "<p>The group shall:</p>" in html
    assert (
        "<td>Mr A. Chair</td>\n          <td>Chair</td>\n          <td>Member State A</td>" in html
    )
    assert "Former Chair" not in html
    assert f'<a href="{first.get_absolute_url()}">{first.title}</a>' in html
    assert '<time datetime="2023-10-16">Oct. 16, 2023</time></td>' in html
    assert "Jan. 29, 2024</time> – <time" in html
    assert "Held" in html
    assert '<span aria-current="page">EG-ITRs</span>' in html


def test_group_page_without_meetings_or_officers(client, group):
    html = client.get(group_url(group)).content.decode()

    assert "No meetings yet." in html
    assert "No officers have been announced." in html


def test_unknown_group_is_404(client, db):
    assert (
        client.get(group_url(factories.ExpertGroupFactory.build(slug="nope"))).status_code == 404
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_group_page_query_count(client, django_assert_num_queries, described_group, rows):
    for _ in range(rows):
        factories.MeetingFactory(group=described_group)

    # group, terms of reference, officers (with organization), meetings
    with django_assert_num_queries(4):
        response = client.get(group_url(described_group))

    assert len(response.context["meetings"]) == rows
