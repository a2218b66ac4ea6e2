"""The site's own pages for a missing page, a server error and a database that cannot be
reached: branded, in the site's look, and the last two without touching the database."""

import re

import pytest

from tests.roles import ROLES, get_as
from tests.two_factor import Client

NOT_FOUND = (
    "Page not found "
    "There is no page at this address. The link may be mistyped, or the page may have moved. "
    "Go to the home page"
)
SERVER_ERROR = (
    "Something went wrong on our side "
    "The page could not be shown. The error has been recorded; please try again later. "
    "Go to the home page"
)
UNAVAILABLE = (
    "The site is temporarily unavailable "
    "Its database cannot be reached at the moment; please try again in a minute. "
    "Anything you were sending has not been saved."
)


def main_text(response):
    """The text of the page's <main>, tags dropped and spaces folded."""
    main = re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def title(response):
    return re.search(r"<title>(.*)</title>", response.content.decode()).group(1)


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_page_is_the_sites_own_page(client, roles, role):
    response = get_as(client, roles[role], "/no-such-page/")

    assert (response.status_code, title(response), main_text(response)) == (
        404,
        "Page not found · Expert groups",
        NOT_FOUND,
    )
    # The header as on every page: a signed-in user finds their way on from it.
    assert ('href="/my/documents/"' in response.content.decode()) == (role != "anonymous")


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "tests.egitrs.failing_urls"
    return Client(raise_request_exception=False)


# What the two-factor gate asks before any view: the session, the user and whether they
# are the secretariat's (for the secretariat, who is, the app their session was verified
# with instead).
SIGNED_IN_QUERIES = {"anonymous": 0}


def error_page_as(client, roles, role, path, assert_num_queries):
    """The page of `path`, failing, as `role`: the page itself asks nothing of the
    database, only the sign-in before the view did."""
    if roles[role] is not None:
        client.force_login(roles[role])
    with assert_num_queries(SIGNED_IN_QUERIES.get(role, 3)):
        return client.get(path)


@pytest.mark.parametrize("role", ROLES)
def test_a_server_error_is_the_sites_own_page_and_asks_nothing_of_the_database(
    failing_client, roles, role, django_assert_num_queries
):
    response = error_page_as(failing_client, roles, role, "/broken/", django_assert_num_queries)

    assert (response.status_code, title(response), main_text(response)) == (
        500,
        "Server error · Expert groups",
        SERVER_ERROR,
    )
    assert "Retry-After" not in response


@pytest.mark.parametrize("role", ROLES)
def test_an_unreachable_database_makes_the_site_temporarily_unavailable(
    failing_client, roles, role, django_assert_num_queries
):
    response = error_page_as(
        failing_client, roles, role, "/database-unreachable/", django_assert_num_queries
    )

    assert (response.status_code, response["Retry-After"], main_text(response)) == (
        503,
        "60",
        UNAVAILABLE,
    )
    content = response.content.decode()
    # Nothing of the failure is shown, and nothing that would need the user or a form.
    assert ("10.0.0.5" in content, "<form" in content, "Log in" in content) == (
        False,
        False,
        False,
    )


def test_a_missing_page_speaks_the_readers_language(client, db):
    client.cookies["django_language"] = "fr"

    response = client.get("/no-such-page/")

    assert (response.status_code, title(response), main_text(response)) == (
        404,
        # The site's name is the installation's own (SITE_NAME), not translated.
        "Page introuvable · Expert groups",
        "Page introuvable "
        "Il n'y a pas de page à cette adresse. Le lien est peut-être mal saisi, "
        "ou la page a été déplacée. Aller à la page d'accueil",
    )
