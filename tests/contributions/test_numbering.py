"""Register numbers: 1..N per meeting with no gap and no duplicate, also under concurrency."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from contributions import services
from contributions.enums import AmendmentKind, ContributionStatus
from contributions.models import Contribution
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED


def _submitted(meeting, delegate, count):
    return [
        make_contribution(meeting=meeting, delegate=delegate, status=SUBMITTED, title=f"Doc {i}")
        for i in range(count)
    ]


def _amendment_draft(base, delegate, kind=AmendmentKind.REVISION):
    """A draft amending `base`, submitted.

    There is no service to start an amendment yet, so the link is set on the draft directly.
    """
    draft = make_contribution(meeting=base.meeting, delegate=delegate, title=f"{kind} of base")
    Contribution.objects.filter(pk=draft.pk).update(base=base, amendment_kind=kind)
    return services.submit_contribution(contribution=draft, by=delegate)


def test_sequential_publication_numbers_one_to_n(meeting, delegate_a, secretariat):
    contributions = _submitted(meeting, delegate_a, 4)
    for contribution in contributions:
        services.publish_contribution(contribution=contribution, by=secretariat)
    numbers = list(
        Contribution.objects.filter(meeting=meeting)
        .order_by("pk")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4]
    assert [c.register_number for c in Contribution.objects.filter(meeting=meeting)] == [
        f"EG-ITRs {meeting.ordinal}/{n}" for n in (1, 2, 3, 4)
    ]


def test_numbering_is_independent_per_meeting(group, delegate_a, secretariat):
    first = factories.MeetingFactory(group=group, ordinal=1)
    second = factories.MeetingFactory(group=group, ordinal=2)
    a1, b1, a2, b2, a3 = (
        _submitted(first, delegate_a, 1)
        + _submitted(second, delegate_a, 1)
        + _submitted(first, delegate_a, 1)
        + _submitted(second, delegate_a, 1)
        + _submitted(first, delegate_a, 1)
    )
    for contribution in (a1, b1, a2, b2, a3):
        services.publish_contribution(contribution=contribution, by=secretariat)
    assert [c.register_number for c in Contribution.objects.order_by("pk")] == [
        "EG-ITRs 1/1",
        "EG-ITRs 2/1",
        "EG-ITRs 1/2",
        "EG-ITRs 2/2",
        "EG-ITRs 1/3",
    ]


def test_withdrawn_documents_keep_their_number_and_leave_no_gap(meeting, delegate_a, secretariat):
    first, second, third = _submitted(meeting, delegate_a, 3)
    services.publish_contribution(contribution=first, by=secretariat)
    services.withdraw_contribution(contribution=second, by=delegate_a)
    services.withdraw_contribution(contribution=first, by=secretariat)
    services.publish_contribution(contribution=third, by=secretariat)
    assert [(c.status, c.number) for c in Contribution.objects.order_by("pk")] == [
        (ContributionStatus.WITHDRAWN, 1),
        (ContributionStatus.WITHDRAWN, None),
        (PUBLISHED, 2),
    ]


def test_returned_and_resubmitted_document_gets_the_next_number(meeting, delegate_a, secretariat):
    first, second = _submitted(meeting, delegate_a, 2)
    services.return_for_changes(contribution=first, by=secretariat, reason="Template.")
    services.publish_contribution(contribution=second, by=secretariat)
    services.submit_contribution(contribution=first, by=delegate_a)
    services.publish_contribution(contribution=first, by=secretariat)
    assert Contribution.objects.get(pk=second.pk).number == 1
    assert Contribution.objects.get(pk=first.pk).number == 2


def test_revision_takes_the_base_number(group, delegate_a, secretariat):
    meeting = factories.MeetingFactory(group=group, ordinal=2)
    documents = _submitted(meeting, delegate_a, 5)
    for contribution in documents:
        services.publish_contribution(contribution=contribution, by=secretariat)
    base = Contribution.objects.get(pk=documents[4].pk)
    assert base.register_number == "EG-ITRs 2/5"

    revision = services.publish_contribution(
        contribution=_amendment_draft(base, delegate_a), by=secretariat
    )
    revision = Contribution.objects.get(pk=revision.pk)
    assert (revision.number, revision.amendment_ordinal) == (5, 1)
    assert revision.register_number == "EG-ITRs 2/5 (Rev.1)"
    assert revision.slug == "2-5-rev1"

    second_revision = services.publish_contribution(
        contribution=_amendment_draft(base, delegate_a), by=secretariat
    )
    addendum = services.publish_contribution(
        contribution=_amendment_draft(base, delegate_a, AmendmentKind.ADDENDUM), by=secretariat
    )
    corrigendum = services.publish_contribution(
        contribution=_amendment_draft(base, delegate_a, AmendmentKind.CORRIGENDUM),
        by=secretariat,
    )
    assert [(c.register_number, c.slug) for c in (second_revision, addendum, corrigendum)] == [
        ("EG-ITRs 2/5 (Rev.2)", "2-5-rev2"),
        ("EG-ITRs 2/5 (Add.1)", "2-5-add1"),
        ("EG-ITRs 2/5 (Corr.1)", "2-5-corr1"),
    ]

    # Amendments take no number of their own: the next document is 6.
    (next_document,) = _submitted(meeting, delegate_a, 1)
    next_document = services.publish_contribution(contribution=next_document, by=secretariat)
    assert next_document.register_number == "EG-ITRs 2/6"


def test_amendment_of_an_unpublished_document_is_refused(meeting, delegate_a, secretariat):
    (base,) = _submitted(meeting, delegate_a, 1)
    amendment = _amendment_draft(base, delegate_a)
    message = "Publish the document this one amends before publishing this one."
    with refused(ValidationError, message, amendment, base):
        services.publish_contribution(contribution=amendment, by=secretariat)
    amendment.refresh_from_db()
    assert (amendment.status, amendment.number) == (SUBMITTED, None)


def test_draft_has_no_register_number_nor_slug(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    assert (contribution.register_number, contribution.slug) == ("", "")


CONCURRENT_PUBLISHERS = 8


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_publication_gives_one_to_n(meeting, delegate_a, secretariat):
    """Officers publishing at the same instant get 1..N: the meeting row lock serializes them."""
    contributions = _submitted(meeting, delegate_a, CONCURRENT_PUBLISHERS)
    barrier = threading.Barrier(CONCURRENT_PUBLISHERS)
    errors = []

    def publish(pk):
        try:
            # Each thread has its own connection, so each publication is its own transaction.
            by = get_user_model().objects.get(pk=secretariat.pk)
            contribution = Contribution.objects.get(pk=pk)
            barrier.wait(timeout=30)
            services.publish_contribution(contribution=contribution, by=by)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(c.pk,)) for c in contributions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(
        Contribution.objects.filter(meeting=meeting).values_list("number", flat=True)
    ) == list(range(1, CONCURRENT_PUBLISHERS + 1))
    assert set(Contribution.objects.values_list("status", flat=True)) == {PUBLISHED}
