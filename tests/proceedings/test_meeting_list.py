"""The list of a group's meetings, with how many documents of each the user may read."""

import datetime

import pytest
from django.urls import reverse

from contributions.enums import ContributionStatus
from meetings.enums import MeetingFormat, MeetingStatus
from tests import factories
from tests.factories import make_contribution
from tests.roles import get_as


def list_url(group):
    return reverse("proceedings:meeting_list", args=[group.slug])


def test_unknown_group_is_404(client, db):
    assert client.get(reverse("proceedings:meeting_list", args=["nope"])).status_code == 404


# meeting_list --------------------------------------------------------------------------


@pytest.fixture
def register(meeting, author, secretariat):
    """One published document per access level, and documents outside the register."""
    for level in ["public", "members", "secretariat"]:
        make_contribution(
            meeting=meeting,
            delegate=author,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            access_level=level,
        )
    make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.WITHDRAWN,
        secretariat=secretariat,
    )
    make_contribution(meeting=meeting, delegate=author, status=ContributionStatus.SUBMITTED)
    make_contribution(meeting=meeting, delegate=author)
    return meeting


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        # public and withdrawn (which was public); members once logged in; the rest never.
        ("anonymous", 2),
        ("delegate_a", 3),
        ("delegate_b", 3),
        ("officer", 3),
        ("secretariat", 4),
    ],
)
def test_meeting_list_counts_the_registered_documents_the_user_may_read(
    client, roles, group, register, role, expected
):
    empty = factories.MeetingFactory(
        group=group,
        start_date=datetime.date(2023, 10, 16),
        end_date=datetime.date(2023, 10, 16),
        venue="",
        city="",
        format=MeetingFormat.VIRTUAL,
        status=MeetingStatus.HELD,
    )

    response = get_as(client, roles[role], list_url(group))

    assert [(m, m.document_count) for m in response.context["meetings"]] == [
        (register, expected),
        (empty, 0),
    ]
    html = response.content.decode()
    assert f'<td class="document-count">{expected}</td>' in html
    assert "<td>ITU Headquarters, Geneva</td>" in html
    assert "<td>In person</td>" in html
    assert "<td>Virtual</td>" in html
    assert "Open for contributions" in html
    assert '<td><time datetime="2023-10-16">Oct. 16, 2023</time></td>' in html


def test_meeting_list_empty(client, group):
    assert "No meetings yet." in client.get(list_url(group)).content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_list_query_count(
    client, django_assert_num_queries, group, author, secretariat, delegate_a, rows
):
    for _ in range(rows):
        meeting = factories.MeetingFactory(group=group)
        make_contribution(
            meeting=meeting,
            delegate=author,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
        )
    client.force_login(delegate_a)

    # session, user, group, secretariat?, organizations, officer groups, meetings
    with django_assert_num_queries(7):
        response = client.get(list_url(group))

    assert [m.document_count for m in response.context["meetings"]] == [1] * rows
