"""A history file read and checked: its data, or every problem it has."""

from pathlib import Path

from history.checks import semantic_problems
from history.validation import HistoryInvalid, parse_json, schema_problems


def validate(data, folder=None):
    """Every problem of the history `data` (files looked for in `folder`); [] when none."""
    return schema_problems(data) or semantic_problems(data, folder)


def read_history(path):
    """The data of the history file at `path`, checked with its folder's files.

    Raises HistoryInvalid listing every problem.
    """
    path = Path(path)
    data = parse_json(path.read_bytes())
    problems = validate(data, path.parent)
    if problems:
        raise HistoryInvalid(problems)
    return data
