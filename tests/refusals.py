"""How a test checks a refusal: the error and message it expects, and that nothing changed."""

import contextlib
import re

import pytest
from django.apps import apps
from django.core import mail
from django.test import TestCase

from egitrs import page_cache

# What a refusal is expected to write: the security log records refusals themselves.
LOGS = {"members.SecurityEvent"}


def row_counts():
    """How many rows every table holds, history tables included, the security log not."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label not in LOGS
    }


def stored(obj):
    """Every column of `obj`'s row as the database holds it now."""
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


@contextlib.contextmanager
def refused(exception, message, *objects):
    """Expect `exception` with `message` in its text, and that the refused call changed
    nothing: each of `objects` reloaded is as it was, no table gained or lost a row (so no
    status change, history or audit row was written), no mail went out and none waits
    for the transaction's commit.

        with refused(ValidationError, "Say why", contribution):
            services.decide_late(...)
    """
    rows, counts, sent = [stored(obj) for obj in objects], row_counts(), len(mail.outbox)
    with (
        TestCase.captureOnCommitCallbacks(execute=True) as after_commit,
        pytest.raises(exception, match=re.escape(message)) as error,
    ):
        yield error
    # A write, even one the refusal undid, starts a new generation of the public pages;
    # what it changed is for the rows' checks below to find.
    work = [callback for callback in after_commit if callback is not page_cache._new_generation]
    assert work == [], "the refused call left work for after the commit"
    assert [stored(obj) for obj in objects] == rows, "the refused call changed a row"
    assert row_counts() == counts, "the refused call added or deleted rows"
    assert len(mail.outbox) == sent, "the refused call sent mail"
