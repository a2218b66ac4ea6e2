import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from proceedings import services
from proceedings.enums import ReportKind, ReportStatus
from proceedings.models import Statement
from proceedings.reports import build_report
from tests import factories
from tests.proceedings.conftest import make_report, make_statement
from tests.refusals import refused

User = get_user_model()


@pytest.fixture
def report(meeting):
    return make_report(
        meeting.group, title="Report of the meeting", meeting=meeting, status=ReportStatus.DRAFT
    )


@pytest.fixture
def statements(meeting, org_a, org_b):
    """Three statements of the meeting, not annexed yet: A, B and C."""
    return [
        make_statement(meeting, organizations=[org], title=title)
        for org, title in [(org_a, "A"), (org_b, "B"), (org_a, "C")]
    ]


def annexes(report):
    """(annex number, title) of the statements annexed to `report`, in annex order."""
    return list(
        Statement.objects.filter(report=report)
        .order_by("annex_number")
        .values_list("annex_number", "title")
    )


def annex_all(statements, report, by, **options):
    for statement in statements:
        services.annex_statement(statement=statement, report=report, by=by, **options)


def test_statements_are_numbered_in_the_order_they_are_annexed(report, statements, secretariat):
    annex_all(statements, report, secretariat)

    assert annexes(report) == [(1, "A"), (2, "B"), (3, "C")]


def test_inserting_at_a_position_renumbers_the_others(report, statements, secretariat):
    a, b, c = statements
    annex_all([a, b], report, secretariat)

    annexed = services.annex_statement(statement=c, report=report, by=secretariat, position=1)

    assert annexed.annex_number == 1
    assert annexes(report) == [(1, "C"), (2, "A"), (3, "B")]


def test_a_position_past_the_end_appends(report, statements, secretariat):
    a, b, c = statements
    annex_all([a, b], report, secretariat)

    services.annex_statement(statement=c, report=report, by=secretariat, position=9)

    assert annexes(report) == [(1, "A"), (2, "B"), (3, "C")]


def test_the_secretariat_chooses_the_first_statement_number(report, statements, secretariat):
    a, b, c = statements
    services.annex_statement(statement=a, report=report, by=secretariat, first_number=2)
    services.annex_statement(statement=b, report=report, by=secretariat)
    services.annex_statement(statement=c, report=report, by=secretariat, position=1)

    assert annexes(report) == [(2, "C"), (3, "A"), (4, "B")]

    services.number_statements_from(report=report, first_number=1, by=secretariat)

    assert annexes(report) == [(1, "C"), (2, "A"), (3, "B")]


def test_built_annexes_take_the_numbers_the_statements_leave_free(report, statements, secretariat):
    a, b, _c = statements
    services.annex_statement(statement=a, report=report, by=secretariat, first_number=2)
    services.annex_statement(statement=b, report=report, by=secretariat)

    before = [(annex.number, annex.title) for annex in build_report(report).annexes]
    services.move_statement(statement=b, position=1, by=secretariat)
    after = [(annex.number, annex.title) for annex in build_report(report).annexes]

    # The meeting recorded no attendance: no list of participants is annexed.
    assert before == [(1, "Agenda"), (2, "A"), (3, "B")]
    assert after == [(1, "Agenda"), (2, "B"), (3, "A")]


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (1, [(1, "C"), (2, "A"), (3, "B")]),
        (2, [(1, "A"), (2, "C"), (3, "B")]),
        (3, [(1, "A"), (2, "B"), (3, "C")]),
        (0, [(1, "C"), (2, "A"), (3, "B")]),
        (7, [(1, "A"), (2, "B"), (3, "C")]),
    ],
)
def test_moving_a_statement_keeps_the_numbers_unique_and_without_gaps(
    report, statements, secretariat, position, expected
):
    # From the last place to the first, every number changes hands: the unique
    # constraint on (report, annex number) would refuse a naive one-by-one update.
    annex_all(statements, report, secretariat)

    services.move_statement(statement=statements[2], position=position, by=secretariat)

    assert annexes(report) == expected


def test_detaching_closes_the_gap_and_keeps_the_first_number(report, statements, secretariat):
    a, b, c = statements
    annex_all(statements, report, secretariat, first_number=2)

    detached = services.detach_statement(statement=a, by=secretariat)

    assert (detached.report, detached.annex_number) == (None, None)
    assert annexes(report) == [(2, "B"), (3, "C")]


