"""Logins resist guessing: locks after failures, the page that says until when, the
secretariat's unlock, and password-reset mail paced without telling who has an account."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import dateformat

from members.security import client_ip
from tests import factories
from tests.roles import ROLES

PASSWORD = "correct horse battery staple"
LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
UNLOCK_PAGE = reverse("admin:axes_accessattempt_changelist")


def log_in(client, username, password, *, url=LOGIN, address="127.0.0.1", **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def refusal_message(username, address="127.0.0.1"):
    """The page's message for a lock that started with the last failure recorded."""
    [attempt] = AccessAttempt.objects.filter(username=username, ip_address=address)
    until = attempt.attempt_time + datetime.timedelta(minutes=15)
    # English writes a time as "6:05 a.m." ("P"; French "06:05").
    time = dateformat.time_format(until.astimezone(datetime.UTC), "P")
    return (
        "There were too many failed attempts to log in. You can try again at "
        f"{time} UTC, in 15 minutes."
    )


def message_on(response):
    return re.search(r'<p class="lead" id="lockout-message">(.*?)</p>', response.text).group(1)


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_thirty_wrong_passwords_lock_the_login_and_the_right_one_is_refused(
    client, secretariat, url
):
    statuses = [
        log_in(client, "secretariat", f"guess {n}", url=url).status_code for n in range(30)
    ]

    refused = log_in(client, "secretariat", PASSWORD, url=url)

    # The fifth failure locks; the refused attempts after it are not counted.
    assert statuses == [200] * 4 + [429] * 26
    assert refused.status_code == 429
    assert message_on(refused) == refusal_message("secretariat")
    assert "<h1>Logging in is paused</h1>" in refused.text
    assert f'<a href="{reverse("password_reset")}">Set a new password</a>' in refused.text
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_the_page_and_the_time_to_try_again_are_in_the_persons_language(client, delegate_a):
    client.cookies["django_language"] = "fr"
    for n in range(5):
        log_in(client, "delegate-a", f"guess {n}")

    refused = log_in(client, "delegate-a", PASSWORD)

    [attempt] = AccessAttempt.objects.all()
    until = attempt.attempt_time + datetime.timedelta(minutes=15)
    assert refused.status_code == 429
    assert message_on(refused) == (
        "Il y a eu trop de tentatives de connexion infructueuses. Vous pourrez réessayer à "
        f"{until.astimezone(datetime.UTC):%H:%M} UTC, dans 15 minutes."
    )
    assert "<h1>La connexion est suspendue</h1>" in refused.text


def test_four_failures_then_the_right_password_logs_in_and_forgets_them(client, delegate_a):
    for _round in range(2):
        for n in range(4):
            assert log_in(client, "delegate-a", f"guess {n}").status_code == 200
        assert log_in(client, "delegate-a", PASSWORD).url == reverse("contributions:mine")

    assert AccessAttempt.objects.count() == 0


def test_failures_elsewhere_do_not_lock_the_delegate_out_until_many_addresses_try(
    client, delegate_a
):
    for n in range(5):
        log_in(client, "delegate-a", f"guess {n}", address="203.0.113.9")
    assert log_in(client, "delegate-a", PASSWORD, address="198.51.100.1").status_code == 302
    client.logout()

    # Guessing from many machines: twenty failures on the account lock it everywhere.
    for n in range(15):
        log_in(client, "delegate-a", f"guess {n}", address=f"203.0.113.{n + 10}")

    refused = log_in(client, "delegate-a", PASSWORD, address="198.51.100.1")
    assert refused.status_code == 429
    assert message_on(refused).startswith("There were too many failed attempts to log in.")


