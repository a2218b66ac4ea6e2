"""Reading a history file: JSON, then its JSON Schema, then what the schema cannot say.

Every problem is a `Problem`: where it is in the file (a JSON pointer such as
`/groups/0/meetings/1/documents/3/number`) and what is wrong, in the secretariat's words.
All the problems of a file are reported together; a file with any is not imported.
"""

import functools
import json
from typing import NamedTuple

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from history.format import SCHEMA_PATH


class Problem(NamedTuple):
    pointer: str
    message: str

    def __str__(self):
        return f"{self.pointer or '/'}: {self.message}"


class HistoryInvalid(Exception):
    """The file cannot be imported; `problems` says everything that is wrong with it."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def pointer(*parts):
    """A JSON pointer to the place given by keys and list positions."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "".join(f"/{part}" for part in escaped)


@functools.cache
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def _validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


def parse_json(raw):
    """The file's data, or HistoryInvalid saying where the JSON breaks."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise HistoryInvalid([Problem("", _("The file is not UTF-8 text."))]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
        raise HistoryInvalid(
            [
                Problem(
                    "", message % {"error": error.msg, "line": error.lineno, "column": error.colno}
                )
            ]
        ) from None


def _sort_key(problem):
    parts = problem.pointer.split("/")[1:]
    return ([(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts], problem.message)


def sorted_problems(problems):
    return sorted(set(problems), key=_sort_key)


def schema_problems(data):
    """What the JSON Schema refuses, one problem per place, in words."""
    problems = []
    for error in _validator().iter_errors(data):
        problems.extend(_in_words(error))
    return sorted_problems(problems)


# The patterns of schema.json, as a reader is told about them.
def _pattern_messages():
    definitions = schema()["$defs"]
    return {
        definitions["date"]["pattern"]: _("“%(value)s” is not a date written YYYY-MM-DD."),
        definitions["instant"]["pattern"]: _(
            "“%(value)s” is not a time with its UTC offset, such as 2024-01-30T16:00:00Z."
        ),
        definitions["register_number"]["pattern"]: _(
            "“%(value)s” is not a register number such as “EG-ITRs 2/20” or "
            "“EG-ITRs 2/20 (Rev.1)”."
        ),
        definitions["name"]["pattern"]: _("This must not be empty."),
        definitions["line"]["pattern"]: _("One line only: put each entry in its own item."),
    }


TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "an object { … }",
    "boolean": "true or false",
}


def _in_words(error):
    place = pointer(*error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        return [Problem(place, _("“%(field)s” is missing.") % {"field": name}) for name in missing]
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        return [
            Problem(
                pointer(*error.absolute_path, name),
                _("“%(field)s” is not a field of this entry.") % {"field": name},
            )
            for name in value
            if name not in allowed
        ]
    if kind == "const" and place == "/format":
        return [
            Problem(place, _("This is not a history file: “format” must be “egitrs-history”."))
        ]
    if kind == "const" and place == "/version":
        return [
            Problem(
                place,
                _(
                    "Version %(version)s of the history format is unknown here; this application "
                    "reads version 1."
                )
                % {"version": value},
            )
        ]
    if kind == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return [
            Problem(
                place,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": choices},
            )
        ]
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = _(" or ").join(TYPE_WORDS.get(name, name) for name in expected)
        return [Problem(place, _("This must be %(type)s.") % {"type": words})]
    if kind == "pattern":
        message = _pattern_messages().get(
            error.validator_value, _("“%(value)s” is not written as expected.")
        )
        return [Problem(place, message % {"value": value})]
    if kind == "minLength":
        return [Problem(place, _("This must not be empty."))]
    if kind == "maxLength":
        return [
            Problem(
                place,
                _("This is longer than the %(count)s characters allowed.")
                % {"count": error.validator_value},
            )
        ]
    if kind == "minItems":
        return [Problem(place, _("The list must name at least one."))]
    if kind == "minimum":
        return [
            Problem(
                place, _("This must be %(minimum)s or more.") % {"minimum": error.validator_value}
            )
        ]
    return [Problem(place, error.message)]
