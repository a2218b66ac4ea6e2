"""The demo holds together on the day it is loaded, and leaves everyone real things to do.

The demo is loaded once for the module (today, by the real clock); each test that acts on
it does so in its own transaction, rolled back after it.
"""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributions import rules, services
from contributions.enums import ContributionKind, ContributionStatus, TranslationStatus
from contributions.files import DOCX
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from egitrs.sample_documents import docx_bytes
from history.exporter import build_history
from history.format import instants
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from proceedings import services as proceedings_services
from proceedings.enums import Outcome, ReportKind, ReportStatus, WorkPlanStatus
from proceedings.models import Report, WorkPlan
from tests.proceedings.test_builder import SEED_2_1, SEED_2_2, SEED_2_3, SEED_3_1

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
NOTE = (
    "C24/24 is an illustrative number: the demo does not know the number of the Council 2024 "
    "document that carried this report."
)


def users():
    return get_user_model().objects.in_bulk(field_name="username")


def meeting_3(story):
    return Meeting.objects.get(group=story, ordinal=3)


def unpublished(story, kind=ContributionKind.CONTRIBUTION, status=ContributionStatus.SUBMITTED):
    return Contribution.objects.get(
        meeting__group=story, meeting__ordinal=3, kind=kind, status=status
    )


# The story on its day -------------------------------------------------------------------


def test_the_groups_period_covers_its_meetings(story):
    meetings = list(story.meetings.order_by("ordinal"))

    assert [m.ordinal for m in meetings] == [1, 2, 3]
    for meeting in meetings:
        assert story.period_start <= meeting.start_date <= meeting.end_date <= story.period_end


def test_the_third_meeting_is_in_session_since_yesterday(story):
    today = timezone.now().astimezone(GENEVA).date()
    meeting = meeting_3(story)

    assert (meeting.status, meeting.start_date, meeting.end_date) == (
        MeetingStatus.OPEN,
        today - datetime.timedelta(days=1),
        today + datetime.timedelta(days=1),
    )
    assert meeting.accepts_contributions()
    assert meeting.is_late(at=timezone.now())
    assert meeting.registrations.filter(attended=True).count() == 4


def test_nothing_is_recorded_after_now_and_the_third_meeting_follows_the_past(story):
    data, _files = build_history()
    group = data["groups"][0]
    first, second, third = group["meetings"]
    published = [report for report in group["reports"] if report["status"] == "published"]
    past = list(instants([first, second, published]))
    chapter = list(instants({k: v for k, v in third.items() if k != "created_at"}))

    assert max(instants(data)) <= timezone.now()
    assert max(past) < min(chapter)


def test_work_plan_items_say_what_became_of_them_today(story):
    approved = WorkPlan.objects.get(group=story, status=WorkPlanStatus.APPROVED)

    # Council 2024 had the group's report; the 2025 and 2026 sessions are over without one
    # (today is after 30 June 2026); the review goes on at the meeting in session.
    assert [
        (item.target_session or f"meeting {item.target_meeting.ordinal}", item.status)
        for item in approved.items.all()
    ] == [
        ("C24", "done"),
        ("C25", "dropped"),
        ("C26", "dropped"),
        ("meeting 3", "in_progress"),
        ("meeting 3", "in_progress"),
        ("meeting 3", "in_progress"),
    ]


def test_the_progress_report_to_council_2024_is_published_with_its_note(story, client):
    report = Report.objects.get(group=story, kind=ReportKind.PROGRESS)

    assert (report.status, report.parent_body_document, report.notes) == (
        ReportStatus.PUBLISHED,
        "C24/24",
        NOTE,
    )
    # What was approved, and is served, is the seed's text.
    for paragraph in (SEED_2_1, SEED_2_2, SEED_2_3, SEED_3_1):
        assert paragraph in report.rendered_html
    page = client.get(reverse("proceedings:report_detail", args=[story.slug, report.pk]))
    assert page.status_code == 200
    assert f"<dt>Note</dt>\n      <dd>{NOTE}</dd>" in page.content.decode()


