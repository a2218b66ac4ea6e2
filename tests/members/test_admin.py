import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from members.enums import MembershipRole, OrganizationKind, Region
from members.models import Membership, Organization
from members.rules import SECRETARIAT_GROUP
from members.services import ensure_secretariat_group
from tests import factories

ADMIN_PAGES = [
    ("admin:members_organization_changelist", False),
    ("admin:members_organization_change", True),
    ("admin:members_membership_changelist", False),
    ("admin:auth_user_changelist", False),
]


def _url(name, with_object, organization):
    return reverse(name, args=[organization.pk]) if with_object else reverse(name)


def test_secretariat_group_holds_every_permission_of_the_four_apps(db):
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    expected = set(
        Permission.objects.filter(
            content_type__app_label__in=["members", "meetings", "contributions", "proceedings"]
        ).values_list("content_type__app_label", "codename")
    ) | {
        ("auth", "view_user"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_group"),
        # The history app adds its own: the secretariat uploads and imports histories.
        ("history", "view_historyimport"),
        ("history", "add_historyimport"),
        # Locked logins: the secretariat sees them and lifts them.
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        # Background tasks: the secretariat sees which failed, and why.
        ("django_tasks_database", "view_dbtaskresult"),
    }

    assert set(group.permissions.values_list("content_type__app_label", "codename")) == expected
    assert ("proceedings", "change_report") in expected
    assert ("auth", "delete_user") not in expected


def test_ensure_secretariat_group_is_idempotent_and_restores_the_group(db):
    Group.objects.filter(name=SECRETARIAT_GROUP).delete()

    first = ensure_secretariat_group()
    count = first.permissions.count()
    second = ensure_secretariat_group()

    assert second.pk == first.pk
    assert second.permissions.count() == count
    assert Group.objects.filter(name=SECRETARIAT_GROUP).count() == 1


@pytest.mark.parametrize(("name", "with_object"), ADMIN_PAGES)
def test_secretariat_opens_the_members_admin(client, secretariat, org_a, name, with_object):
    client.force_login(secretariat)

    response = client.get(_url(name, with_object, org_a))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "delegate_a"])
@pytest.mark.parametrize(("name", "with_object"), ADMIN_PAGES)
def test_others_are_sent_to_the_admin_login(client, roles, org_a, role, name, with_object):
    if roles[role]:
        client.force_login(roles[role])
    url = _url(name, with_object, org_a)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_organization_changelist_shows_the_delegate_count(client, secretariat, delegate_a):
    factories.DelegateFactory(organization=delegate_a.memberships.get().organization)
    client.force_login(secretariat)

    response = client.get(reverse("admin:members_organization_changelist"))

    row = next(
        result for result in response.context["cl"].result_list if result.name == "Member State A"
    )
    assert row._delegate_count == 2
    assert '<td class="field-delegate_count">2</td>' in response.text


@pytest.mark.parametrize("rows", [1, 4])
def test_organization_changelist_query_count(client, secretariat, django_assert_num_queries, rows):
    for _n in range(rows):
        factories.DelegateFactory()
    client.force_login(secretariat)

    # (One loads the authenticator that passed the second step of the sign-in.)
    with django_assert_num_queries(8):
        response = client.get(reverse("admin:members_organization_changelist"))

    assert response.context["cl"].result_count == rows


def test_organization_changelist_filters_by_region(client, secretariat):
    factories.OrganizationFactory(name="Kenya", region=Region.AFRICA, iso_code="KE")
    factories.OrganizationFactory(name="France", region=Region.EUROPE, iso_code="FR")
    client.force_login(secretariat)

    response = client.get(
        reverse("admin:members_organization_changelist"), {"region__exact": "africa"}
    )

    assert [org.name for org in response.context["cl"].result_list] == ["Kenya"]


def test_user_change_page_edits_mail_language_and_memberships_inline(
    client, secretariat, delegate_a, org_b
):
    client.force_login(secretariat)
    url = reverse("admin:auth_user_change", args=[delegate_a.pk])
    response = client.get(url)
    membership = delegate_a.memberships.get()
    data = {
        "username": delegate_a.username,
        "first_name": delegate_a.first_name,
        "last_name": delegate_a.last_name,
        "email": delegate_a.email,
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-0-language": "fr",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": membership.pk,
        "memberships-0-user": delegate_a.pk,
        "memberships-0-organization": membership.organization_id,
        "memberships-0-role": MembershipRole.DELEGATE,
        "memberships-1-user": delegate_a.pk,
        "memberships-1-organization": org_b.pk,
        "memberships-1-role": MembershipRole.FOCAL_POINT,
    }

    assert [inline.formset.prefix for inline in response.context["inline_admin_formsets"]] == [
        "profile",
        "memberships",
    ]
    response = client.post(url, data)

    assert response.status_code == 302
    assert delegate_a.profile.language == "fr"
    assert list(
        Membership.objects.filter(user=delegate_a).values_list("organization__name", "role")
    ) == [("Member State A", "delegate"), ("Member State B", "focal_point")]


def test_secretariat_cannot_grant_itself_superuser_rights(client, secretariat):
    client.force_login(secretariat)
    url = reverse("admin:auth_user_change", args=[secretariat.pk])

    response = client.get(url)

    assert "is_superuser" not in response.context["adminform"].form.fields
    assert "groups" not in response.context["adminform"].form.fields


def test_organization_admin_adds_a_member_state(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:members_organization_add"),
        {
            "name": "Switzerland",
            "kind": OrganizationKind.MEMBER_STATE,
            "region": Region.EUROPE,
            "iso_code": "CH",
            "active": "on",
        },
    )

    assert response.status_code == 302
    organization = Organization.objects.get(name="Switzerland")
    assert organization.history.count() == 1
