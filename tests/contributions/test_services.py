"""The contribution workflow, move by move, through the service functions."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from contributions import services
from contributions.enums import (
    CONTRIBUTION_MOVES,
    ContributionKind,
    ContributionStatus,
    Language,
)
from contributions.models import Contribution, ContributionFile, StatusChange
from contributions.services import TransitionNotAllowed
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from members.models import Membership
from tests import factories
from tests.factories import docx_upload, make_contribution, pdf_upload
from tests.refusals import refused

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
WITHDRAWN = ContributionStatus.WITHDRAWN
STATUSES = [DRAFT, SUBMITTED, PUBLISHED, WITHDRAWN]

# Who makes each legal move (DESIGN.md section 4).
MOVER = {
    (DRAFT, SUBMITTED): "delegate_a",
    (DRAFT, WITHDRAWN): "delegate_a",
    (SUBMITTED, DRAFT): "secretariat",
    (SUBMITTED, PUBLISHED): "secretariat",
    (SUBMITTED, WITHDRAWN): "delegate_a",
    (PUBLISHED, WITHDRAWN): "secretariat",
}

# Who may not make it, and is refused with PermissionDenied.
WRONG_ACTORS = {
    (DRAFT, SUBMITTED): ["anonymous", "delegate_b", "cosponsor", "officer"],
    (DRAFT, WITHDRAWN): ["anonymous", "delegate_b", "cosponsor", "officer"],
    (SUBMITTED, DRAFT): ["anonymous", "delegate_a", "delegate_b", "cosponsor", "officer"],
    (SUBMITTED, PUBLISHED): ["anonymous", "delegate_a", "delegate_b", "cosponsor", "officer"],
    (SUBMITTED, WITHDRAWN): ["anonymous", "delegate_b", "cosponsor", "officer"],
    (PUBLISHED, WITHDRAWN): ["anonymous", "delegate_a", "delegate_b", "cosponsor", "officer"],
}
# What they are told, by the status asked for.
WRONG_ACTOR_MESSAGES = {
    SUBMITTED: "You may not submit this document now.",
    DRAFT: "Only the secretariat can.",
    PUBLISHED: "Only the secretariat can.",
    WITHDRAWN: "You may not withdraw this document.",
}


def move(contribution, to, by):
    """Ask the service that makes a document `to`, as `by`."""
    if to == SUBMITTED:
        return services.submit_contribution(contribution=contribution, by=by)
    if to == DRAFT:
        return services.return_for_changes(
            contribution=contribution, by=by, reason="Please use the template."
        )
    if to == PUBLISHED:
        return services.publish_contribution(contribution=contribution, by=by)
    return services.withdraw_contribution(contribution=contribution, by=by, note="Not needed.")


def snapshot(contribution):
    contribution = Contribution.objects.get(pk=contribution.pk)
    return {
        "status": contribution.status,
        "number": contribution.number,
        "is_late": contribution.is_late,
        "submitted_at": contribution.submitted_at,
        "published_at": contribution.published_at,
        "status_changes": list(
            contribution.status_changes.values_list("from_status", "to_status")
        ),
    }


@pytest.fixture
def cosponsor(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c")


@pytest.fixture
def actors(roles, cosponsor):
    return {**roles, "anonymous": AnonymousUser(), "cosponsor": cosponsor}


@pytest.fixture
def in_state(meeting, delegate_a, secretariat, org_c, cosponsor):
    """A contribution of org A (co-sponsored by org C, who confirmed) brought to a status."""

    def make(status):
        contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_c])
        services.confirm_cosponsorship(source=contribution.sources.get(order=1), by=cosponsor)
        if status == DRAFT:
            return contribution
        path = {
            SUBMITTED: [(SUBMITTED, delegate_a)],
            PUBLISHED: [(SUBMITTED, delegate_a), (PUBLISHED, secretariat)],
            WITHDRAWN: [
                (SUBMITTED, delegate_a),
                (PUBLISHED, secretariat),
                (WITHDRAWN, secretariat),
            ],
        }[status]
        for to, by in path:
            contribution = move(contribution, to, by)
        return contribution

    return make


@pytest.mark.parametrize("to", STATUSES)
@pytest.mark.parametrize("from_", STATUSES)
def test_every_pair_of_the_transition_table(from_, to, in_state, actors):
    contribution = in_state(from_)
    before = snapshot(contribution)
    if CONTRIBUTION_MOVES.move(from_, to) is not None:
        by = actors[MOVER[from_, to]]
        moved = move(contribution, to, by)
        moved.refresh_from_db()
        assert moved.status == to
        changes = StatusChange.objects.filter(contribution=moved).order_by("pk")
        assert changes.count() == len(before["status_changes"]) + 1
        last = changes.last()
        assert (last.from_status, last.to_status, last.by) == (from_, to, by)
        expected_note = {DRAFT: "Please use the template.", WITHDRAWN: "Not needed."}
        assert last.note == expected_note.get(to, "")
    else:
        # The most powerful actor: the refusal comes from the table, not from permissions.
        message = f"A {from_.label.lower()} document cannot become {to.label.lower()}."
        with refused(TransitionNotAllowed, message, contribution):
            move(contribution, to, actors["secretariat"])
        assert snapshot(contribution) == before


@pytest.mark.parametrize(
    ("from_", "to", "actor"),
    [(from_, to, actor) for (from_, to), names in WRONG_ACTORS.items() for actor in names],
)
def test_wrong_actor_is_refused_and_nothing_changes(from_, to, actor, in_state, actors):
    contribution = in_state(from_)
    before = snapshot(contribution)
    with refused(PermissionDenied, WRONG_ACTOR_MESSAGES[to], contribution):
        move(contribution, to, actors[actor])
    assert snapshot(contribution) == before


def test_transition_table_is_the_design():
    assert {(move.source, move.target) for move in CONTRIBUTION_MOVES} == set(MOVER)


def test_secretariat_submits_on_behalf_of_a_delegation(meeting, delegate_a, secretariat):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    services.submit_contribution(contribution=contribution, by=secretariat)
    contribution.refresh_from_db()
    assert contribution.status == SUBMITTED
    assert contribution.status_changes.get().by == secretariat


def test_submit_needs_a_file(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    message = "Attach the document's file before submitting it."
    with refused(ValidationError, message, contribution):
        services.submit_contribution(contribution=contribution, by=delegate_a)
    assert snapshot(contribution)["status"] == DRAFT


def test_return_needs_a_reason(meeting, delegate_a, secretariat):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    with refused(ValidationError, "Say why the document is returned.", contribution):
        services.return_for_changes(contribution=contribution, by=secretariat, reason="  ")
    assert snapshot(contribution)["status"] == SUBMITTED


def test_create_draft_only_for_own_organization(meeting, delegate_a, org_b):
    with refused(PermissionDenied, "You may only submit for your own organization.", meeting):
        services.create_draft(
            meeting=meeting,
            organization=org_b,
            by=delegate_a,
            title="Not ours",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
        )
    assert Contribution.objects.count() == 0


def test_officer_without_delegation_cannot_start_a_draft(meeting, officer, org_a):
    with refused(PermissionDenied, "You may only submit for your own organization.", meeting):
        services.create_draft(
            meeting=meeting,
            organization=org_a,
            by=officer,
            title="Chair's idea",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
        )


def test_no_draft_for_a_closed_meeting(meeting, delegate_a, org_a):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    with refused(PermissionDenied, "This meeting takes no contributions.", meeting):
        services.create_draft(
            meeting=meeting,
            organization=org_a,
            by=delegate_a,
            title="Too late",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
        )
    assert Contribution.objects.count() == 0


def test_create_draft_takes_the_groups_default_access(meeting, delegate_a):
    meeting.group.default_access = "members"
    meeting.group.save()
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    assert contribution.access_level == "members"


# Late flag


def _deadline_passed(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        contribution_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    meeting.refresh_from_db()


def test_submit_before_the_deadline_is_on_time(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    contribution.refresh_from_db()
    assert contribution.is_late is False
    assert contribution.submitted_at is not None


def test_submit_after_the_deadline_is_late(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    _deadline_passed(meeting)
    services.submit_contribution(contribution=contribution, by=delegate_a)
    contribution.refresh_from_db()
    assert (contribution.status, contribution.is_late) == (SUBMITTED, True)


@pytest.mark.parametrize(
    ("kind", "late"),
    [
        (ContributionKind.CONTRIBUTION, True),
        (ContributionKind.INFORMATION, True),
        (ContributionKind.REPORT, True),
        (ContributionKind.OTHER, True),
        (ContributionKind.ADMINISTRATIVE, False),
        (ContributionKind.CHAIR_PROPOSAL, False),
        (ContributionKind.COMPILATION, False),
    ],
)
def test_late_flag_by_kind(kind, late, meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, kind=kind)
    _deadline_passed(meeting)
    services.submit_contribution(contribution=contribution, by=delegate_a)
    contribution.refresh_from_db()
    assert contribution.is_late is late


def test_submit_after_the_meetings_last_day_is_refused(meeting, delegate_a, secretariat):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    yesterday = timezone.now().astimezone(meeting.tz).date() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        start_date=yesterday - datetime.timedelta(days=1), end_date=yesterday
    )
    for by in (delegate_a, secretariat):
        message = "The meeting has ended: no more contributions can be submitted to it."
        with refused(ValidationError, message, contribution):
            services.submit_contribution(contribution=contribution, by=by)
    assert snapshot(contribution)["status"] == DRAFT


def test_submit_on_the_meetings_last_day_is_accepted(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    today = timezone.now().astimezone(meeting.tz).date()
    Meeting.objects.filter(pk=meeting.pk).update(
        start_date=today - datetime.timedelta(days=1), end_date=today
    )
    services.submit_contribution(contribution=contribution, by=delegate_a)
    assert snapshot(contribution)["status"] == SUBMITTED


# Mail


def test_submit_mails_the_submitter_and_the_secretariat(
    meeting, delegate_a, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "eg-itrs@itu.example"
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, title="Work plan")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=contribution, by=delegate_a)
    # One message per person, so that nobody learns who else was told.
    assert [message.to for message in mailoutbox] == [
        ["delegate-a@example.org"],
        ["eg-itrs@itu.example"],
    ]
    message = mailoutbox[0]
    assert message.subject == "Submitted: Work plan"
    assert "“Work plan” was submitted to EG-ITRs meeting" in message.body
    assert "marked late" not in message.body


def test_late_submission_mail_says_late(
    meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    _deadline_passed(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=contribution, by=delegate_a)
    assert "It arrived after the contribution deadline and is marked late." in mailoutbox[0].body


def test_return_mails_the_submitting_organizations_delegates_with_the_reason(
    meeting, delegate_a, secretariat, org_a, org_b, delegate_b, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    factories.DelegateFactory(organization=org_a, username="delegate-a2")
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_changes(
            contribution=contribution, by=secretariat, reason="Use the ITU template."
        )
    assert [message.to for message in mailoutbox] == [
        ["delegate-a2@example.org"],
        ["delegate-a@example.org"],
    ]
    message = mailoutbox[0]
    assert message.subject == "Returned for changes: Proposal for the work plan"
    assert "Reason:\nUse the ITU template." in message.body


def test_publication_mails_every_sources_current_delegates(
    meeting, delegate_a, secretariat, org_a, org_b, delegate_b, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    org_c = factories.OrganizationFactory(name="Member State C")
    factories.DelegateFactory(organization=org_c, username="delegate-c")
    former = factories.DelegateFactory(organization=org_a, username="former")
    Membership.objects.filter(user=former).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    factories.DelegateFactory(organization=org_a, username="inactive", is_active=False)
    factories.DelegateFactory(organization=org_b, username="no-mail", email="")
    factories.DelegateFactory(username="outsider")
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b, org_c]
    )
    for source in contribution.sources.filter(order__gt=0):
        services.override_cosponsorship(source=source, by=secretariat, reason="By letter.")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_contribution(contribution=contribution, by=secretariat)
    assert [message.to for message in mailoutbox] == [
        ["delegate-a@example.org"],
        ["delegate-b@example.org"],
        ["delegate-c@example.org"],
    ]
    message = mailoutbox[0]
    number = f"EG-ITRs {meeting.ordinal}/1"
    assert message.subject == f"Published as {number}: Proposal for the work plan"
    assert f"was published as {number}." in message.body


def test_withdrawal_sends_no_mail(
    meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_contribution(contribution=contribution, by=delegate_a)
    assert mailoutbox == []


@pytest.mark.parametrize("to", [SUBMITTED, DRAFT, PUBLISHED])
def test_no_mail_when_the_transaction_rolls_back(
    to, meeting, delegate_a, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    status = DRAFT if to == SUBMITTED else SUBMITTED
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=status)
    by = delegate_a if to == SUBMITTED else secretariat
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="something later in the request failed"),
        transaction.atomic(),
    ):
        move(contribution, to, by)
        raise RuntimeError("something later in the request failed")
    assert callbacks == []
    assert mailoutbox == []
    assert snapshot(contribution)["status"] == status


# Drafts: co-sponsors and files


def _update(contribution, by, **changes):
    fields = {
        "title": contribution.title,
        "abstract": contribution.abstract,
        "kind": contribution.kind,
        "original_language": contribution.original_language,
        "cosponsors": [],
        "agenda_items": [],
    }
    return services.update_draft(contribution=contribution, by=by, **{**fields, **changes})


def _sources(contribution):
    return list(contribution.sources.order_by("order").values_list("organization__name", "order"))


def test_cosponsors_set_reordered_and_removed(meeting, delegate_a, org_a, org_b):
    org_c = factories.OrganizationFactory(name="Member State C")
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b])
    assert _sources(contribution) == [("Member State A", 0), ("Member State B", 1)]

    # The submitter and duplicates among the co-sponsors are ignored.
    _update(contribution, delegate_a, cosponsors=[org_b, org_a, org_c, org_b])
    assert _sources(contribution) == [
        ("Member State A", 0),
        ("Member State B", 1),
        ("Member State C", 2),
    ]

    _update(contribution, delegate_a, cosponsors=[org_c, org_b])
    assert _sources(contribution) == [
        ("Member State A", 0),
        ("Member State C", 1),
        ("Member State B", 2),
    ]

    _update(contribution, delegate_a, cosponsors=[org_b])
    assert _sources(contribution) == [("Member State A", 0), ("Member State B", 1)]

    _update(contribution, delegate_a, cosponsors=[])
    assert _sources(contribution) == [("Member State A", 0)]


def test_update_draft_changes_what_the_draft_says(meeting, delegate_a):
    item = factories.AgendaItemFactory(meeting=meeting)
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    _update(
        contribution,
        delegate_a,
        title="New title",
        abstract="New abstract",
        kind=ContributionKind.INFORMATION,
        original_language=Language.FRENCH,
        agenda_items=[item],
        access_level="members",
    )
    contribution.refresh_from_db()
    assert (
        contribution.title,
        contribution.abstract,
        contribution.kind,
        contribution.original_language,
        contribution.access_level,
        list(contribution.agenda_items.all()),
    ) == ("New title", "New abstract", "information", "fr", "members", [item])


def test_update_refused_once_submitted(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    with refused(PermissionDenied, "Only a draft can be edited.", contribution):
        _update(contribution, delegate_a, title="Changed after submission")
    assert Contribution.objects.get(pk=contribution.pk).title == "Proposal for the work plan"


def test_update_refused_to_another_organization(meeting, delegate_a, delegate_b):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    with refused(PermissionDenied, "Only a draft can be edited.", contribution):
        _update(contribution, delegate_b, title="Hijacked")
    assert Contribution.objects.get(pk=contribution.pk).title == "Proposal for the work plan"


def test_new_file_supersedes_and_the_old_one_stays(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    first = contribution.files.get()
    _update(contribution, delegate_a, upload=pdf_upload("second version.pdf"))
    files = ContributionFile.objects.filter(contribution=contribution).order_by("pk")
    assert files.count() == 2
    second = files.last()
    assert list(ContributionFile.objects.filter(contribution=contribution).current()) == [second]
    assert (second.original_name, second.content_type, second.uploaded_by) == (
        "second version.pdf",
        "application/pdf",
        delegate_a,
    )
    assert first.file.storage.exists(first.file.name)
    assert second.file.name != first.file.name


def test_current_file_is_per_language(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    english = contribution.files.get()
    french = services.add_file(
        contribution=contribution, upload=docx_upload("fr.docx"), language="fr", by=delegate_a
    )
    current = ContributionFile.objects.filter(contribution=contribution).current()
    assert sorted(current, key=lambda f: f.language) == [english, french]


def test_refused_file_stores_nothing(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    upload = SimpleUploadedFile("evil.docx", b"MZ\x90\x00" + b"\x00" * 100)
    message = "“evil.docx” is named .docx but its content is not a DOCX document."
    with refused(ValidationError, message, contribution):
        _update(contribution, delegate_a, upload=upload)
    assert contribution.files.count() == 0