def test_the_register_has_a_corrigendum(story):
    corrigendum = Contribution.objects.get(meeting__group=story, amendment_kind="corr")

    assert (corrigendum.register_number, corrigendum.base.register_number) == (
        "EG-ITRs 1/1 (Corr.1)",
        "EG-ITRs 1/1",
    )
    assert corrigendum.status == ContributionStatus.PUBLISHED


# What the secretariat and the delegates can still do --------------------------------------


def test_the_secretariat_publishes_the_chairs_proposal_as_the_next_number(story):
    proposal = unpublished(story, kind=ContributionKind.CHAIR_PROPOSAL)
    secretariat = users()["secretariat"]

    assert rules.can_publish_contribution(secretariat, proposal)
    published = services.publish_contribution(contribution=proposal, by=secretariat)

    assert published.register_number == "EG-ITRs 3/3"


def test_brazil_confirms_its_co_sponsorship_then_the_secretariat_publishes(story):
    contribution = unpublished(story)
    people = users()
    [brazil] = contribution.sources.filter(confirmation="pending")

    assert str(contribution.submitting_organization) == "Russian Federation"
    assert contribution_policy.can_view(people["chair"], contribution)
    assert contribution_policy.can_view(people["delegate-br"], contribution)
    with pytest.raises(ValidationError, match="Brazil must first confirm co-sponsorship"):
        services.publish_contribution(contribution=contribution, by=people["secretariat"])
    contribution.refresh_from_db()
    assert (contribution.status, contribution.number) == (ContributionStatus.SUBMITTED, None)

    assert rules.can_answer_cosponsorship(people["delegate-br"], brazil)
    services.confirm_cosponsorship(source=brazil, by=people["delegate-br"])
    published = services.publish_contribution(contribution=contribution, by=people["secretariat"])

    assert Source.objects.get(pk=brazil.pk).confirmation == "confirmed"
    assert published.register_number == "EG-ITRs 3/3"


def test_the_secretariat_posts_the_french_translation_of_the_agenda(story):
    agenda = Contribution.objects.get(meeting__group=story, meeting__ordinal=3, number=1)
    upload = SimpleUploadedFile(
        "Projet d'ordre du jour.docx", docx_bytes("Projet d'ordre du jour"), DOCX
    )

    assert list(agenda.translations.values_list("language", "status")) == [
        ("es", TranslationStatus.REQUESTED),
        ("fr", TranslationStatus.IN_TRANSLATION),
    ]
    services.post_translation(
        contribution=agenda, language="fr", upload=upload, by=users()["secretariat"]
    )

    assert agenda.translations.get(language="fr").status == TranslationStatus.POSTED


def test_the_meeting_decides_on_its_draft_report_and_the_secretariat_approves_it(story):
    meeting = meeting_3(story)
    report = Report.objects.get(meeting=meeting)
    secretariat = users()["secretariat"]

    assert report.status == ReportStatus.DRAFT
    decision = proceedings_services.record_decision(
        meeting=meeting,
        by=secretariat,
        agenda_item=meeting.agenda_items.get(number="5"),
        subject="Report of the third meeting",
        outcome=Outcome.APPROVED,
    )
    approved = proceedings_services.approve_report(
        report=report, decision=decision, by=secretariat
    )

    assert approved.status == ReportStatus.APPROVED
    assert "The Chair opened the meeting and welcomed the participants." in (
        approved.rendered_html
    )


def test_brazils_draft_submitted_now_is_late_and_the_secretariat_decides(story):
    draft = unpublished(story, status=ContributionStatus.DRAFT)
    people = users()

    assert str(draft.submitting_organization) == "Brazil"
    assert rules.can_submit_contribution(people["delegate-br"], draft)
    submitted = services.submit_contribution(contribution=draft, by=people["delegate-br"])
    assert submitted.is_late
    services.decide_late_contribution(
        contribution=submitted,
        by=people["secretariat"],
        accepted=True,
        reason="Accepted by the meeting.",
    )
    published = services.publish_contribution(contribution=submitted, by=people["secretariat"])

    assert published.register_number == "EG-ITRs 3/3"
