"""Staff and the secretariat pass the second step of the sign-in before the admin and the
desk open (before any page): with their app's code, or by setting one up first."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.two_factor import app_code, code_of, key_of

PASSWORD = "correct horse battery staple"
VERIFY = reverse("members:two_factor_verify")
SETUP = reverse("members:two_factor_setup")
ADMIN = reverse("admin:index")
DESK = reverse("contributions:desk")
GATED = [ADMIN, DESK, reverse("contributions:mine"), reverse("home")]


@pytest.fixture
def staff(db):
    """Staff who are not in the secretariat: the admin is theirs too."""
    return factories.UserFactory(username="clerk", is_staff=True)


@pytest.fixture
def staff_without_app(db):
    return factories.SecretariatUserFactory(username="newcomer", authenticator=False)


@pytest.mark.parametrize("url", GATED)
@pytest.mark.parametrize("who", ["secretariat", "staff"])
def test_staff_with_an_app_but_only_the_password_are_asked_for_the_code(client, request, who, url):
    client.force_login(request.getfixturevalue(who), two_factor=False)

    response = client.get(url)

    assert (response.status_code, response.url) == (302, f"{VERIFY}?next={url}")


@pytest.mark.parametrize("url", GATED)
def test_staff_without_an_app_are_sent_to_set_one_up(client, staff_without_app, url):
    client.force_login(staff_without_app)

    response = client.get(url)

    assert (response.status_code, response.url) == (302, f"{SETUP}?next={url}")


@pytest.mark.parametrize(
    ("role", "admin", "desk"),
    [
        # The admin sends others to its login, the desk refuses them: as without two factors.
        ("delegate_a", 302, 403),
        ("delegate_b", 302, 403),
        ("officer", 302, 403),
        ("secretariat", 200, 200),
    ],
)
def test_once_the_step_is_passed_the_admin_and_the_desk_open_as_before(
    client, roles, role, admin, desk
):
    client.force_login(roles[role])

    assert [client.get(ADMIN).status_code, client.get(DESK).status_code] == [admin, desk]


def test_while_the_code_is_owed_the_step_the_language_and_the_way_out_stay_open(
    client, secretariat
):
    client.force_login(secretariat, two_factor=False)

    assert client.get(VERIFY).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "fr", "next": "/"}).url == "/"
    assert client.post(reverse("logout")).url == reverse("home")
    assert client.get(ADMIN).url == f"{reverse('admin:login')}?next={ADMIN}"


def test_while_an_app_is_owed_only_its_set_up_stays_open(client, staff_without_app):
    client.force_login(staff_without_app)

    assert client.get(SETUP).status_code == 200
    assert client.get(reverse("members:two_factor_qr")).status_code == 200
    assert client.get(VERIFY).url == f"{SETUP}?next={VERIFY}"
    assert client.get(reverse("members:two_factor")).url == (
        f"{SETUP}?next={reverse('members:two_factor')}"
    )


def test_the_secretariat_signs_in_with_its_password_then_its_code_and_reaches_the_admin(
    client, secretariat
):
    signed_in = client.post(
        reverse("login"), {"username": "secretariat", "password": PASSWORD, "next": ADMIN}
    )
    assert signed_in.url == ADMIN
    asked = client.get(ADMIN)
    assert asked.url == f"{VERIFY}?next={ADMIN}"

    response = client.post(VERIFY, {"code": code_of(secretariat), "next": ADMIN}, follow=True)

    assert response.redirect_chain == [(ADMIN, 302)]
    assert response.status_code == 200
    assert response.context["site_header"] == "Expert groups"


def test_the_admin_login_asks_for_the_code_too(client, secretariat):
    client.post(
        reverse("admin:login"), {"username": "secretariat", "password": PASSWORD, "next": ADMIN}
    )

    response = client.get(ADMIN)

    assert response.url == f"{VERIFY}?next={ADMIN}"


def test_a_newcomer_to_the_secretariat_sets_up_an_app_and_reaches_the_desk(
    client, staff_without_app
):
    client.post(reverse("login"), {"username": "newcomer", "password": PASSWORD})
    assert client.get(DESK).url == f"{SETUP}?next={DESK}"
    page = client.get(f"{SETUP}?next={DESK}")
    assert "Your account is a staff account: it needs two-factor sign-in" in (
        page.content.decode()
    )
    device = TOTPDevice.objects.get(user=staff_without_app)

    confirmed = client.post(SETUP, {"code": app_code(key_of(device)), "next": DESK})
    codes = client.get(confirmed.url)

    assert codes.context["next"] == DESK
    assert client.get(DESK).status_code == 200


def test_the_admin_site_itself_refuses_a_session_without_the_second_step(
    client, secretariat, settings
):
    # Should the gate in front of the pages be missing, the admin still asks for the step.
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "members.middleware.TwoFactorMiddleware"
    ]
    client.force_login(secretariat, two_factor=False)

    assert client.get(ADMIN).url == f"{reverse('admin:login')}?next={ADMIN}"
    client.force_login(secretariat)
    assert client.get(ADMIN).status_code == 200
