"""Bringing a group's history in: every write through the services, at its time, in one go.

The file is checked first (schema, then `history.checks`); a file with problems changes
nothing. Then the history is replayed in the order it happened: each step is a service
call with `at=` the step's time and no mail (`notify=False`). A step the services refuse
is reported at its place in the file, and the whole import is rolled back, so a bad file
changes nothing however far it got. Files written to storage by a rolled-back import are
deleted again.
"""

import dataclasses
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from history.import_steps import Steps
from history.reader import validate
from history.validation import HistoryInvalid, Problem, parse_json, sorted_problems
from members.rules import is_secretariat


@dataclasses.dataclass
class Summary:
    """What an import creates (or, in a dry run, would create), per group, and its warnings."""

    organizations: int = 0
    groups: dict = dataclasses.field(default_factory=dict)
    warnings: list = dataclasses.field(default_factory=list)
    imported: bool = False

    def lines(self):
        """The summary in words, as the command and the admin show it."""
        lines = []
        if self.organizations:
            lines.append(
                _("Organizations declared in the file and new here: %(count)s")
                % {"count": self.organizations}
            )
        for acronym, counts in self.groups.items():
            lines.append(
                _("%(group)s: %(counts)s")
                % {
                    "group": acronym,
                    "counts": ", ".join(f"{label} {count}" for label, count in counts.items()),
                }
            )
        return lines + [str(warning) for warning in self.warnings]

    def as_dict(self):
        return {
            "organizations": self.organizations,
            "groups": self.groups,
            "warnings": [list(warning) for warning in self.warnings],
        }


def count(data):
    """What the file holds, per group, in the words of the summary."""
    groups = {}
    for group in data["groups"]:
        meetings = group.get("meetings", [])
        documents = [d for m in meetings for d in m.get("documents", [])]
        groups[group["acronym"]] = {
            _("meetings"): len(meetings),
            _("agenda items"): sum(len(m.get("agenda", [])) for m in meetings),
            _("registrations"): sum(len(m.get("registrations", [])) for m in meetings),
            _("documents"): len(documents),
            _("files"): sum(len(d.get("files", [])) for d in documents),
            _("decisions"): sum(len(m.get("decisions", [])) for m in meetings),
            _("statements"): sum(len(m.get("statements", [])) for m in meetings),
            _("work plans"): len(group.get("work_plans", [])),
            _("reports"): len(group.get("reports", [])),
        }
    return groups


def import_history_file(path, *, by, dry_run=False):
    """Import the history file at `path` (its files beside it) as the secretariat user `by`.

    Returns a Summary; raises HistoryInvalid listing every problem (nothing is written).
    With `dry_run`, everything is checked and replayed, then rolled back.
    """
    path = Path(path)
    return import_history(
        parse_json(path.read_bytes()), folder=path.parent, by=by, dry_run=dry_run
    )


def import_history(data, *, folder, by, dry_run=False):
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat imports histories."))
    problems = validate(data, folder)
    if problems:
        raise HistoryInvalid(problems)
    steps = Steps(data, folder=Path(folder), by=by)
    summary = Summary(groups=count(data), warnings=steps.warnings)
    kept = False
    try:
        with transaction.atomic():
            summary.organizations = steps.organizations()
            problems = _replay(steps.plan())
            if problems or dry_run:
                transaction.set_rollback(True)
        kept = not (problems or dry_run)
    finally:
        steps.close()
        if not kept:
            # Storage is not transactional: what the rolled-back rows named goes too.
            steps.delete_written_files()
    if problems:
        raise HistoryInvalid(sorted_problems(problems))
    summary.imported = not dry_run
    return summary


def _replay(plan):
    """Run the steps in time order, each in a savepoint; the problems of those refused.

    A step whose objects could not be made is skipped: its cause is reported already.
    """
    problems = []
    failed, done = set(), set()
    for step in sorted(plan, key=lambda step: step.order):
        if failed & step.needs:
            failed.update(step.makes)
            continue
        if later := sorted(step.needs - done):
            failed.update(step.makes)
            message = _("This comes before %(entry)s in time, yet refers to it: check the times.")
            problems.append(Problem(step.place, message % {"entry": later[0]}))
            continue
        try:
            with transaction.atomic():
                step.run()
        except (ValidationError, PermissionDenied, IntegrityError) as error:
            failed.update(step.makes)
            problems.append(Problem(step.place, _refusal(error)))
        else:
            done.update(step.makes)
    return problems


def _refusal(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, IntegrityError):
        return _("This step would break a rule of the register (a number or name used twice).")
    return str(error) or _("The application refused this step.")