def test_one_address_trying_many_accounts_is_locked_for_every_account(client, delegate_a):
    for n in range(19):
        log_in(client, f"someone-{n}", "guess", address="203.0.113.7")
    assert log_in(client, "delegate-a", PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()

    log_in(client, "someone-19", "guess", address="203.0.113.7")

    assert log_in(client, "delegate-a", PASSWORD, address="203.0.113.7").status_code == 429
    assert log_in(client, "delegate-a", PASSWORD, address="203.0.113.8").status_code == 302


def lock(client, username):
    for n in range(5):
        log_in(client, username, f"guess {n}")
    assert log_in(client, username, PASSWORD).status_code == 429


def test_the_secretariat_unlocks_in_the_admin_then_the_login_works(
    client, secretariat, delegate_a
):
    lock(client, "delegate-a")
    client.force_login(secretariat)

    page = client.get(UNLOCK_PAGE)
    [attempt] = page.context["cl"].result_list
    done = client.post(
        UNLOCK_PAGE, {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True
    )
    client.logout()

    assert page.status_code == 200
    assert (attempt.username, attempt.failures_since_start) == ("delegate-a", 5)
    assert '<td class="field-status">Locked Out</td>' in page.text
    assert [str(message) for message in done.context["messages"]] == [
        "1 record of failed logins deleted: they may log in again."
    ]
    assert AccessAttempt.objects.count() == 0
    assert log_in(client, "delegate-a", PASSWORD).url == reverse("contributions:mine")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_opens_the_locked_logins(client, roles, role):
    if roles[role] is not None:
        client.force_login(roles[role])

    response = client.get(UNLOCK_PAGE)

    if role == "secretariat":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url == f"{ADMIN_LOGIN}?next={UNLOCK_PAGE}"


def test_staff_without_the_permission_may_not_unlock(client, delegate_a):
    lock(client, "delegate-a")
    staff = factories.UserFactory(username="helper", is_staff=True)
    client.force_login(staff)
    attempt = AccessAttempt.objects.get()

    assert client.get(UNLOCK_PAGE).status_code == 403
    response = client.post(UNLOCK_PAGE, {"action": "unlock", "_selected_action": [attempt.pk]})
    assert response.status_code == 403
    assert AccessAttempt.objects.count() == 1


def test_a_new_password_set_through_the_mailed_link_unlocks_the_account(
    client, delegate_a, mailoutbox
):
    lock(client, "delegate-a")
    client.post(reverse("password_reset"), {"email": "delegate-a@example.org"})
    link = re.search(r"https?://testserver(/accounts/reset/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    new_password = "a new and long passphrase 42"

    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert log_in(client, "delegate-a", new_password).url == reverse("contributions:mine")


# The address that counts.


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.HTTPS = False

    assert client_ip(request_from("198.51.100.1", "203.0.113.5")) == "198.51.100.1"


def test_behind_the_proxy_the_address_it_added_counts_not_what_the_client_claimed(settings):
    settings.HTTPS = True

    assert client_ip(request_from("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1", "not an address")) is None


def test_behind_the_proxy_a_forged_header_does_not_escape_the_lock(client, settings, delegate_a):
    settings.HTTPS = True
    for n in range(5):
        # Each time another address claimed; the proxy adds the real one last.
        log_in(client, "delegate-a", f"guess {n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5")

    refused = log_in(client, "delegate-a", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")

    assert refused.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


# Password-reset mail.

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def ask_for_reset(client, email, address="127.0.0.1"):
    response = client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)
    page = client.get(response.url)
    return response.status_code, response.url, CSRF.sub("", page.text)


def test_ten_reset_requests_send_three_mails_and_answer_as_for_an_unknown_address(
    client, delegate_a, mailoutbox
):
    known = [ask_for_reset(client, "delegate-a@example.org") for _n in range(10)]
    unknown = [ask_for_reset(client, "nobody@example.org") for _n in range(10)]

    assert len(mailoutbox) == 3
    assert [email.to for email in mailoutbox] == [["delegate-a@example.org"]] * 3
    assert known[0][:2] == (302, reverse("password_reset_done"))
    assert "If an account has that address, we have sent it a link" in known[0][2]
    assert set(known) == set(unknown) == {known[0]}


def test_the_address_is_counted_whatever_its_case(client, delegate_a, mailoutbox):
    for email in ["delegate-a@example.org", "DELEGATE-A@example.org", "Delegate-A@Example.org"]:
        ask_for_reset(client, email)

    ask_for_reset(client, "delegate-A@example.ORG")

    assert len(mailoutbox) == 3


def test_reset_requests_from_one_address_are_paced_across_accounts(
    client, db, settings, mailoutbox
):
    settings.PASSWORD_RESET_RATE_PER_IP = 2
    for n in range(3):
        factories.UserFactory(username=f"person-{n}")

    for n in range(3):
        ask_for_reset(client, f"person-{n}@example.org", address="203.0.113.7")
    ask_for_reset(client, "person-2@example.org", address="203.0.113.8")

    assert [email.to for email in mailoutbox] == [
        ["person-0@example.org"],
        ["person-1@example.org"],
        ["person-2@example.org"],
    ]
