"""A co-sponsor's confirmation stands for the text it confirmed, and for nothing else."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from contributions import services
from contributions.enums import ContributionKind, ContributionStatus, Language, SourceConfirmation
from contributions.models import Contribution, Source
from tests import factories
from tests.factories import docx_upload, make_contribution

PENDING = SourceConfirmation.PENDING
CONFIRMED = SourceConfirmation.CONFIRMED


@pytest.fixture
def delegate_c(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c")


@pytest.fixture
def draft(meeting, delegate_a, org_c):
    """A draft of A, co-sponsored by C."""
    return make_contribution(
        meeting=meeting, delegate=delegate_a, title="Joint proposal", cosponsors=[org_c]
    )


@pytest.fixture
def confirmed(draft, org_c, delegate_c):
    source = Source.objects.get(contribution=draft, organization=org_c)
    services.confirm_cosponsorship(source=source, by=delegate_c)
    mail.outbox.clear()
    return draft


def edit(contribution, by, **changes):
    fields = {
        "title": contribution.title,
        "abstract": contribution.abstract,
        "kind": contribution.kind,
        "original_language": contribution.original_language,
        "cosponsors": [s.organization for s in contribution.sources.all() if not s.is_submitter],
        "agenda_items": list(contribution.agenda_items.all()),
        **changes,
    }
    return services.update_draft(contribution=contribution, by=by, **fields)


def answer_of(contribution, organization):
    source = Source.objects.get(contribution=contribution, organization=organization)
    return source.confirmation


def test_a_confirmation_records_the_text_confirmed(confirmed, org_c):
    source = Source.objects.get(contribution=confirmed, organization=org_c)
    current = confirmed.files.get()
    assert (
        source.confirmation,
        source.confirmed_title,
        source.confirmed_abstract,
        source.confirmed_sha256,
    ) == (CONFIRMED, "Joint proposal", "What the contribution proposes.", current.sha256)


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Joint proposal, amended"},
        {"abstract": "What the contribution now proposes."},
        {"upload": "new file"},
    ],
    ids=["title", "abstract", "file"],
)
def test_a_change_of_the_text_puts_the_confirmation_back_to_pending_and_tells_the_cosponsor(
    confirmed, delegate_a, org_c, changes, django_capture_on_commit_callbacks
):
    if "upload" in changes:
        changes["upload"] = docx_upload(title="Another text")

    with django_capture_on_commit_callbacks(execute=True):
        edit(confirmed, delegate_a, **changes)

    assert answer_of(confirmed, org_c) == PENDING
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["delegate-c@example.org"],
            f"Changed since your co-sponsorship: {Contribution.objects.get().title}",
        )
    ]
    assert "since Member State C confirmed its co-sponsorship" in mail.outbox[0].body


def test_saving_the_same_text_keeps_the_confirmation(
    confirmed, delegate_a, org_c, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit(confirmed, delegate_a)

    assert answer_of(confirmed, org_c) == CONFIRMED
    assert mail.outbox == []


def test_a_translation_is_not_a_new_text(confirmed, delegate_a, org_c, secretariat):
    services.submit_contribution(contribution=confirmed, by=delegate_a)
    mail.outbox.clear()

    services.post_translation(
        contribution=confirmed,
        language=Language.FRENCH,
        upload=docx_upload(title="Proposition commune"),
        by=secretariat,
    )

    assert answer_of(confirmed, org_c) == CONFIRMED


def test_publication_waits_for_the_cosponsor_to_confirm_the_new_text(
    confirmed, delegate_a, delegate_c, org_c, secretariat
):
    edit(confirmed, delegate_a, title="Joint proposal, amended")
    services.submit_contribution(contribution=confirmed, by=delegate_a)

    with pytest.raises(ValidationError, match="Member State C must first confirm co-sponsorship"):
        services.publish_contribution(contribution=confirmed, by=secretariat)
    assert Contribution.objects.get().status == ContributionStatus.SUBMITTED

    source = Source.objects.get(contribution=confirmed, organization=org_c)
    services.confirm_cosponsorship(source=source, by=delegate_c)
    published = services.publish_contribution(contribution=confirmed, by=secretariat)

    assert published.public_sources == [published.submitting_organization, org_c]
    source.refresh_from_db()
    assert source.confirmed_title == "Joint proposal, amended"


def test_the_reset_is_in_the_sources_history(confirmed, delegate_a, org_c):
    edit(confirmed, delegate_a, title="Joint proposal, amended")

    source = Source.objects.get(contribution=confirmed, organization=org_c)
    rows = [
        (row.confirmation, row.history_change_reason, row.history_user)
        for row in source.history.order_by("history_date", "history_id")
    ]
    assert rows[-1] == (PENDING, "The text changed after the confirmation.", delegate_a)


def test_the_submitters_own_source_follows_its_text(confirmed, delegate_a, org_a):
    edit(confirmed, delegate_a, title="Joint proposal, amended")

    own = Source.objects.get(contribution=confirmed, organization=org_a)
    assert (own.confirmation, own.confirmed_title) == (CONFIRMED, "Joint proposal, amended")


def test_a_cosponsor_named_on_a_requested_document_is_bound_too(
    meeting, secretariat, org_a, org_c
):
    contribution = services.create_draft(
        meeting=meeting,
        organization=org_a,
        by=secretariat,
        title="Requested",
        kind=ContributionKind.CONTRIBUTION,
        original_language=Language.ENGLISH,
        cosponsors=[org_c],
        upload=docx_upload(),
        is_requested=True,
    )
    source = Source.objects.get(contribution=contribution, organization=org_c)
    services.override_cosponsorship(source=source, by=secretariat, reason="Letter of 3 May.")
    source.refresh_from_db()

    assert (source.confirmation, source.confirmed_title, source.override_reason) == (
        CONFIRMED,
        "Requested",
        "Letter of 3 May.",
    )


def test_a_published_documents_sources_are_settled(
    confirmed, delegate_a, org_c, secretariat, django_capture_on_commit_callbacks
):
    services.submit_contribution(contribution=confirmed, by=delegate_a)
    published = services.publish_contribution(contribution=confirmed, by=secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_file(
            contribution=published,
            upload=docx_upload(title="Clean copy"),
            language=Language.ENGLISH,
            by=secretariat,
        )

    assert answer_of(published, org_c) == CONFIRMED
    assert mail.outbox == []


def test_the_secretariat_records_a_refusal_by_letter(draft, delegate_a, org_c, secretariat):
    services.submit_contribution(contribution=draft, by=delegate_a)
    source = Source.objects.get(contribution=draft, organization=org_c)

    with pytest.raises(ValidationError, match="Say how the organization declined"):
        services.decline_for_organization(source=source, by=secretariat, reason=" ")
    assert answer_of(draft, org_c) == PENDING
    services.decline_for_organization(source=source, by=secretariat, reason="Letter of 2 May.")

    source.refresh_from_db()
    assert (source.confirmation, source.override_reason, source.confirmed_by) == (
        SourceConfirmation.DECLINED,
        "Letter of 2 May.",
        secretariat,
    )
    published = services.publish_contribution(contribution=draft, by=secretariat)
    assert published.public_sources == [published.submitting_organization]
