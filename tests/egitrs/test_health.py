"""/health/ for load balancers: public, never cached, 200 only while the database, the
cache and the file storage all work (the database down: tests/test_database_faults.py)."""

import pytest
from django.urls import reverse

from tests.roles import ROLES, get_as

WORKING = (
    "Database(alias='default'): OK\nCache(alias='default'): OK\nStorage(alias='default'): OK\n"
)


def health(client, user=None, **headers):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("health"), headers=headers)


@pytest.mark.parametrize("role", ROLES)
def test_anyone_may_ask_whether_the_site_works(client, roles, role):
    response = health(client, roles[role], accept="text/plain")

    assert (response.status_code, response.content.decode()) == (200, WORKING)
    assert response["Cache-Control"] == ("max-age=0, no-cache, no-store, must-revalidate, private")


@pytest.mark.parametrize("role", ROLES)
def test_a_browser_gets_the_status_as_a_page_of_the_site(client, roles, role):
    response = get_as(client, roles[role], reverse("health"))

    content = response.content.decode()
    assert (response.status_code, response.templates[0].name) == (200, "health_check/index.html")
    assert "<h1>System status: working</h1>" in content
    assert "<style" not in content


def test_a_storage_that_cannot_be_written_fails_the_check(client, db, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the uploads should go")
    settings.MEDIA_ROOT = not_a_folder

    response = health(client, accept="text/plain")

    assert (response.status_code, response.content.decode()) == (
        500,
        "Database(alias='default'): OK\nCache(alias='default'): OK\n"
        "Storage(alias='default'): Unknown Error: unknown error\n",
    )
