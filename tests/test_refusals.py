"""The refusal check of the tests (`tests.refusals.refused`) fails when something changed."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from tests import factories
from tests.refusals import refused


def refuse(*changes):
    """A service that makes `changes`, then refuses, with no transaction to undo them."""
    for change in changes:
        change()
    raise ValidationError("Not now.")


@pytest.fixture
def group(db):
    return factories.ExpertGroupFactory(acronym="EG-R", name="Refusing group")


def rename(group):
    group.name = "Renamed"
    group.save()


def add_group():
    factories.ExpertGroupFactory(acronym="EG-NEW")


def mail_after_commit():
    transaction.on_commit(lambda: mail.send_mail("Refused", "Body", None, ["a@example.org"]))


def mail_now():
    mail.send_mail("Refused", "Body", None, ["a@example.org"])


def test_a_refusal_that_changed_nothing_passes(group):
    with refused(ValidationError, "Not now.", group) as error:
        refuse()

    assert error.value.messages == ["Not now."]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (rename, "the refused call changed a row"),
        (lambda group: add_group(), "the refused call added or deleted rows"),
        (lambda group: mail_after_commit(), "the refused call left work for after the commit"),
        (lambda group: mail_now(), "the refused call sent mail"),
    ],
    ids=["row changed", "row added", "mail after commit", "mail sent"],
)
def test_a_refusal_that_changed_something_fails(group, change, complaint):
    with (
        pytest.raises(AssertionError, match=complaint),
        refused(ValidationError, "Not now.", group),
    ):
        refuse(lambda: change(group))


def test_another_message_fails(group):
    with (
        pytest.raises(AssertionError, match="Regex pattern did not match"),
        refused(ValidationError, "Not today.", group),
    ):
        refuse()


def test_no_refusal_fails(group):
    with (
        pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"),
        refused(ValidationError, "Not now.", group),
    ):
        pass
