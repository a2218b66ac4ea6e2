"""What the history tests share: folders as bytes, row counts, the accounts of a history."""

from pathlib import Path

from django.apps import apps

from members.models import Membership, Organization
from members.resources import import_member_states
from tests import factories
from tests.history.histories import DELEGATE_DE


def tree(folder):
    """Every file under `folder`, by relative path, as bytes."""
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def second_history_accounts():
    """The importing secretariat user, and the German delegate who declined a co-sponsorship."""
    import_member_states()
    secretariat = factories.SecretariatUserFactory(username="secretariat")
    delegate = factories.UserFactory(username=DELEGATE_DE)
    Membership.objects.get_or_create(
        user=delegate, organization=Organization.objects.get(iso_code="DE")
    )
    return secretariat
