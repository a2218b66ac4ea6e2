"""The security log: each kind of event, recorded through the pages, and the secretariat's
read-only view of it in the admin."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from members.enums import SecurityEventKind as Kind
from members.models import SecurityEvent
from members.security import record_security_event
from tests import factories
from tests.roles import ROLES

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a new and long passphrase 42"
BROWSER = "Mozilla/5.0 (test)"
CHANGELIST = reverse("admin:members_securityevent_changelist")


def events():
    """The log, oldest first: (kind, user name, address, page)."""
    return [
        (event.kind, event.username, event.ip_address, event.path)
        for event in SecurityEvent.objects.order_by("pk")
    ]


def post(client, url, data, address="192.0.2.10"):
    return client.post(url, data, REMOTE_ADDR=address, HTTP_USER_AGENT=BROWSER)


def test_a_login_records_who_when_from_where(client, delegate_a):
    post(client, reverse("login"), {"username": "delegate-a", "password": PASSWORD})

    [event] = SecurityEvent.objects.all()
    assert (event.kind, event.user, event.username) == (
        Kind.LOGIN_SUCCEEDED,
        delegate_a,
        "delegate-a",
    )
    assert (event.ip_address, event.user_agent, event.path) == (
        "192.0.2.10",
        BROWSER,
        "/accounts/login/",
    )
    assert event.details == {}
    assert event.at is not None


def test_a_failed_login_records_the_name_typed_then_the_lock(client, delegate_a):
    for n in range(5):
        post(client, reverse("login"), {"username": "delegate-a", "password": f"guess {n}"})
    post(client, reverse("login"), {"username": "delegate-a", "password": PASSWORD})
    post(client, reverse("admin:login"), {"username": "nobody", "password": "guess"})

    login = "/accounts/login/"
    # The lock is written as the fifth failure is counted, just before that failure.
    assert events() == [
        *[(Kind.LOGIN_FAILED, "delegate-a", "192.0.2.10", login)] * 4,
        (Kind.LOCKED_OUT, "delegate-a", "192.0.2.10", login),
        (Kind.LOGIN_FAILED, "delegate-a", "192.0.2.10", login),
        # Refused while locked: the right password is refused, and a failure too.
        (Kind.LOCKED_OUT, "delegate-a", "192.0.2.10", login),
        (Kind.LOGIN_FAILED, "delegate-a", "192.0.2.10", login),
        (Kind.LOGIN_FAILED, "nobody", "192.0.2.10", "/admin/login/"),
    ]
    assert SecurityEvent.objects.filter(user__isnull=False).count() == 0


def test_logout_is_recorded(client, delegate_a):
    client.force_login(delegate_a)

    post(client, reverse("logout"), {})

    assert events()[-1] == (Kind.LOGGED_OUT, "delegate-a", "192.0.2.10", "/accounts/logout/")
    assert SecurityEvent.objects.last().user == delegate_a


def test_password_reset_requested_paced_and_completed(client, delegate_a, mailoutbox):
    for _n in range(4):
        post(client, reverse("password_reset"), {"email": "delegate-a@example.org"})
    post(client, reverse("password_reset"), {"email": "nobody@example.org"})
    link = re.search(r"https?://testserver(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    post(client, form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    requested = SecurityEvent.objects.filter(kind=Kind.PASSWORD_RESET_REQUESTED).order_by("pk")
    assert [event.details for event in requested] == [
        {"email": "delegate-a@example.org", "paced": False},
        {"email": "delegate-a@example.org", "paced": False},
        {"email": "delegate-a@example.org", "paced": False},
        {"email": "delegate-a@example.org", "paced": True},
        {"email": "nobody@example.org", "paced": False},
    ]
    completed = SecurityEvent.objects.get(kind=Kind.PASSWORD_RESET_COMPLETED)
    assert (completed.user, completed.username, completed.path) == (
        delegate_a,
        "delegate-a",
        form_url,
    )


@pytest.mark.parametrize(
    ("url", "done"),
    [
        ("password_change", "password_change_done"),
        ("admin:password_change", "admin:password_change_done"),
    ],
)
def test_a_password_change_is_recorded_on_the_site_and_in_the_admin(
    client, secretariat, url, done
):
    client.force_login(secretariat)
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "typo"}

    refused = post(client, reverse(url), data)
    changed = post(client, reverse(url), {**data, "new_password2": NEW_PASSWORD})

    assert refused.status_code == 200
    assert changed.url == reverse(done)
    [event] = SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGED)
    assert (event.user, event.path) == (secretariat, reverse(url))


def test_a_refusal_anywhere_is_recorded(client, delegate_a):
    client.force_login(delegate_a)
    staff = factories.UserFactory(username="helper", is_staff=True)

    desk = client.get(reverse("contributions:desk"), REMOTE_ADDR="192.0.2.10")
    client.force_login(staff)
    admin_page = client.get(reverse("admin:members_organization_changelist"))

    assert (desk.status_code, admin_page.status_code) == (403, 403)
    refusals = SecurityEvent.objects.filter(kind=Kind.PERMISSION_DENIED).order_by("pk")
    assert [(event.username, event.ip_address, event.path) for event in refusals] == [
        ("delegate-a", "192.0.2.10", reverse("contributions:desk")),
        ("helper", "127.0.0.1", reverse("admin:members_organization_changelist")),
    ]


def export(client, url, file_format, resource):
    form = client.get(url).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith(f"{resource.lower()}_")}
    index = next(value for value, label in form.fields["format"].choices if label == file_format)
    return client.post(url, {**fields, "format": index, "resource": "0"})


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_admin_export_is_recorded_with_resource_format_and_rows(
    client, secretariat, org_a, org_b, file_format
):
    client.force_login(secretariat)

    response = export(
        client, reverse("admin:members_organization_export"), file_format, "OrganizationResource"
    )

    assert response.status_code == 200
    [event] = SecurityEvent.objects.filter(kind=Kind.EXPORTED)
    assert (event.user, event.path) == (secretariat, reverse("admin:members_organization_export"))
    assert event.details == {
        "model": "members.Organization",
        "resource": "OrganizationResource",
        "format": file_format,
        "rows": 2,
    }


def test_a_register_export_is_recorded(client, secretariat, meeting, delegate_a):
    factories.make_contribution(meeting=meeting, delegate=delegate_a)
    client.force_login(secretariat)

    export(
        client, reverse("admin:contributions_contribution_export"), "csv", "ContributionResource"
    )

    [event] = SecurityEvent.objects.filter(kind=Kind.EXPORTED)
    assert event.details == {
        "model": "contributions.Contribution",
        "resource": "ContributionResource",
        "format": "csv",
        "rows": 1,
    }


def test_an_admin_import_is_recorded_with_its_counts(client, secretariat, org_a):
    client.force_login(secretariat)
    csv = "name,kind,region,iso_code,active\nKenya,member_state,africa,KE,1\n"

    preview = client.post(
        reverse("admin:members_organization_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("organizations.csv", csv.encode()),
        },
    )
    client.post(
        reverse("admin:members_organization_process_import"),
        preview.context["confirm_form"].initial,
    )

    [event] = SecurityEvent.objects.filter(kind=Kind.IMPORTED)
    assert event.user == secretariat
    assert event.details["model"] == "members.Organization"
    assert event.details["rows"] == 1
    assert event.details["totals"]["new"] == 1


@pytest.mark.parametrize(
    "kind",
    [
        Kind.TWO_FACTOR_ENABLED,
        Kind.TWO_FACTOR_DISABLED,
        Kind.TWO_FACTOR_FAILED,
        Kind.RECOVERY_CODE_USED,
    ],
)
def test_two_factor_sign_in_records_its_events_with_one_call(delegate_a, kind):
    request = RequestFactory().post("/account/two-factor/", REMOTE_ADDR="192.0.2.10")
    request.user = delegate_a

    record_security_event(kind, request=request, device="totp")

    assert events() == [(kind, "delegate-a", "192.0.2.10", "/account/two-factor/")]
    assert SecurityEvent.objects.get().details == {"device": "totp"}


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValueError, match="'two_factor_whatever' is not a valid SecurityEventKind"):
        record_security_event("two_factor_whatever", username="someone")


# The secretariat's view of the log.


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_reads_the_log(client, roles, role):
    if roles[role] is not None:
        client.force_login(roles[role])
    SecurityEvent.objects.all().delete()

    response = client.get(CHANGELIST)

    if role == "secretariat":
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0
    else:
        assert response.status_code == 302
        assert response.url == f"{reverse('admin:login')}?next={CHANGELIST}"


def test_staff_without_the_permission_may_not_read_it(client, db):
    client.force_login(factories.UserFactory(username="helper", is_staff=True))

    assert client.get(CHANGELIST).status_code == 403


@pytest.mark.parametrize("who", ["secretariat", "superuser"])
def test_nobody_adds_changes_or_deletes_an_event(client, secretariat, who):
    user = secretariat
    if who == "superuser":
        user = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    event = record_security_event(Kind.LOGIN_FAILED, username="someone")
    client.force_login(user)
    change_url = reverse("admin:members_securityevent_change", args=[event.pk])

    page = client.get(change_url)
    add = client.get(reverse("admin:members_securityevent_add"))
    change = client.post(change_url, {"username": "edited", "kind": Kind.LOGIN_SUCCEEDED})
    delete = client.post(
        reverse("admin:members_securityevent_delete", args=[event.pk]), {"post": "yes"}
    )
    bulk = client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [event.pk]})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert client.get(CHANGELIST).context["action_form"] is None
    assert bulk.status_code == 200
    event.refresh_from_db()
    assert (event.username, event.kind) == ("someone", Kind.LOGIN_FAILED)


def test_the_log_is_filtered_by_kind_and_date_and_searched_by_name_and_address(
    client, secretariat
):
    client.force_login(secretariat)
    SecurityEvent.objects.all().delete()
    record_security_event(Kind.LOGIN_FAILED, username="delegate-x")
    record_security_event(Kind.LOGIN_FAILED, username="other")
    record_security_event(
        Kind.LOCKED_OUT, request=RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    )

    def usernames(**query):
        response = client.get(CHANGELIST, query)
        return [(event.kind, event.username) for event in response.context["cl"].result_list]

    assert usernames(kind__exact="locked_out") == [(Kind.LOCKED_OUT, "")]
    assert usernames(q="delegate-x") == [(Kind.LOGIN_FAILED, "delegate-x")]
    assert usernames(q="203.0.113") == [(Kind.LOCKED_OUT, "")]
    assert len(usernames(at__gte="2000-01-01 00:00:00+00:00")) == 3
    assert usernames(at__lt="2000-01-01 00:00:00+00:00") == []


@pytest.mark.parametrize("rows", [1, 3])
def test_log_changelist_query_count(client, secretariat, django_assert_num_queries, rows):
    client.force_login(secretariat)
    SecurityEvent.objects.all().delete()
    for n in range(rows):
        record_security_event(Kind.LOGIN_SUCCEEDED, user=factories.UserFactory(username=f"u{n}"))

    # The session, the user, the device of their code step, their permissions (two), the
    # count, the page of events.
    with django_assert_num_queries(7):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == rows
