"""The demo loaded by its command: the seed's story, its accounts, its register."""

import datetime
import hashlib
import zoneinfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from contributions.enums import (
    ContributionKind,
    ContributionStatus,
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.files import PDF, check_document_file
from contributions.models import Contribution, ContributionFile
from demo.text import LOGINS, PASSWORD, SECRETARIAT_RECOVERY_CODES
from meetings.enums import MeetingStatus, OfficerRole
from meetings.models import Meeting
from meetings.rules import is_officer
from members.enums import OrganizationKind
from members.models import Organization
from members.rules import is_secretariat
from proceedings.enums import Outcome, ReportKind, ReportStatus, WorkPlanStatus
from proceedings.models import Decision, Report, Statement, WorkPlan
from tests.demo import seed
from tests.demo.conftest import load
from tests.two_factor import app_code, recovery_codes_of

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_second_run_changes_nothing_and_both_print_the_logins(loaded, story):
    first = loaded.output
    counts = row_counts()

    second = load()

    assert row_counts() == counts
    assert "Loaded the EG-ITRs demo data" in first
    assert "already loaded; nothing changed" in second
    for output in (first, second):
        assert PASSWORD in output
        for username, _role, _what in LOGINS:
            assert username in output


def test_group_holds_the_mandate_and_terms_of_reference_of_the_seed(story):
    assert story.acronym == "EG-ITRs"
    assert story.name == "Expert Group on the International Telecommunication Regulations"
    assert story.parent_body == "ITU Council"
    assert story.reference_list == [
        "Resolution 146 (Rev. Bucharest, 2022)",
        "Council Resolution 1379 (Mod. 2023)",
    ]
    assert story.mandate.startswith("The Expert Group on the International Telecommunication")
    assert [term.text for term in story.terms_of_reference.all()] == seed.TERMS_OF_REFERENCE
    assert [(officer.name, officer.role) for officer in story.officers.all()] == [
        ("Chair of the EG-ITRs", OfficerRole.CHAIR),
        ("Vice-Chair of the EG-ITRs", OfficerRole.VICE_CHAIR),
        ("Vice-Chair of the EG-ITRs", OfficerRole.VICE_CHAIR),
    ]
    assert story.officers.get(role=OfficerRole.CHAIR).user.username == "chair"


def test_two_meetings_were_held_in_geneva_on_the_dates_of_the_seed(story):
    held = Meeting.objects.filter(group=story, status=MeetingStatus.HELD)

    assert [(m.ordinal, m.start_date, m.end_date) for m in held] == [
        (1, datetime.date(2023, 10, 16), datetime.date(2023, 10, 16)),
        (2, datetime.date(2024, 1, 29), datetime.date(2024, 1, 30)),
    ]
    assert {(m.venue, m.city, m.country, m.time_zone) for m in held} == {
        ("ITU Headquarters", "Geneva", "Switzerland", "Europe/Zurich")
    }
    assert [m.contribution_deadline.astimezone(GENEVA) for m in held] == [
        datetime.datetime(2023, 10, 4, 23, 59, tzinfo=GENEVA),
        datetime.datetime(2024, 1, 17, 23, 59, tzinfo=GENEVA),
    ]
    assert [item.title for item in held[1].agenda_items.all()] == [
        "Opening of the meeting",
        "Adoption of the agenda",
        "Approval of the report of the first meeting",
        "Consideration of contributions and of the draft work plan",
        "Any other business",
        "Approval of the report of the meeting",
        "Closing of the meeting",
    ]


def test_register_numbers_run_from_one_without_gaps_in_publication_order(story):
    for meeting in story.meetings.all():
        registered = list(Contribution.objects.registered().filter(meeting=meeting, base=None))
        assert [c.number for c in registered] == list(range(1, len(registered) + 1))
        assert [c.published_at for c in registered] == sorted(c.published_at for c in registered)

    first = Contribution.objects.registered().filter(meeting__ordinal=1)
    assert [(c.register_number, c.kind, str(c.submitting_organization)) for c in first] == [
        ("EG-ITRs 1/1", ContributionKind.ADMINISTRATIVE, "ITU General Secretariat"),
        ("EG-ITRs 1/1 (Corr.1)", ContributionKind.ADMINISTRATIVE, "ITU General Secretariat"),
        ("EG-ITRs 1/2", ContributionKind.CONTRIBUTION, "Russian Federation"),
        ("EG-ITRs 1/3", ContributionKind.CONTRIBUTION, "Brazil"),
        ("EG-ITRs 1/4", ContributionKind.CONTRIBUTION, "India"),
        ("EG-ITRs 1/5", ContributionKind.INFORMATION, "ITU General Secretariat"),
    ]
    second = Contribution.objects.registered().filter(meeting__ordinal=2)
    assert [(c.register_number, c.title) for c in second] == [
        ("EG-ITRs 2/1", "Draft agenda"),
        ("EG-ITRs 2/2", "Draft work plan of the EG-ITRs"),
        ("EG-ITRs 2/2 (Rev.1)", "Draft work plan of the EG-ITRs"),
        ("EG-ITRs 2/3", "Contribution on the work plan of the EG-ITRs"),
        ("EG-ITRs 2/4", "Comments on the draft work plan of the EG-ITRs"),
        ("EG-ITRs 2/5", "Statement by the Russian Federation on the work plan of the EG-ITRs"),
    ]


def test_documents_of_the_held_meetings_were_published_before_they_closed(story):
    past = Contribution.objects.filter(meeting__status=MeetingStatus.HELD)

    assert {c.status for c in past} == {ContributionStatus.PUBLISHED}
    for contribution in past:
        assert contribution.published_at.astimezone(GENEVA).date() <= contribution.meeting.end_date
    # Only the statement, made in session after the decision, came after the deadline.
    assert [c.register_number for c in past if c.is_late] == ["EG-ITRs 2/5"]


def test_decisions_record_the_missing_consensus_and_the_understanding(story):
    decisions = Decision.objects.filter(meeting__group=story).select_related("meeting")

    # The secretariat marked procedural what the progress report does not recount.
    assert [
        (d.meeting.ordinal, d.order, d.subject, d.outcome, d.procedural) for d in decisions
    ] == [
        (1, 1, "the agenda", Outcome.APPROVED, True),
        (1, 2, "the work plan", Outcome.NO_CONSENSUS, False),
        (2, 1, "the agenda", Outcome.APPROVED, True),
        (2, 2, "the report of the first meeting", Outcome.APPROVED, True),
        (2, 3, "a work plan", Outcome.APPROVED_WITH_UNDERSTANDING, False),
        (2, 4, "the progress report to Council 2024", Outcome.APPROVED, True),
        (2, 5, "the report of the second meeting", Outcome.APPROVED, True),
        (3, 1, "the agenda", Outcome.APPROVED, True),
    ]
    no_consensus = decisions.get(outcome=Outcome.NO_CONSENSUS)
    assert no_consensus.text == (
        "The Group deliberated on the contributions received, with the discussion focusing on "
        "the work plan proposals."
    )
    assert [d.register_number for d in no_consensus.documents.order_by("number")] == [
        "EG-ITRs 1/2",
        "EG-ITRs 1/3",
        "EG-ITRs 1/4",
    ]
    understanding = decisions.get(outcome=Outcome.APPROVED_WITH_UNDERSTANDING)
    assert understanding.text == (
        "it provides guidance for the work of the Group and does not limit any members to "
        "submit contributions in line with Resolution 146 (Rev. Bucharest, 2022) and Council "
        "Resolution 1379 (Amended 2023)"
    )
    assert understanding.agenda_item.title == (
        "Consideration of contributions and of the draft work plan"
    )
    assert [d.register_number for d in understanding.documents.order_by("number", "pk")] == [
        "EG-ITRs 2/2",
        "EG-ITRs 2/2 (Rev.1)",
        "EG-ITRs 2/3",
        "EG-ITRs 2/4",
    ]


def test_statement_of_the_russian_federation_is_annex_2_of_the_second_meeting_report(story):
    statement = Statement.objects.get()

    assert statement.title == "Statement by the Russian Federation on the work plan of the EG-ITRs"
    assert [str(org) for org in statement.organizations.all()] == ["Russian Federation"]
    assert statement.meeting.ordinal == 2
    assert statement.decision.outcome == Outcome.APPROVED_WITH_UNDERSTANDING
    assert statement.document.register_number == "EG-ITRs 2/5"
    assert statement.report.kind == ReportKind.MEETING
    assert statement.report.meeting.ordinal == 2
    assert statement.annex_number == 2


def test_work_plan_version_2_was_approved_by_the_second_meeting(story):
    proposed, approved = WorkPlan.objects.filter(group=story).order_by("version")

    assert (proposed.version, proposed.status, proposed.approved_by) == (
        1,
        WorkPlanStatus.PROPOSED,
        None,
    )
    assert (approved.version, approved.status) == (2, WorkPlanStatus.APPROVED)
    assert approved.approved_by.outcome == Outcome.APPROVED_WITH_UNDERSTANDING
    assert approved.proposed_in.register_number == "EG-ITRs 2/2 (Rev.1)"
    assert [item.target_session for item in approved.items.all()][:3] == ["C24", "C25", "C26"]
    assert {item.target_meeting.ordinal for item in approved.items.all()[3:]} == {3}


def test_the_reports_of_the_held_meetings_and_to_council_2024_are_published(story):
    meeting_reports = Report.objects.filter(
        group=story, kind=ReportKind.MEETING, meeting__status=MeetingStatus.HELD
    )

    assert sorted(
        (r.meeting.ordinal, r.status, r.approved_by.meeting.ordinal, r.approved_by.subject)
        for r in meeting_reports
    ) == [
        (1, ReportStatus.PUBLISHED, 2, "the report of the first meeting"),
        (2, ReportStatus.PUBLISHED, 2, "the report of the second meeting"),
    ]
    # Approval froze each of them in the three formats.
    for report in meeting_reports:
        assert report.rendered_sha256 == hashlib.sha256(report.rendered_html.encode()).hexdigest()
        assert sorted(report.renditions.values_list("format", flat=True)) == ["docx", "pdf"]
    progress = Report.objects.get(group=story, kind=ReportKind.PROGRESS)
    assert (
        progress.title,
        progress.status,
        progress.approved_by.meeting.ordinal,
        progress.approved_by.subject,
        progress.approved_at.astimezone(GENEVA),
        progress.date,
        progress.published_at.astimezone(GENEVA),
        progress.parent_body_session,
        progress.parent_body_document,
        progress.original_language,
        progress.author,
        progress.period_start,
        progress.period_end,
    ) == (
        "Progress report of the EG-ITRs",
        ReportStatus.PUBLISHED,
        2,
        "the progress report to Council 2024",
        datetime.datetime(2024, 1, 30, 17, 15, tzinfo=GENEVA),
        datetime.date(2024, 1, 30),
        datetime.datetime(2024, 4, 22, 10, 0, tzinfo=GENEVA),
        "Council 2024",
        "C24/24",
        Language.ENGLISH,
        # Left to the builder, which writes it from the officers: "Chair of the EG-ITRs".
        "",
        datetime.date(2023, 10, 1),
        datetime.date(2024, 1, 30),
    )
    # The seed does not give the Council document's number: the demo says its own is made up.
    assert progress.notes == (
        "C24/24 is an illustrative number: the demo does not know the number of the Council "
        "2024 document that carried this report."
    )
    assert progress.rendered_sha256 == hashlib.sha256(progress.rendered_html.encode()).hexdigest()
    # Written from the records too; the stored text says it.
    assert progress.action_required == ""
    assert "Report by the Chair of the EG-ITRs" in progress.rendered_html
    assert "The Council is invited to note the report." in progress.rendered_html
    assert progress.financial_implications == "Within the allocated budget 2024-2025."
    assert progress.purpose.startswith("This report summarizes the main results")
    assert progress.conclusions.startswith("The Council is invited to note this progress report")


@pytest.mark.parametrize("username", [login[0] for login in LOGINS])
def test_demo_accounts_log_in(story, client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(username=username).pk
    )


def test_the_secretariat_reaches_the_admin_with_a_printed_recovery_code_given_back_later(
    loaded, story, client
):
    secretariat = get_user_model().objects.get(username="secretariat")
    printed = (
        "Or type one of these recovery codes; each works once, and the next load_demo gives "
        "the used ones back: " + " ".join(SECRETARIAT_RECOVERY_CODES)
    )
    assert printed in loaded.output
    client.post("/accounts/login/", {"username": "secretariat", "password": PASSWORD})

    response = client.post(
        "/accounts/two-factor/code/", {"code": "egitrs01", "next": "/admin/"}, follow=True
    )

    assert response.redirect_chain == [("/admin/", 302)]
    assert response.status_code == 200
    assert "egitrs01" not in recovery_codes_of(secretariat)
    assert printed in load()
    assert recovery_codes_of(secretariat) == sorted(SECRETARIAT_RECOVERY_CODES)


def test_the_secretariat_signs_in_with_a_code_of_the_printed_key(loaded, story, client):
    printed = "Add this key to an authenticator app (time-based): "
    key = loaded.output.split(printed)[1].splitlines()[0]
    assert key == "IVDS 2SKU KJZS AZDF NVXS AYLD MNXX K3TU"
    client.post("/accounts/login/", {"username": "secretariat", "password": PASSWORD})

    response = client.post("/accounts/two-factor/code/", {"code": app_code(key)})

    assert response.url == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_demo_accounts_hold_their_roles(story):
    users = get_user_model().objects.in_bulk(field_name="username")

    assert is_secretariat(users["secretariat"])
    assert users["secretariat"].is_staff
    assert not any(user.is_superuser for user in users.values())
    assert is_officer(users["chair"], story)
    assert not users["chair"].memberships.exists()
    assert [str(m.organization) for m in users["delegate-ru"].memberships.all()] == [
        "Russian Federation"
    ]
    assert [str(m.organization) for m in users["delegate-br"].memberships.all()] == ["Brazil"]
    assert {user.email for user in users.values()} == {
        f"{name}@example.org" for name, _role, _what in LOGINS
    }


def test_organizations_include_a_sector_member_and_the_secretariat(story):
    assert Organization.objects.get(name="Example Telecom Operator").kind == (
        OrganizationKind.SECTOR_MEMBER
    )
    assert Organization.objects.get(name="ITU General Secretariat").kind == (
        OrganizationKind.SECRETARIAT
    )


def test_held_meetings_have_participants_who_attended(story):
    for meeting in Meeting.objects.filter(group=story, status=MeetingStatus.HELD):
        assert meeting.registrations.filter(attended=True).count() >= 3


def test_every_stored_file_is_an_accepted_document_in_its_language(story):
    files = ContributionFile.objects.all()

    originals = files.filter(language=Language.ENGLISH)
    assert originals.count() == Contribution.objects.count()
    translations = files.exclude(language=Language.ENGLISH)
    assert sorted((f.contribution.register_number, f.language) for f in translations) == [
        ("EG-ITRs 1/2", Language.FRENCH),
        ("EG-ITRs 2/2 (Rev.1)", Language.ARABIC),
        ("EG-ITRs 2/2 (Rev.1)", Language.SPANISH),
        ("EG-ITRs 2/2 (Rev.1)", Language.FRENCH),
        ("EG-ITRs 2/2 (Rev.1)", Language.RUSSIAN),
        ("EG-ITRs 2/2 (Rev.1)", Language.CHINESE),
    ]
    assert [f.contribution.title for f in files if f.content_type == PDF] == [
        "Information on the work of the previous Expert Groups on the ITRs"
    ]
    for stored in files:
        with stored.file.open("rb") as handle:
            checked = check_document_file(handle)
        assert (checked.content_type, checked.sha256) == (stored.content_type, stored.sha256)


def test_the_register_shows_each_practice_of_the_secretariat(story):
    documents = {c.register_number: c for c in Contribution.objects.registered()}

    # A late statement, accepted with its reason.
    statement = documents["EG-ITRs 2/5"]
    assert (statement.is_late, statement.late_decision, statement.late_reason) == (
        True,
        LateDecision.ACCEPTED,
        "Statement made in session on the decision on the work plan.",
    )
    # A revision of the Chair's proposal, in all six languages.
    revision = documents["EG-ITRs 2/2 (Rev.1)"]
    assert revision.base == documents["EG-ITRs 2/2"]
    assert [(row.language, row.status) for row in revision.language_versions] == [
        (language, TranslationStatus.POSTED) for language in Language
    ]
    # A co-sponsored contribution, India's confirmation recorded by the secretariat.
    assert [
        (str(s.organization), s.confirmation, s.override_reason)
        for s in documents["EG-ITRs 2/4"].sources.all()
    ] == [
        ("Brazil", SourceConfirmation.CONFIRMED, ""),
        (
            "India",
            SourceConfirmation.CONFIRMED,
            "Confirmed by letter of the Administration of India.",
        ),
    ]
    # Translations still on their way for the open meeting's agenda.
    agenda = documents["EG-ITRs 3/1"]
    assert list(agenda.translations.values_list("language", "status")) == [
        (Language.SPANISH, TranslationStatus.REQUESTED),
        (Language.FRENCH, TranslationStatus.IN_TRANSLATION),
    ]
