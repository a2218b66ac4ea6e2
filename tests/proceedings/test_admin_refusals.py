"""The admin writes through the services, and shows their refusals in plain words."""

import pytest
from django.urls import reverse

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from proceedings.enums import Outcome, ReportStatus
from proceedings.models import Decision, Report, Statement, WorkPlan
from tests import factories
from tests.proceedings.test_reports import build_story


@pytest.fixture
def story(group, secretariat, org_a):
    return build_story(group, secretariat, org_a)


def test_a_decision_with_another_meetings_agenda_item_is_refused(client, secretariat, group):
    meeting = factories.MeetingFactory(group=group, ordinal=1)
    other = factories.MeetingFactory(group=group, ordinal=2)
    item = factories.AgendaItemFactory(meeting=other, number="3")
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:proceedings_decision_add"),
        {
            "meeting": meeting.pk,
            "agenda_item": item.pk,
            "subject": "Work plan",
            "outcome": Outcome.APPROVED,
            "text": "",
            "order": 1,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "agenda_item": [f"Agenda item 3 is on the agenda of {other}, not of {meeting}."]
    }
    assert Decision.objects.count() == 0


def test_a_decision_added_in_the_admin_is_recorded_by_the_service(client, secretariat, group):
    meeting = factories.MeetingFactory(group=group, ordinal=1)
    item = factories.AgendaItemFactory(meeting=meeting, number="3")
    client.force_login(secretariat)

    client.post(
        reverse("admin:proceedings_decision_add"),
        {
            "meeting": meeting.pk,
            "agenda_item": item.pk,
            "subject": "Work plan",
            "outcome": Outcome.DEFERRED,
            "text": "",
            "order": 4,
        },
    )

    decision = Decision.objects.get()
    assert (decision.agenda_item, decision.outcome, decision.order) == (item, "deferred", 4)
    assert decision.history.get().history_user == secretariat


def approve(client, secretariat, report, decision):
    client.force_login(secretariat)
    return client.post(
        reverse("admin:proceedings_report_approve", args=[report.pk]), {"decision": decision.pk}
    )


def test_approval_by_a_no_consensus_decision_is_refused(client, secretariat, story):
    response = approve(client, secretariat, story.meeting_report, story.no_consensus)

    assert response.context["form"].non_field_errors() == [
        "A decision recorded as “No consensus” approves nothing."
    ]
    assert Report.objects.get(pk=story.meeting_report.pk).status == ReportStatus.DRAFT


def test_approval_with_a_placeholder_number_is_refused(client, secretariat, story):
    Report.objects.filter(pk=story.progress.pk).update(parent_body_document="C24/xx")

    response = approve(client, secretariat, story.progress, story.approval)

    assert response.context["form"].non_field_errors() == [
        "“C24/xx” is a placeholder: give the report its real document number."
    ]
    assert Report.objects.get(pk=story.progress.pk).status == ReportStatus.DRAFT


def test_the_meeting_status_moves_only_by_the_actions(client, secretariat, group):
    meeting = factories.MeetingFactory(group=group, status=MeetingStatus.PLANNED)
    client.force_login(secretariat)
    changelist = reverse("admin:meetings_meeting_changelist")

    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    opened = client.post(
        changelist,
        {"action": "open_selected", "_selected_action": [meeting.pk]},
        follow=True,
    )
    again = client.post(
        changelist,
        {"action": "open_selected", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert "status" not in page.context["adminform"].form.fields
    assert [str(m) for m in opened.context["messages"]] == [
        f"{meeting} is open for contributions."
    ]
    assert [str(m) for m in again.context["messages"]] == [
        f"{meeting} was not changed: A meeting that is open for contributions cannot become "
        "open for contributions."
    ]
    assert Meeting.objects.get().status == MeetingStatus.OPEN


def test_a_statement_added_in_the_admin_is_recorded_by_the_service(
    client, secretariat, group, org_a
):
    meeting = factories.MeetingFactory(group=group, ordinal=1)
    client.force_login(secretariat)
    add = reverse("admin:proceedings_statement_add")
    data = {"meeting": meeting.pk, "organizations": [org_a.pk], "title": "Statement", "text": ""}

    refused = client.post(add, data)
    client.post(add, {**data, "text": "Member State A reserves its position."})

    assert refused.context["adminform"].form.errors == {
        "text": ["Give the statement's text or the document that holds it."]
    }
    statement = Statement.objects.get()
    assert (list(statement.organizations.all()), statement.text) == (
        [org_a],
        "Member State A reserves its position.",
    )
    assert statement.history.get().history_user == secretariat


def test_a_work_plan_added_in_the_admin_is_proposed_by_the_service(client, secretariat, group):
    client.force_login(secretariat)

    client.post(
        reverse("admin:proceedings_workplan_add"),
        {
            "group": group.pk,
            "title": "Work plan 2027",
            "notes": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-description": "Report to Council 2027",
            "items-0-target_session": "C27",
            "items-0-status": "planned",
            "items-0-order": "0",
        },
    )

    plan = WorkPlan.objects.get()
    assert (plan.version, plan.status, plan.history.get().history_user) == (
        1,
        "proposed",
        secretariat,
    )
    assert list(plan.items.values_list("description", "target_session")) == [
        ("Report to Council 2027", "C27")
    ]
