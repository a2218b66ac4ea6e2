import pytest
from django.urls import reverse

from tests import factories
from tests.roles import ROLES


def get(client, user):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("home"))


def test_home_without_groups_is_a_friendly_empty_page(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "No expert group has been set up yet." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_home_of_a_one_group_installation_is_the_group_page(client, roles, group, role):
    response = get(client, roles[role])

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "meetings/group_detail.html"
    assert response.context["group"] == group
    assert f"<h1>{group.name} " in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_home_of_several_groups_lists_them(client, roles, group, role):
    other = factories.ExpertGroupFactory(
        acronym="CWG-WSIS", name="Council Working Group on WSIS", slug="cwg-wsis"
    )

    response = get(client, roles[role])

    assert response.context["groups"] == [other, group]
    html = response.content.decode()
    assert '<ul class="cards">' in html
    assert '<h2><a href="/cwg-wsis/">CWG-WSIS</a></h2>' in html
    assert '<h2><a href="/eg-itrs/">EG-ITRs</a></h2>' in html
    assert "<p>Council Working Group on WSIS</p>" in html
    assert "An expert group of the ITU Council" in html


@pytest.mark.parametrize("rows", [2, 4])
def test_home_query_count(client, django_assert_num_queries, db, rows):
    for n in range(rows):
        factories.ExpertGroupFactory(acronym=f"EG-{n}", slug=f"eg-{n}")

    # the groups, and the header looking for a single group of its own
    with django_assert_num_queries(2):
        response = client.get(reverse("home"))

    assert len(response.context["groups"]) == rows
