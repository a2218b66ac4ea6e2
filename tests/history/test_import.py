"""Importing gives what entering the same history through the services at its times gives."""

import datetime

import pytest
from django.db import transaction

from contributions import services
from contributions.enums import ContributionKind
from contributions.models import Contribution
from history.exporter import export_history
from history.importer import import_history_file
from history.validation import HistoryInvalid, Problem
from meetings import services as meeting_services
from members.models import Organization
from members.resources import import_member_states
from proceedings import services as proceedings_services
from proceedings.models import Decision, Report
from tests import factories
from tests.factories import docx_upload
from tests.history.helpers import row_counts, second_history_accounts
from tests.history.histories import second_history, write_files

UTC = datetime.UTC


def at(day, hour=10):
    return datetime.datetime(2022, 5, day, hour, tzinfo=UTC)


def enter_through_the_services(secretariat):
    """A past meeting: kept numbers (1/20), a late document accepted, a report approved."""
    import_member_states()
    france = Organization.objects.get(iso_code="FR")
    group = meeting_services.create_group(
        by=secretariat, acronym="EG-X", name="Expert group X", slug="eg-x", at=at(1)
    )
    meeting = meeting_services.create_meeting(
        group=group,
        by=secretariat,
        ordinal=1,
        start_date=datetime.date(2022, 5, 20),
        end_date=datetime.date(2022, 5, 20),
        contribution_deadline=at(10),
        at=at(1),
    )
    item = meeting_services.add_agenda_item(
        meeting=meeting, by=secretariat, number="1", title="Work", at=at(1)
    )
    meeting = meeting_services.move_meeting(meeting=meeting, to="open", by=secretariat, at=at(1))
    documents = []
    for number, day in ((3, 5), (20, 12)):
        draft = services.create_draft(
            meeting=meeting,
            organization=france,
            by=secretariat,
            title=f"Contribution {number}",
            kind=ContributionKind.CONTRIBUTION,
            original_language="en",
            agenda_items=[item],
            upload=docx_upload(title=f"Contribution {number}"),
            at=at(day),
        )
        services.submit_contribution(contribution=draft, by=secretariat, at=at(day), notify=False)
        if number == 20:
            services.decide_late_contribution(
                contribution=draft, by=secretariat, accepted=True, reason="Chair agreed", at=at(13)
            )
        documents.append(
            services.publish_contribution(
                contribution=draft, by=secretariat, number=number, at=at(day + 1), notify=False
            )
        )
    decision = proceedings_services.record_decision(
        meeting=meeting,
        by=secretariat,
        subject="Report",
        outcome="approved",
        agenda_item=item,
        documents=documents,
        at=at(20, 15),
    )
    report = proceedings_services.start_meeting_report(
        meeting=meeting, by=secretariat, at=at(20, 15)
    )
    proceedings_services.approve_report(
        report=report, decision=decision, by=secretariat, at=at(20, 16)
    )
    proceedings_services.publish_report(report=report, by=secretariat, at=at(21))
    for to in ("closed", "held"):
        meeting_services.move_meeting(meeting=meeting, to=to, by=secretariat, at=at(20, 22))


def snapshot():
    return {
        "register": [
            (
                c.register_number,
                c.title,
                c.status,
                c.submitted_at,
                c.published_at,
                c.is_late,
                c.late_decision,
                c.late_decided_at,
                [(s.organization.name, s.confirmation) for s in c.sources.all()],
            )
            for c in Contribution.objects.order_by("number")
        ],
        "decisions": [
            (
                d.subject,
                d.outcome,
                d.agenda_item.number,
                [c.register_number for c in d.documents.all()],
            )
            for d in Decision.objects.all()
        ],
        "reports": [
            (r.title, r.status, r.date, r.approved_at, r.published_at, r.rendered_html)
            for r in Report.objects.all()
        ],
    }


