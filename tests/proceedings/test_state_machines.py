"""Reports and work plans: every pair of states, legal or not, for every role."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from egitrs.workflow import TransitionNotAllowed, perform_move
from proceedings import services
from proceedings.enums import (
    REPORT_MOVES,
    WORK_PLAN_MOVES,
    Outcome,
    ReportKind,
    ReportStatus,
    WorkPlanStatus,
)
from proceedings.models import Decision, Report, WorkPlan
from proceedings.rules import WORK_PLAN_ROLES
from tests import factories
from tests.proceedings.conftest import make_decision
from tests.roles import ROLES

AT = datetime.datetime(2019, 6, 12, 15, 0, tzinfo=datetime.UTC)


def pairs(states):
    return [(a, b) for a, b in itertools.product(states, states) if a != b]


@pytest.fixture
def approval(held_meeting):
    return make_decision(held_meeting, subject="Report of the meeting")


@pytest.fixture
def report(held_meeting, secretariat):
    return services.start_meeting_report(meeting=held_meeting, by=secretariat)


def move_report(report, target, by, decision):
    if target == ReportStatus.APPROVED:
        return services.approve_report(report=report, decision=decision, by=by, at=AT)
    if target == ReportStatus.PUBLISHED:
        return services.publish_report(report=report, by=by, at=AT)
    raise TransitionNotAllowed("No service moves a report back to draft.")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), pairs(list(ReportStatus)))
def test_every_move_of_a_report_for_every_role(report, approval, roles, role, source, target):
    Report.objects.filter(pk=report.pk).update(status=source)
    report.refresh_from_db()
    user = roles[role] or AnonymousUser()
    rows = report.history.count()

    if target == ReportStatus.DRAFT:
        with pytest.raises(TransitionNotAllowed, match="No service moves a report back"):
            move_report(report, target, user, approval)
    elif role != "secretariat":
        # Who may act is asked first: others learn nothing of the report's state.
        with pytest.raises(PermissionDenied, match="Only the secretariat"):
            move_report(report, target, user, approval)
    elif REPORT_MOVES.move(source, target) is None:
        with pytest.raises(TransitionNotAllowed, match="This report is .*: it cannot become"):
            move_report(report, target, user, approval)
    else:
        moved = move_report(report, target, user, approval)
        last = moved.history.order_by("-history_id").first()
        assert (last.status, last.history_date, last.history_user) == (target, AT, user)
        return
    report.refresh_from_db()
    assert (report.status, report.history.count(), report.renditions.count()) == (
        source,
        rows,
        0,
    )


@pytest.fixture
def work_plan(group, secretariat):
    return services.propose_work_plan(group=group, by=secretariat, title="Work plan")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), pairs(list(WorkPlanStatus)))
def test_every_move_of_a_work_plan_for_every_role(
    work_plan, approval, roles, role, source, target
):
    # An approved or superseded version was approved by a decision (a database rule).
    WorkPlan.objects.filter(pk=work_plan.pk).update(status=source, approved_by=approval)
    work_plan.refresh_from_db()
    user = roles[role] or AnonymousUser()

    def attempt():
        return perform_move(work_plan, target, roles=WORK_PLAN_ROLES, by=user, at=AT)

    if WORK_PLAN_MOVES.move(source, target) is None:
        with pytest.raises(TransitionNotAllowed, match="This work plan is .*: it cannot become"):
            attempt()
    elif role != "secretariat":
        with pytest.raises(PermissionDenied, match="You may not do this."):
            attempt()
    else:
        moved = attempt()
        last = moved.history.order_by("-history_id").first()
        assert (last.status, last.history_date, last.history_user) == (target, AT, user)
        return
    work_plan.refresh_from_db()
    assert work_plan.status == source


def test_approving_a_version_supersedes_the_approved_one_only(group, approval, secretariat):
    first = services.propose_work_plan(group=group, by=secretariat, title="First")
    second = services.propose_work_plan(group=group, by=secretariat, title="Second")
    third = services.propose_work_plan(group=group, by=secretariat, title="Third")
    services.approve_work_plan(work_plan=second, decision=approval, by=secretariat, at=AT)
    services.approve_work_plan(work_plan=third, decision=approval, by=secretariat, at=AT)

    statuses = dict(WorkPlan.objects.values_list("title", "status"))
    assert statuses == {"First": "proposed", "Second": "superseded", "Third": "approved"}
    with pytest.raises(ValidationError, match="A later version of the work plan is already"):
        services.approve_work_plan(work_plan=first, decision=approval, by=secretariat)
    assert WorkPlan.objects.get(title="First").status == WorkPlanStatus.PROPOSED


def test_a_no_consensus_decision_approves_no_report(report, held_meeting, secretariat):
    no_consensus = make_decision(held_meeting, outcome=Outcome.NO_CONSENSUS)

    with pytest.raises(ValidationError, match="A decision recorded as “No consensus” approves"):
        services.approve_report(report=report, decision=no_consensus, by=secretariat)
    report.refresh_from_db()
    assert (report.status, report.approved_by) == (ReportStatus.DRAFT, None)


def test_a_report_to_the_parent_body_needs_its_real_number(group, approval, secretariat):
    report = services.start_progress_report(
        group=group,
        period_start=None,
        period_end=None,
        by=secretariat,
        parent_body_document="C19/xx",
    )
    with pytest.raises(ValidationError, match="“C19/xx” is a placeholder"):
        services.approve_report(report=report, decision=approval, by=secretariat)
    Report.objects.filter(pk=report.pk).update(parent_body_document="")
    with pytest.raises(ValidationError, match="its ITU Council document number"):
        services.approve_report(report=report, decision=approval, by=secretariat)
    report.refresh_from_db()
    assert (report.kind, report.status) == (ReportKind.PROGRESS, ReportStatus.DRAFT)


def test_a_meeting_report_is_not_approved_by_an_earlier_meeting(group, secretariat):
    earlier = factories.MeetingFactory(
        group=group, start_date=datetime.date(2019, 1, 10), end_date=datetime.date(2019, 1, 10)
    )
    later = factories.MeetingFactory(
        group=group, start_date=datetime.date(2019, 6, 12), end_date=datetime.date(2019, 6, 12)
    )
    report = services.start_meeting_report(meeting=later, by=secretariat)
    decision = make_decision(earlier)

    with pytest.raises(ValidationError, match="cannot be approved by a decision of an earlier"):
        services.approve_report(report=report, decision=decision, by=secretariat)
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_a_decision_takes_only_its_own_meetings_agenda_items_and_documents(
    group, meeting, secretariat, delegate_a
):
    other = factories.MeetingFactory(group=group)
    item = factories.AgendaItemFactory(meeting=other, number="4")
    document = factories.publish_document(other, delegate=delegate_a, secretariat=secretariat)

    with pytest.raises(ValidationError, match="Agenda item 4 is on the agenda of") as refused:
        services.record_decision(
            meeting=meeting,
            by=secretariat,
            subject="Work plan",
            outcome=Outcome.APPROVED,
            agenda_item=item,
            documents=[document],
        )
    assert refused.value.message_dict == {
        "agenda_item": [f"Agenda item 4 is on the agenda of {other}, not of {meeting}."],
        "documents": [f"These documents are not of {meeting}: {document.register_number}."],
    }
    assert Decision.objects.count() == 0


def test_a_decision_records_who_and_when(meeting, secretariat):
    decision = services.record_decision(
        meeting=meeting, by=secretariat, at=AT, subject="Agenda", outcome=Outcome.APPROVED
    )
    other = services.record_decision(
        meeting=meeting, by=secretariat, subject="Work plan", outcome=Outcome.DEFERRED
    )
    assert (decision.order, other.order) == (1, 2)
    assert [(h.history_date, h.history_user) for h in decision.history.all()] == [
        (AT, secretariat)
    ]
