"""Shared fixtures: the five roles every view is tested for, and the test environment.

Tests that need PostgreSQL, a browser or a ClamAV daemon are skipped, with the reason,
where those are missing, except when EGITRS_REQUIRE_ALL is set (as CI does): then they
fail.
"""

import contextlib
import os

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import translation

from contributions.files import antivirus
from tests import factories
from tests.two_factor import Client

REQUIRE_ALL = bool(os.environ.get("EGITRS_REQUIRE_ALL"))
# The refusal check's asserts say what differs, as those of a test do.
pytest.register_assert_rewrite("tests.refusals")


def missing(reason):
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (EGITRS_REQUIRE_ALL is set, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _requirements(request):
    if request.node.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")
    if request.node.get_closest_marker("clamd") and not antivirus.is_configured():
        missing("needs a ClamAV daemon: set CLAMD_SOCKET (or CLAMD_HOST and CLAMD_PORT)")


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections(django_db_setup, django_db_blocker):
    """Let the test database be dropped at the end, on PostgreSQL (each worker its own).

    Threads of the browser tests' live server may still hold a connection when the
    session ends; PostgreSQL refuses to drop a database that is in use.
    """
    yield
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@contextlib.contextmanager
def shared_records(django_db_blocker):
    """A transaction kept open around a module's tests, for costly records they all read.

    Build the records inside it under `django_db_blocker.unblock()`. Each test's own
    transaction (the `db` fixture) is a savepoint inside this one and is rolled back after
    the test, so the tests share the records but never what another test changed; this
    transaction is rolled back at the end. Only for tests that use `db`, not
    `transactional_db` nor `live_server`.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request's LocaleMiddleware
    leaves the language it activated (French, say) on the thread after the response."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: what it counts (password-reset mail) and the
    pages kept are its own. (The lockout counts live in the database and roll back with
    each test.)"""
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def group(db):
    return factories.ExpertGroupFactory()


@pytest.fixture
def meeting(group):
    return factories.MeetingFactory(group=group)


@pytest.fixture
def org_a(db):
    return factories.OrganizationFactory(name="Member State A")


@pytest.fixture
def org_b(db):
    return factories.OrganizationFactory(name="Member State B")


@pytest.fixture
def org_c(db):
    return factories.OrganizationFactory(name="Member State C")


@pytest.fixture
def author(org_c):
    """A delegate of a third organization: the documents are nobody else's own."""
    return factories.DelegateFactory(organization=org_c, username="author")


@pytest.fixture
def delegate_a(org_a):
    return factories.DelegateFactory(organization=org_a, username="delegate-a")


@pytest.fixture
def delegate_b(org_b):
    return factories.DelegateFactory(organization=org_b, username="delegate-b")


@pytest.fixture
def officer(group):
    return factories.OfficerUserFactory(group=group, username="officer")


@pytest.fixture
def secretariat(db):
    return factories.SecretariatUserFactory(username="secretariat")


@pytest.fixture
def roles(delegate_a, delegate_b, officer, secretariat):
    """Every kind of user, by name: None is the anonymous visitor."""
    return {
        "anonymous": None,
        "delegate_a": delegate_a,
        "delegate_b": delegate_b,
        "officer": officer,
        "secretariat": secretariat,
    }


@pytest.fixture
def people(roles, org_c, group):
    """The readers of a document of org A co-sponsored by org C, by what they are to it:
    anonymous is an AnonymousUser here, so that policies can be asked directly."""
    from django.contrib.auth.models import AnonymousUser

    other_group = factories.ExpertGroupFactory(acronym="EG-X", name="Another group")
    return {
        "anonymous": AnonymousUser(),
        "submitter": roles["delegate_a"],
        "cosponsor": factories.DelegateFactory(organization=org_c, username="delegate-c"),
        "other_delegate": roles["delegate_b"],
        "officer": roles["officer"],
        "other_officer": factories.OfficerUserFactory(group=other_group, username="x-chair"),
        "secretariat": roles["secretariat"],
    }
