"""Statements annexed to reports, and their annex numbers.

The numbering rule: the statements annexed to one report are numbered consecutively, in
the order the secretariat sets, from the report's first statement number. That first
number is the lowest annex number the report's statements hold: 1 unless the secretariat
chooses another (2 in the EG-ITRs case, where Annex 1 of the second meeting's report is
the approved work plan: the report builder gives the annexes it builds the numbers the
statements leave free). Every change renumbers the report's statements without gaps;
once the report is approved or published, its annexes no longer change.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egitrs.workflow import stamp
from members.rules import is_secretariat
from proceedings.enums import ReportStatus
from proceedings.models import Report, Statement


def _require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat annexes statements to reports."))


def _lock_report(report_id):
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _("“%(report)s” is %(status)s: its annexes can no longer change.")
            % {"report": report.title, "status": report.get_status_display().lower()}
        )
    return report


def annexed_statements(report):
    """The statements annexed to `report`, in annex order."""
    return list(Statement.objects.filter(report=report).order_by("annex_number", "pk"))


def _first_number(statements, default=1):
    numbers = [s.annex_number for s in statements if s.annex_number is not None]
    return min(numbers, default=default)


def _position_index(position, length):
    """A 1-based position, kept within 1..length, as a list index; None is the end."""
    if position is None:
        return length
    return min(max(int(position), 1), length + 1) - 1


def _renumber(report, statements, first, by, at):
    """Number `statements` (annexed to `report`, in their new order) from `first`.

    The unique constraint on (report, annex_number) holds throughout: the statements
    whose number changes lose it first, then take their new one. Statements that keep
    their number are not saved, so their history shows only real changes.
    """
    changed = [
        statement
        for number, statement in enumerate(statements, start=first)
        if (statement.report_id, statement.annex_number) != (report.pk, number)
    ]
    Statement.objects.filter(pk__in=[s.pk for s in changed]).update(annex_number=None)
    for number, statement in enumerate(statements, start=first):
        if statement in changed:
            statement.report = report
            statement.annex_number = number
            stamp(statement, by=by, at=at)
            statement.save(update_fields=["report", "annex_number"])


def _lock_statement(statement):
    return Statement.objects.select_for_update().select_related("meeting").get(pk=statement.pk)


def _detach(statement, by, at):
    report = _lock_report(statement.report_id)
    current = annexed_statements(report)
    rest = [s for s in current if s.pk != statement.pk]
    first = _first_number(current)
    statement.report = None
    statement.annex_number = None
    stamp(statement, by=by, at=at)
    statement.save(update_fields=["report", "annex_number"])
    _renumber(report, rest, first, by, at)


@transaction.atomic
def annex_statement(*, statement, report, by, position=None, first_number=None, at=None):
    """Annex `statement` to `report` at `position` (1-based, among the report's statements;
    None: after the last), renumbering the report's statements.

    `first_number` sets the number of the report's first statement; by default it stays
    what it is (1 for the first statement annexed). A statement annexed to another draft
    report leaves it, and that report's statements are renumbered too.
    """
    _require_secretariat(by)
    at = at or timezone.now()
    statement = _lock_statement(statement)
    if report.group_id != statement.meeting.group_id:
        raise ValidationError(_("A statement is annexed to a report of its own group."))
    if statement.report_id is not None and statement.report_id != report.pk:
        _detach(statement, by, at)
    report = _lock_report(report.pk)
    current = annexed_statements(report)
    others = [s for s in current if s.pk != statement.pk]
    if first_number is not None and int(first_number) < 1:
        raise ValidationError(_("Annex numbers start at 1."))
    first = int(first_number) if first_number is not None else _first_number(current)
    if position is None and statement.report_id == report.pk:
        ordered = current
    else:
        ordered = list(others)
        ordered.insert(_position_index(position, len(others)), statement)
    _renumber(report, ordered, first, by, at)
    statement.refresh_from_db()
    return statement


@transaction.atomic
def move_statement(*, statement, position, by, at=None):
    """Move an annexed statement to `position` (1-based) among its report's statements."""
    _require_secretariat(by)
    at = at or timezone.now()
    statement = _lock_statement(statement)
    if statement.report_id is None:
        raise ValidationError(_("This statement is not annexed to a report."))
    report = _lock_report(statement.report_id)
    current = annexed_statements(report)
    ordered = [s for s in current if s.pk != statement.pk]
    ordered.insert(_position_index(position, len(ordered)), statement)
    _renumber(report, ordered, _first_number(current), by, at)
    statement.refresh_from_db()
    return statement


@transaction.atomic
def detach_statement(*, statement, by, at=None):
    """Take a statement out of its report's annexes; the others close the gap."""
    _require_secretariat(by)
    at = at or timezone.now()
    statement = _lock_statement(statement)
    if statement.report_id is None:
        raise ValidationError(_("This statement is not annexed to a report."))
    _detach(statement, by, at)
    return statement


@transaction.atomic
def number_statements_from(*, report, first_number, by, at=None):
    """Renumber the statements of `report`, in their order, from `first_number`."""
    _require_secretariat(by)
    at = at or timezone.now()
    if int(first_number) < 1:
        raise ValidationError(_("Annex numbers start at 1."))
    report = _lock_report(report.pk)
    _renumber(report, annexed_statements(report), int(first_number), by, at)
