"""Deadlines as delegates meet them: shown with time zone and countdown, applied at submission.

`Meeting.is_late` and `is_after_translation_deadline` are tested at the second in
tests/meetings/test_models.py, with daylight-saving changes; here the service and the
pages are tested one second either side of a deadline set relative to now.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionKind, ContributionStatus, Language
from meetings.models import Meeting
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

SECOND = datetime.timedelta(seconds=1)
NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def tokyo(group):
    return factories.MeetingFactory(group=group, time_zone="Asia/Tokyo")


def set_deadlines(meeting, **deadlines):
    Meeting.objects.filter(pk=meeting.pk).update(**deadlines)
    meeting.refresh_from_db()


def submitted(contribution, by):
    services.submit_contribution(contribution=contribution, by=by)
    contribution.refresh_from_db()
    return contribution


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- At submission -----------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "late"), [(SECOND, False), (-SECOND, True)])
def test_late_one_second_either_side_of_the_contribution_deadline(tokyo, delegate_a, offset, late):
    draft = make_contribution(meeting=tokyo, delegate=delegate_a)
    set_deadlines(tokyo, contribution_deadline=timezone.now() + offset)

    contribution = submitted(draft, delegate_a)

    assert (contribution.is_late, contribution.after_translation_deadline) == (late, False)


@pytest.mark.parametrize(("offset", "after"), [(SECOND, False), (-SECOND, True)])
def test_not_in_time_one_second_either_side_of_the_translation_deadline(
    tokyo, delegate_a, offset, after
):
    draft = make_contribution(meeting=tokyo, delegate=delegate_a)
    set_deadlines(tokyo, translation_deadline=timezone.now() + offset)

    contribution = submitted(draft, delegate_a)

    assert (contribution.is_late, contribution.after_translation_deadline) == (False, after)


@pytest.mark.parametrize(
    ("kind", "requested", "late"),
    [
        (ContributionKind.CONTRIBUTION, False, True),
        (ContributionKind.CONTRIBUTION, True, False),
        (ContributionKind.ADMINISTRATIVE, False, False),
        (ContributionKind.CHAIR_PROPOSAL, False, False),
        (ContributionKind.COMPILATION, False, False),
    ],
)
def test_exempt_documents_are_never_late_but_still_miss_translation(
    meeting, secretariat, org_a, kind, requested, late
):
    draft = services.create_draft(
        meeting=meeting,
        organization=org_a,
        by=secretariat,
        title="Document",
        kind=kind,
        original_language=Language.ENGLISH,
        is_requested=requested,
        upload=factories.docx_upload(),
    )
    past = timezone.now() - SECOND
    set_deadlines(meeting, contribution_deadline=past, translation_deadline=past)

    contribution = submitted(draft, secretariat)

    # Translators need their time whoever wrote the document.
    assert (contribution.is_late, contribution.after_translation_deadline) == (late, True)


def test_only_the_secretariat_marks_a_contribution_requested(meeting, delegate_a, secretariat):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    fields = {
        "title": draft.title,
        "abstract": "",
        "kind": draft.kind,
        "original_language": draft.original_language,
        "cosponsors": [],
        "agenda_items": [],
    }
    message = "Only the secretariat marks a contribution as requested."
    with refused(PermissionDenied, message, draft):
        services.update_draft(contribution=draft, by=delegate_a, is_requested=True, **fields)
    with refused(PermissionDenied, message, draft):
        services.create_draft(
            meeting=meeting,
            organization=draft.submitting_organization,
            by=delegate_a,
            title="Asked for, says who?",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
            is_requested=True,
        )
    draft.refresh_from_db()
    assert draft.is_requested is False

    services.update_draft(contribution=draft, by=secretariat, is_requested=True, **fields)
    # None (a delegate's form, which has no such field) leaves it as it is.
    services.update_draft(contribution=draft, by=delegate_a, is_requested=None, **fields)
    draft.refresh_from_db()
    assert draft.is_requested is True


def test_nothing_is_submitted_after_the_meetings_last_day(client, tokyo, delegate_a):
    draft = make_contribution(meeting=tokyo, delegate=delegate_a)
    yesterday = timezone.now().astimezone(tokyo.tz).date() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=tokyo.pk).update(
        start_date=yesterday - datetime.timedelta(days=1), end_date=yesterday
    )
    client.force_login(delegate_a)

    response = client.post(reverse("contributions:draft_submit", args=[draft.pk]), follow=True)

    assert messages_of(response) == [
        "The meeting has ended: no more contributions can be submitted to it."
    ]
    assert response.context["contribution"].status == ContributionStatus.DRAFT
    assert (
        '<p class="helptext">The meeting has ended: no more contributions can be submitted to '
        "it.</p>" in response.content.decode()
    )


def test_submit_view_says_when_it_misses_the_translation_deadline(client, meeting, delegate_a):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    set_deadlines(meeting, translation_deadline=timezone.now() - SECOND)
    client.force_login(delegate_a)

    response = client.post(reverse("contributions:draft_submit", args=[draft.pk]), follow=True)

    assert messages_of(response) == [
        "Submitted to the secretariat. It arrived after the translation deadline: it may not "
        "be translated in time for the meeting."
    ]


# --- Shown to delegates ------------------------------------------------------------------


@pytest.fixture
def countdown(tokyo):
    """Contribution deadline in 3 days and 4 hours, translation deadline 2 days ago."""
    now = timezone.now()
    set_deadlines(
        tokyo,
        contribution_deadline=now + datetime.timedelta(days=3, hours=4, seconds=30),
        translation_deadline=now - datetime.timedelta(days=2, seconds=30),
    )
    return tokyo


def expected_deadlines(meeting):
    contribution = meeting.contribution_deadline.astimezone(meeting.tz)
    translation = meeting.translation_deadline.astimezone(meeting.tz)
    return [
        f'<time datetime="{contribution.isoformat()}">'
        f"{contribution:%-d %B %Y, %H:%M} JST</time>\n      (Asia/Tokyo):",
        f"closes in 3{NBSP}days, 4{NBSP}hours",
        f'<time datetime="{translation.isoformat()}">{translation:%-d %B %Y, %H:%M} JST</time>',
        f'<span class="badge late">closed 2{NBSP}days ago</span>',
    ]


def test_my_documents_shows_the_deadlines_in_meeting_time_with_a_countdown(
    client, countdown, delegate_a
):
    client.force_login(delegate_a)

    content = client.get(reverse("contributions:mine")).content.decode()

    for expected in expected_deadlines(countdown):
        assert expected in content


@pytest.mark.parametrize("page", ["draft_create", "draft_edit", "member_detail"])
def test_draft_pages_show_the_deadlines(client, countdown, delegate_a, page):
    client.force_login(delegate_a)
    if page == "draft_create":
        url = reverse("contributions:draft_create", args=[countdown.pk])
    else:
        draft = make_contribution(meeting=countdown, delegate=delegate_a)
        url = reverse(f"contributions:{page}", args=[draft.pk])

    content = client.get(url).content.decode()

    assert f"Deadlines of {countdown}</h2>" in content
    for expected in expected_deadlines(countdown):
        assert expected in content


def test_member_page_of_a_submitted_document_shows_no_deadlines(client, meeting, delegate_a):
    document = make_contribution(
        meeting=meeting, delegate=delegate_a, status=ContributionStatus.SUBMITTED
    )
    client.force_login(delegate_a)

    response = client.get(reverse("contributions:member_detail", args=[document.pk]))

    assert response.context["deadlines"] == []
    assert "Deadlines of" not in response.content.decode()


LATE_WARNING = (
    '<li class="warning">The contribution deadline has passed: if you submit this document '
    "now, it will be marked late and the secretariat will decide whether to accept it.</li>"
)
TRANSLATION_WARNING = (
    '<li class="warning">The translation deadline has passed: if you submit this document '
    "now, it will be marked as not translated in time.</li>"
)


@pytest.mark.parametrize(
    ("offset", "warned"), [(datetime.timedelta(minutes=5), False), (-SECOND, True)]
)
def test_member_page_warns_before_a_late_submission(client, meeting, delegate_a, offset, warned):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    set_deadlines(
        meeting,
        contribution_deadline=timezone.now() + offset,
        translation_deadline=timezone.now() + offset,
    )
    client.force_login(delegate_a)

    content = client.get(reverse("contributions:member_detail", args=[draft.pk])).content.decode()

    assert (LATE_WARNING in content, TRANSLATION_WARNING in content) == (warned, warned)


def test_no_late_warning_for_a_requested_contribution_nor_to_who_cannot_submit(
    client, meeting, delegate_a, secretariat, org_a
):
    requested = services.create_draft(
        meeting=meeting,
        organization=org_a,
        by=secretariat,
        title="Asked by the chair",
        kind=ContributionKind.CONTRIBUTION,
        original_language=Language.ENGLISH,
        is_requested=True,
    )
    set_deadlines(meeting, contribution_deadline=timezone.now() - SECOND)
    client.force_login(delegate_a)

    content = client.get(
        reverse("contributions:member_detail", args=[requested.pk])
    ).content.decode()

    assert LATE_WARNING not in content
    assert '<span class="badge requested">Requested</span>' in content
