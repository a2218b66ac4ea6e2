"""The demo loaded once per module, for tests that read it or change it in their own
transaction (rolled back after each)."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from meetings.models import ExpertGroup
from tests.conftest import shared_records


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once into the empty database for the module's tests."""
    media = tmp_path_factory.mktemp("demo-media")
    with shared_records(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            output = load()
        yield SimpleNamespace(media=media, output=output)


@pytest.fixture
def story(loaded, db, settings):
    settings.MEDIA_ROOT = loaded.media
    return ExpertGroup.objects.get(slug="eg-itrs")
