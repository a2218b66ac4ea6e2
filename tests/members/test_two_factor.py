"""Two-factor sign-in from the member area: set up, the second step of the sign-in,
recovery codes, and turning it off; for each role on every page."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import services
from members.models import SecurityEvent
from members.views import RECOVERY_CODES_SESSION_KEY, TWO_FACTOR_EVENTS
from tests import factories
from tests.roles import ROLES
from tests.two_factor import app_code, authenticator_of, code_of, key_of, recovery_codes_of

PASSWORD = "correct horse battery staple"
OVERVIEW = reverse("members:two_factor")
SETUP = reverse("members:two_factor_setup")
QR = reverse("members:two_factor_qr")
CODES = reverse("members:two_factor_recovery_codes")
RENEW = reverse("members:two_factor_recovery_codes_renew")
TURN_OFF = reverse("members:two_factor_turn_off")
VERIFY = reverse("members:two_factor_verify")
MINE = reverse("contributions:mine")


@pytest.fixture
def security_log(db):
    """The two-factor events of the security log, oldest first, as one line each."""
    names = {kind: name for name, kind in TWO_FACTOR_EVENTS.items()}

    def events():
        return [
            f"two-factor {names[event.kind]}: user {event.user_id} ({event.username}) "
            f"from {event.ip_address}"
            for event in SecurityEvent.objects.filter(kind__in=names).order_by("pk")
        ]

    return events


def turn_on(user):
    """Two-factor sign-in set up for `user`, as the set-up page does; returns the codes."""
    return services.confirm_two_factor(services.start_two_factor(user))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Every page, for each role: delegates and the officer have not set it up, the
# secretariat has (every staff account must), and has passed the second step.

PAGES = {
    # page: role → (status, where it leads or what it says)
    OVERVIEW: {
        "delegate_a": (200, "Two-factor sign-in is off: your password alone signs you in."),
        "delegate_b": (200, "Two-factor sign-in is off: your password alone signs you in."),
        "officer": (200, "Two-factor sign-in is off: your password alone signs you in."),
        "secretariat": (200, "Two-factor sign-in is required for staff accounts"),
    },
    SETUP: {
        "delegate_a": (200, "After your password, you will type a code"),
        "delegate_b": (200, "After your password, you will type a code"),
        "officer": (200, "After your password, you will type a code"),
        "secretariat": (200, "Set up your new authenticator app."),
    },
    CODES: dict.fromkeys(("delegate_a", "delegate_b", "officer", "secretariat"), (302, OVERVIEW)),
    RENEW: {
        "delegate_a": (302, OVERVIEW),
        "delegate_b": (302, OVERVIEW),
        "officer": (302, OVERVIEW),
        "secretariat": (200, "the ones you have now stop working"),
    },
    TURN_OFF: {
        "delegate_a": (302, OVERVIEW),
        "delegate_b": (302, OVERVIEW),
        "officer": (302, OVERVIEW),
        "secretariat": (403, ""),
    },
    VERIFY: {
        # Nothing to verify: on to where the person lands.
        "delegate_a": (302, MINE),
        "delegate_b": (302, MINE),
        "officer": (302, MINE),
        "secretariat": (302, reverse("contributions:desk")),
    },
    # The QR code exists only while an app is being set up.
    QR: dict.fromkeys(("delegate_a", "delegate_b", "officer", "secretariat"), (404, "")),
}


@pytest.mark.parametrize("url", list(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_each_page_for_each_role(client, roles, url, role):
    if roles[role] is not None:
        client.force_login(roles[role])

    response = client.get(url)

    if role == "anonymous":
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")
        return
    status, expected = PAGES[url][role]
    assert response.status_code == status
    if status == 302:
        assert response.url == expected
    elif status == 200:
        assert expected in response.content.decode()


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer", "secretariat"])
def test_the_qr_code_of_an_app_being_set_up_is_an_svg_never_cached(client, roles, role):
    client.force_login(roles[role])
    client.get(SETUP)

    response = client.get(QR)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "no-store" in response["Cache-Control"]


def test_every_signed_in_page_links_to_two_factor_sign_in(client, delegate_a):
    client.force_login(delegate_a)

    html = client.get(MINE).content.decode()

    assert f'<a href="{OVERVIEW}">Two-factor sign-in</a>' in html


def test_the_pages_speak_the_persons_language(client, delegate_a):
    client.force_login(delegate_a)
    client.cookies["django_language"] = "fr"

    overview = client.get(OVERVIEW).content.decode()
    setup = client.get(SETUP).content.decode()

    assert (
        "La connexion en deux étapes est désactivée\u00a0: votre mot de passe suffit pour "
        "vous connecter."
    ) in overview
    assert "<h1>Configurer la connexion en deux étapes</h1>" in setup


# Setting it up.


@pytest.mark.parametrize("role", ["delegate_a", "officer"])
def test_a_delegate_or_an_officer_turns_it_on_and_sees_the_codes_once(
    client, roles, role, security_log
):
    user = roles[role]
    client.force_login(user)
    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = key_of(device)
    assert " ".join(key[i : i + 4] for i in range(0, 32, 4)) in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    wrong = client.post(SETUP, {"code": "000000" if app_code(key) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {
        "code": ["That code is not right. Type the code your app shows now."]
    }
    device.throttle_reset()
    right = client.post(SETUP, {"code": app_code(key)})

    assert right.url == CODES
    shown = client.get(CODES)
    assert "no-store" in shown["Cache-Control"]
    assert sorted(shown.context["codes"]) == recovery_codes_of(user)
    assert len(shown.context["codes"]) == 10
    assert shown.context["next"] == OVERVIEW
    again = client.get(CODES, follow=True)
    assert again.redirect_chain == [(OVERVIEW, 302)]
    assert messages_of(again) == [
        "Recovery codes are shown only once, when they are made. If you have lost yours, "
        "make new ones."
    ]
    assert "Two-factor sign-in is on since" in again.content.decode()
    assert authenticator_of(user).pk == device.pk
    assert security_log() == [
        f"two-factor wrong_code: user {user.pk} ({user.username}) from 127.0.0.1",
        f"two-factor enabled: user {user.pk} ({user.username}) from 127.0.0.1",
    ]


def test_the_recovery_codes_page_offers_a_download_print_and_copy(client, delegate_a):
    client.force_login(delegate_a)
    session = client.session
    session[RECOVERY_CODES_SESSION_KEY] = {"codes": ["abcdefgh", "ijklmnop"], "next": MINE}
    session.save()

    html = client.get(CODES).content.decode()

    assert (
        '<a class="button secondary" href="data:text/plain;charset=utf-8,Recovery%20codes%20'
        "of%20delegate-a%20for%20Expert%20groups.%20Each%20works%20once.%0A%0Aabcdefgh%0A"
        'ijklmnop%0A" download="recovery-codes.txt">Download as a text file</a>'
    ) in html
    assert '<button type="button" class="secondary" data-print hidden>Print</button>' in html
    assert 'data-copy="recovery-codes"' in html
    assert f'<a class="button" href="{MINE}">I have kept them: continue</a>' in html
    assert "<script>" not in html and "style=" not in html


def test_moving_to_another_app_keeps_the_old_one_until_the_new_one_is_confirmed(
    client, delegate_a
):
    turn_on(delegate_a)
    old = authenticator_of(delegate_a)
    client.force_login(delegate_a)

    page = client.get(SETUP)
    assert "Your current app keeps working until the new one shows a code" in (
        page.content.decode()
    )
    new = TOTPDevice.objects.get(user=delegate_a, confirmed=False)
    assert authenticator_of(delegate_a) == old

    client.post(SETUP, {"code": app_code(key_of(new))})

    assert list(TOTPDevice.objects.filter(user=delegate_a)) == [new]
    assert authenticator_of(delegate_a) == new
    # The session passed the step with the new app and stays signed in.
    assert client.get(OVERVIEW).status_code == 200


def test_an_account_whose_code_is_owed_cannot_replace_its_app(client, delegate_a):
    turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)

    response = client.get(SETUP)

    assert response.url == f"{VERIFY}?next={SETUP}"
    assert not TOTPDevice.objects.filter(user=delegate_a, confirmed=False).exists()


# The second step of the sign-in.


def sign_in_with_password(client, user, next_url=""):
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def test_after_the_password_a_person_with_an_app_is_asked_for_its_code(client, delegate_a):
    turn_on(delegate_a)

    assert sign_in_with_password(client, delegate_a).url == MINE
    asked = client.get(MINE)
    assert asked.url == f"{VERIFY}?next={MINE}"
    page = client.get(asked.url)
    assert "Type the six-digit code your authenticator app shows now." in page.content.decode()

    response = client.post(VERIFY, {"code": code_of(delegate_a), "next": MINE})

    assert response.url == MINE
    assert client.get(MINE).status_code == 200


def test_a_person_without_an_app_signs_in_with_the_password_alone(client, delegate_a):
    sign_in_with_password(client, delegate_a)

    assert client.get(MINE).status_code == 200


def test_a_code_step_goes_back_only_to_this_site(client, delegate_a):
    turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)

    response = client.post(VERIFY, {"code": code_of(delegate_a), "next": "https://evil.example/"})

    assert response.url == MINE


def test_a_code_of_the_app_works_once(client, delegate_a, security_log):
    turn_on(delegate_a)
    code = code_of(delegate_a)
    client.force_login(delegate_a, two_factor=False)
    client.post(VERIFY, {"code": code})
    client.post(reverse("logout"))
    client.force_login(delegate_a, two_factor=False)

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": [
            "That code is not right. Type the code your app shows now, or one of your "
            "recovery codes."
        ]
    }
    assert security_log()[-1].startswith("two-factor wrong_code: user")


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, delegate_a, security_log):
    codes = turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)

    response = client.post(VERIFY, {"code": codes[0].upper(), "next": MINE}, follow=True)

    assert response.redirect_chain == [(MINE, 302)]
    assert messages_of(response) == [
        "You signed in with a recovery code; it will not work again. 9 recovery codes are left."
    ]
    assert recovery_codes_of(delegate_a) == sorted(codes[1:])
    client.post(reverse("logout"))
    client.force_login(delegate_a, two_factor=False)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert again.context["form"].errors["code"][0].startswith("That code is not right.")
    assert [event.split(":")[0] for event in security_log()] == [
        "two-factor recovery_code_used",
        "two-factor wrong_code",
    ]


def test_codes_typed_with_spaces_and_dashes_are_read(client, delegate_a):
    codes = turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)
    typed = f" {codes[0][:4]}-{codes[0][4:]} "

    assert client.post(VERIFY, {"code": typed}).status_code == 302


def test_wrong_codes_in_a_row_make_the_next_try_wait(client, delegate_a):
    turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)
    wrong = "000000" if code_of(delegate_a) != "000000" else "111111"
    client.post(VERIFY, {"code": wrong})

    response = client.post(VERIFY, {"code": code_of(delegate_a)})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Too many wrong codes: wait 1 second, then try again."]
    }


# Recovery codes anew, and turning it off.


def test_new_recovery_codes_replace_the_old_ones_for_a_code_of_the_app(
    client, delegate_a, security_log
):
    old = turn_on(delegate_a)
    client.force_login(delegate_a)

    response = client.post(RENEW, {"code": code_of(delegate_a)})

    assert response.url == CODES
    new = client.get(CODES).context["codes"]
    assert recovery_codes_of(delegate_a) == sorted(new)
    assert not set(new) & set(old)
    assert security_log()[-1].startswith("two-factor recovery_codes_renewed: user")


def test_new_recovery_codes_keep_a_session_signed_in_with_a_recovery_code(client, delegate_a):
    codes = turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)
    client.post(VERIFY, {"code": codes[0]})

    client.post(RENEW, {"code": code_of(delegate_a)})

    assert client.get(MINE).status_code == 200


def test_turning_it_off_takes_the_password_and_a_code(client, delegate_a, security_log):
    turn_on(delegate_a)
    client.force_login(delegate_a)
    code = code_of(delegate_a)

    refused = client.post(TURN_OFF, {"password": "wrong", "code": code})
    assert refused.context["form"].errors == {"password": ["That password is not right."]}
    # The code was not used up by a refused try: it turns it off now.
    response = client.post(TURN_OFF, {"password": PASSWORD, "code": code}, follow=True)

    assert response.redirect_chain == [(OVERVIEW, 302)]
    assert messages_of(response) == ["Two-factor sign-in is off."]
    assert not TOTPDevice.objects.filter(user=delegate_a).exists()
    assert not StaticToken.objects.filter(device__user=delegate_a).exists()
    assert security_log()[-1].startswith("two-factor disabled: user")
    client.post(reverse("logout"))
    sign_in_with_password(client, delegate_a)
    assert client.get(MINE).status_code == 200


def test_staff_cannot_turn_it_off(client, secretariat):
    client.force_login(secretariat)

    response = client.post(TURN_OFF, {"password": PASSWORD, "code": code_of(secretariat)})

    assert response.status_code == 403
    assert authenticator_of(secretariat)
    assert "Turn two-factor sign-in off" not in client.get(OVERVIEW).content.decode()


def test_the_service_refuses_to_turn_it_off_for_staff(secretariat):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.turn_off_two_factor(secretariat)


def test_a_person_whose_app_was_removed_meanwhile_is_not_asked_for_a_code(client, delegate_a):
    turn_on(delegate_a)
    client.force_login(delegate_a, two_factor=False)
    TOTPDevice.objects.filter(user=delegate_a).delete()

    response = client.get(MINE, follow=True)

    assert response.redirect_chain == [(f"{VERIFY}?next={MINE}", 302), (MINE, 302)]
    assert response.status_code == 200


def test_the_staff_factory_gives_an_app_which_can_be_left_out(db):
    staff = factories.UserFactory(username="clerk", is_staff=True)
    newcomer = factories.SecretariatUserFactory(username="newcomer", authenticator=False)

    assert authenticator_of(staff).confirmed
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