def test_import_gives_the_register_decisions_and_reports_the_services_give(db, tmp_path):
    secretariat = factories.SecretariatUserFactory(username="secretariat")
    with transaction.atomic():
        enter_through_the_services(secretariat)
        entered = snapshot()
        export_history(tmp_path)
        transaction.set_rollback(True)

    import_history_file(tmp_path / "history.json", by=secretariat)

    assert snapshot() == entered
    assert [row[0] for row in entered["register"]] == ["EG-X 1/3", "EG-X 1/20"]
    assert "EG-X 1/20" in entered["reports"][0][5]


def test_a_later_publication_continues_after_the_highest_number(db, tmp_path):
    secretariat = second_history_accounts()
    write_files(tmp_path, second_history())
    import_history_file(tmp_path / "history.json", by=secretariat)
    late = Contribution.objects.get(title="Late comments, not accepted")

    published = services.publish_contribution(contribution=late, by=secretariat, notify=False)

    assert published.register_number == "EG-DWM 2/23"


def test_a_dry_run_writes_nothing_and_counts(db, tmp_path):
    secretariat = second_history_accounts()
    write_files(tmp_path, second_history())
    counts = row_counts()

    summary = import_history_file(tmp_path / "history.json", by=secretariat, dry_run=True)

    assert row_counts() == counts
    assert summary.imported is False
    assert summary.lines() == [
        "Organizations declared in the file and new here: 2",
        "EG-DWM: meetings 2, agenda items 9, registrations 5, documents 10, files 11, "
        "decisions 6, statements 1, work plans 2, reports 2",
    ]


def test_a_step_the_services_refuse_changes_nothing_and_says_where(db, tmp_path, settings):
    secretariat = second_history_accounts()
    history = second_history()
    # Submitted after the meeting's last day: the register refuses it.
    late = history["groups"][0]["meetings"][0]["documents"][2]
    late.update(
        created_at="2021-03-05T10:00:00Z",
        submitted_at="2021-03-18T11:00:00Z",
        published_at="2021-03-19T08:00:00Z",
    )
    late["late_decision"]["at"] = "2021-03-19T07:00:00Z"
    write_files(tmp_path, history)
    counts = row_counts()

    with pytest.raises(HistoryInvalid) as refused:
        import_history_file(tmp_path / "history.json", by=secretariat)

    assert refused.value.problems == [
        Problem(
            "/groups/0/meetings/0/documents/2/submitted_at",
            "The meeting has ended: no more contributions can be submitted to it.",
        )
    ]
    assert row_counts() == counts
    stored = settings.MEDIA_ROOT / "contributions"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))


def test_a_bad_file_through_the_import_writes_nothing(db, tmp_path):
    secretariat = second_history_accounts()
    history = second_history()
    history["groups"][0]["meetings"][1]["documents"][4]["sources"][1]["organization"] = "XX"
    write_files(tmp_path, history)
    counts = row_counts()

    with pytest.raises(HistoryInvalid) as refused:
        import_history_file(tmp_path / "history.json", by=secretariat)

    assert refused.value.problems == [
        Problem(
            "/groups/0/meetings/1/documents/4/sources/1/organization",
            "Unknown organization “XX”: neither an ITU Member State (by name or ISO code) nor "
            "declared under /organizations.",
        )
    ]
    assert row_counts() == counts


def test_a_refusal_by_letter_needs_no_account_of_the_cosponsor(db, tmp_path):
    import_member_states()
    secretariat = factories.SecretariatUserFactory(username="secretariat")
    history = second_history()
    for group in history["groups"]:
        for meeting in group["meetings"]:
            for document in meeting.get("documents", []):
                for source in document["sources"]:
                    if source.get("confirmation") == "declined":
                        del source["by"]
                        source["reason"] = "Letter of the Administration of 3 September."
    write_files(tmp_path, history)

    import_history_file(tmp_path / "history.json", by=secretariat)

    document = Contribution.objects.get(title="Electronic meetings")
    declined = document.sources.get(organization__iso_code="DE")
    assert (declined.confirmation, declined.override_reason, declined.confirmed_by) == (
        "declined",
        "Letter of the Administration of 3 September.",
        secretariat,
    )
    assert [str(org) for org in document.public_sources] == ["France"]
