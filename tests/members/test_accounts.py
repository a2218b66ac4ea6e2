import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a new and long passphrase 42"


def test_login_page_says_the_secretariat_makes_accounts(client, db):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Accounts are made by the secretariat: there is no sign-up." in content
    assert f'<a href="{reverse("password_reset")}">Forgot your password?</a>' in content


def test_login_leads_to_my_documents(client, delegate_a):
    response = client.post(
        reverse("login"), {"username": "delegate-a", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(reverse("contributions:mine"), 302)]
    assert response.context["user"] == delegate_a


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("delegate_a", "contributions:mine"),
        ("delegate_b", "contributions:mine"),
        ("officer", "contributions:mine"),
        ("secretariat", "contributions:desk"),
    ],
)
def test_login_lands_each_role_where_its_work_is(client, roles, role, landing):
    user = roles[role]

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.url == reverse(landing)


def test_the_secretariat_still_returns_to_the_page_asked_for(client, secretariat):
    url = "/admin/"

    response = client.post(
        reverse("login"), {"username": "secretariat", "password": PASSWORD, "next": url}
    )

    assert response.url == url


def test_login_with_a_wrong_password_says_so(client, delegate_a):
    response = client.post(reverse("login"), {"username": "delegate-a", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Please enter a correct username and password. Note that both fields may be "
        "case-sensitive."
    ]
    assert response.context["user"].is_authenticated is False


def test_login_returns_to_the_page_asked_for(client, delegate_a):
    url = reverse("contributions:mine")

    response = client.post(
        reverse("login"), {"username": "delegate-a", "password": PASSWORD, "next": url}
    )

    assert response.url == url


def test_logout_goes_home(client, delegate_a):
    client.force_login(delegate_a)

    response = client.post(reverse("logout"))

    assert response.url == reverse("home")
    assert client.get(reverse("contributions:mine")).status_code == 302


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/register/"])
def test_there_is_no_sign_up(client, db, path):
    assert client.get(path).status_code == 404


def test_password_reset_sends_a_link_that_sets_the_password(client, delegate_a, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "delegate-a@example.org"})

    assert response.url == reverse("password_reset_done")
    assert "Check your email" in client.get(response.url).content.decode()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["delegate-a@example.org"]
    assert email.subject == "Your password at Expert groups"
    assert "Your user name is: delegate-a" in email.body
    link = re.search(r"https?://testserver(/accounts/reset/\S+)", email.body).group(1)

    opened = client.get(link, follow=True)
    assert opened.status_code == 200
    assert opened.context["validlink"] is True
    assert "Choose a password" in opened.content.decode()

    done = client.post(
        opened.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.redirect_chain == [(reverse("password_reset_complete"), 302)]
    assert "Your password is set. You can now log in with it." in done.content.decode()
    logged_in = client.post(reverse("login"), {"username": "delegate-a", "password": NEW_PASSWORD})
    assert logged_in.url == reverse("contributions:mine")


def test_password_reset_for_an_unknown_address_sends_nothing_and_tells_nothing(
    client, db, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


def test_a_used_or_broken_reset_link_says_it_does_not_work(client, delegate_a):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "wrong-token"})
    )

    assert response.context["validlink"] is False
    content = response.content.decode()
    assert "This link does not work" in content
    assert reverse("password_reset") in content


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 302),
        ("delegate_a", 200),
        ("delegate_b", 200),
        ("officer", 200),
        ("secretariat", 200),
    ],
)
def test_password_change_page_per_role(client, roles, role, status_code):
    if roles[role] is not None:
        client.force_login(roles[role])
    url = reverse("password_change")

    response = client.get(url)

    assert response.status_code == status_code
    if status_code == 302:
        assert response.url == f"{reverse('login')}?next={url}"
    else:
        assert "<h1>Change your password</h1>" in response.content.decode()


def test_password_change_changes_it(client, delegate_a):
    client.force_login(delegate_a)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assert response.redirect_chain == [(reverse("password_change_done"), 302)]
    assert "<h1>Password changed</h1>" in response.content.decode()
    delegate_a.refresh_from_db()
    assert delegate_a.check_password(NEW_PASSWORD) is True


def test_admin_password_change_renders_with_the_same_templates(client, secretariat):
    client.force_login(secretariat)
    url = reverse("admin:password_change")

    page = client.get(url)
    assert page.status_code == 200
    assert "<h1>Change your password</h1>" in page.content.decode()

    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("admin:password_change_done"), 302)]
    assert "<h1>Password changed</h1>" in response.content.decode()
    assert get_user_model().objects.get(pk=secretariat.pk).check_password(NEW_PASSWORD)


def test_an_account_made_without_a_password_can_set_one_by_the_link(client, db, mailoutbox):
    newcomer = factories.UserFactory(username="newcomer", password=None)
    newcomer.set_unusable_password()
    newcomer.save()

    client.post(reverse("password_reset"), {"email": "newcomer@example.org"})

    assert [email.to for email in mailoutbox] == [["newcomer@example.org"]]
    assert "Your user name is: newcomer" in mailoutbox[0].body


def test_the_secretariat_sends_new_accounts_the_link_from_the_admin(
    client, secretariat, delegate_a, mailoutbox
):
    silent = factories.UserFactory(username="no-mail", email="")
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "send_password_link", "_selected_action": [delegate_a.pk, silent.pk]},
        follow=True,
    )

    assert [email.to for email in mailoutbox] == [["delegate-a@example.org"]]
    assert mailoutbox[0].subject == "Your password at Expert groups"
    assert [str(m) for m in response.context["messages"]] == [
        "Sent a link to set the password to: delegate-a.",
        "1 account has no e-mail address or is inactive: nothing sent.",
    ]


def test_the_login_page_carries_the_site_name_not_the_server_name(client, db):
    html = client.get(reverse("login")).content.decode()

    assert '<a class="site-name" href="/">Expert groups</a>' in html
    assert "testserver" not in html