def test_annexing_to_another_report_renumbers_both(meeting, report, statements, secretariat):
    a, b, c = statements
    annex_all(statements, report, secretariat)
    progress = make_report(meeting.group, title="Progress report", status=ReportStatus.DRAFT)

    services.annex_statement(statement=b, report=progress, by=secretariat)

    assert annexes(report) == [(1, "A"), (2, "C")]
    assert annexes(progress) == [(1, "B")]


def test_renumbering_records_who_changed_which_statement(report, statements, secretariat):
    a, b, c = statements
    annex_all([a, b], report, secretariat)

    services.annex_statement(statement=c, report=report, by=secretariat, position=2)

    # A kept Annex 1 and was not saved again; B moved to 3; C was annexed as 2.
    assert [s.history.count() for s in statements] == [2, 3, 2]
    assert [(h.annex_number, h.history_user) for h in b.history.order_by("history_id")] == [
        (None, User.objects.get(username="recorder")),
        (2, secretariat),
        (3, secretariat),
    ]


@pytest.mark.parametrize("status", [ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_annexes_are_frozen_once_the_report_is_approved(
    meeting, report, statements, secretariat, status
):
    a, b, c = statements
    annex_all([a, b], report, secretariat)
    report.status = status
    report.save()
    draft = make_report(meeting.group, title="Progress report", status=ReportStatus.DRAFT)
    attempts = [
        lambda: services.annex_statement(statement=c, report=report, by=secretariat),
        lambda: services.move_statement(statement=b, position=1, by=secretariat),
        lambda: services.detach_statement(statement=a, by=secretariat),
        lambda: services.number_statements_from(report=report, first_number=3, by=secretariat),
        # Leaving it for another report would change it too.
        lambda: services.annex_statement(statement=a, report=draft, by=secretariat),
    ]

    message = f"“{report}” is {status.label.lower()}: its annexes can no longer change."
    for attempt in attempts:
        with refused(ValidationError, message, report, draft, *statements):
            attempt()

    assert annexes(report) == [(1, "A"), (2, "B")]
    assert annexes(draft) == []


@pytest.mark.parametrize("role", ["delegate_a", "officer"])
def test_only_the_secretariat_numbers_annexes(roles, report, statements, secretariat, role):
    a, b, c = statements
    annex_all([a, b], report, secretariat)
    user = roles[role]
    attempts = [
        lambda: services.annex_statement(statement=c, report=report, by=user),
        lambda: services.move_statement(statement=b, position=1, by=user),
        lambda: services.detach_statement(statement=a, by=user),
        lambda: services.number_statements_from(report=report, first_number=3, by=user),
    ]

    message = "Only the secretariat annexes statements to reports."
    for attempt in attempts:
        with refused(PermissionDenied, message, report, *statements):
            attempt()

    assert annexes(report) == [(1, "A"), (2, "B")]


def test_a_statement_goes_to_a_report_of_its_own_group(statements, secretariat):
    other_group = factories.ExpertGroupFactory(acronym="EG-X")
    other = make_report(other_group, title="Other", kind=ReportKind.PROGRESS)
    other.status = ReportStatus.DRAFT
    other.save()

    message = "A statement is annexed to a report of its own group."
    with refused(ValidationError, message, other, *statements):
        services.annex_statement(statement=statements[0], report=other, by=secretariat)
    assert annexes(other) == []


def test_moving_or_detaching_needs_an_annexed_statement(statements, secretariat):
    message = "This statement is not annexed to a report."
    with refused(ValidationError, message, *statements):
        services.move_statement(statement=statements[0], position=1, by=secretariat)
    with refused(ValidationError, message, *statements):
        services.detach_statement(statement=statements[0], by=secretariat)


def test_annex_numbers_start_at_one(report, statements, secretariat):
    with refused(ValidationError, "Annex numbers start at 1.", report, *statements):
        services.annex_statement(
            statement=statements[0], report=report, by=secretariat, first_number=0
        )
    with refused(ValidationError, "Annex numbers start at 1.", report, *statements):
        services.number_statements_from(report=report, first_number=0, by=secretariat)
    assert annexes(report) == []
