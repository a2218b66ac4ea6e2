"""The language a person chooses: the site's, and that of the mail they receive."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from members.models import Profile, language_of
from tests import factories

SET_LANGUAGE = reverse("set_language")
PASSWORD = "correct horse battery staple"


def choose(client, language, next_url="/"):
    return client.post(SET_LANGUAGE, {"language": language, "next": next_url})


def log_in(client, user):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD, "next": "/my/documents/"},
    )


def test_the_switcher_is_the_one_in_the_header(client, db):
    response = client.get(reverse("login"))

    assert SET_LANGUAGE == "/i18n/setlang/"
    assert f'<form class="language-switcher" action="{SET_LANGUAGE}" method="post">' in (
        response.text
    )


def test_a_signed_in_persons_choice_is_saved_in_their_profile(client, delegate_a):
    client.force_login(delegate_a)

    response = choose(client, "fr", next_url="/my/documents/")

    assert response.status_code == 302
    assert response["Location"] == "/my/documents/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert language_of(delegate_a) == "fr"
    assert client.get(reverse("contributions:mine")).headers["Content-Language"] == "fr"

    choose(client, "es")

    assert list(Profile.objects.values_list("user__username", "language")) == [
        ("delegate-a", "es")
    ]


def test_a_regional_variant_is_saved_as_the_language_the_site_has(client, delegate_a):
    client.force_login(delegate_a)

    choose(client, "fr-ca")

    assert Profile.objects.get(user=delegate_a).language == "fr"


@pytest.mark.parametrize("language", ["de", "", "xx"])
def test_a_language_the_site_does_not_offer_changes_nothing(client, delegate_a, language):
    Profile.objects.create(user=delegate_a, language="ru")
    client.force_login(delegate_a)

    response = choose(client, language)

    assert response.status_code == 302
    assert Profile.objects.get(user=delegate_a).language == "ru"


def test_a_get_changes_nothing(client, delegate_a):
    client.force_login(delegate_a)

    response = client.get(SET_LANGUAGE, {"language": "fr", "next": "/"})

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not Profile.objects.filter(user=delegate_a).exists()


def test_an_anonymous_visitor_gets_the_cookie_and_nothing_is_stored(client, db):
    response = choose(client, "fr")

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert Profile.objects.count() == 0
    assert client.get("/").headers["Content-Language"] == "fr"


def test_the_switch_still_needs_the_csrf_token(delegate_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(delegate_a)

    response = choose(client, "fr")

    assert response.status_code == 403
    assert not Profile.objects.filter(user=delegate_a).exists()


def test_login_shows_the_site_in_the_persons_language(client, delegate_a):
    Profile.objects.create(user=delegate_a, language="fr")

    response = log_in(client, delegate_a)

    assert response.status_code == 302
    assert response["Location"] == "/my/documents/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/my/documents/")
    assert page.headers["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in page.text


def test_login_of_someone_who_never_chose_keeps_the_language_they_browse_in(client, db):
    user = factories.DelegateFactory(username="newcomer")
    choose(client, "es")

    response = log_in(client, user)

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get("/my/documents/").headers["Content-Language"] == "es"


def test_a_failed_login_sets_no_language(client, delegate_a):
    Profile.objects.create(user=delegate_a, language="fr")

    response = client.post(
        reverse("login"), {"username": delegate_a.username, "password": "wrong"}
    )

    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_arabic_is_shown_right_to_left_after_login(client, delegate_a):
    Profile.objects.create(user=delegate_a, language="ar")

    log_in(client, delegate_a)

    assert '<html lang="ar" dir="rtl">' in client.get("/my/documents/").text
