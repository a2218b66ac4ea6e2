"""What the exporter and the importer agree on: names, numbers, times and the JSON layout.

See docs/history-format.md for the format itself, and schema.json for its JSON Schema.
"""

import datetime
import json
import re
from pathlib import Path

FORMAT = "egitrs-history"
VERSION = 1
HISTORY_FILE = "history.json"
FILES_FOLDER = "files"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"

AMENDMENT_SHORT = {"rev": "Rev", "add": "Add", "corr": "Corr"}
AMENDMENT_OF_SHORT = {short: kind for kind, short in AMENDMENT_SHORT.items()}
LANGUAGE_ORDER = ["ar", "zh", "en", "fr", "ru", "es"]
LANGUAGE_LETTER = {"ar": "A", "zh": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}

_NUMBER = re.compile(
    r"^(?P<acronym>\S.*) (?P<meeting>[0-9]+)/(?P<number>[0-9]+)"
    r"(?: \((?P<kind>Rev|Add|Corr)\.(?P<ordinal>[0-9]+)\))?$"
)


class RegisterNumber(tuple):
    """`EG-ITRs 2/20 (Rev.1)` as (acronym, meeting, number, amendment kind, ordinal)."""

    __slots__ = ()

    def __new__(cls, acronym, meeting, number, kind="", ordinal=0):
        return super().__new__(cls, (acronym, meeting, number, kind, ordinal))

    acronym = property(lambda self: self[0])
    meeting = property(lambda self: self[1])
    number = property(lambda self: self[2])
    kind = property(lambda self: self[3])
    ordinal = property(lambda self: self[4])

    @classmethod
    def parse(cls, text):
        """The parts of a register number, or None when `text` is not one."""
        match = _NUMBER.match(text or "")
        if match is None:
            return None
        kind = AMENDMENT_OF_SHORT.get(match["kind"] or "", "")
        return cls(
            match["acronym"],
            int(match["meeting"]),
            int(match["number"]),
            kind,
            int(match["ordinal"] or 0),
        )

    @property
    def base(self):
        return RegisterNumber(self.acronym, self.meeting, self.number)

    def __str__(self):
        text = f"{self.acronym} {self.meeting}/{self.number}"
        if self.kind:
            text += f" ({AMENDMENT_SHORT[self.kind]}.{self.ordinal})"
        return text


def format_instant(value):
    """A stored time as the file writes it: UTC, `Z`, microseconds only when there are any."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def parse_instant(text):
    """A time of the file (with its UTC offset), or None when it is not a real time."""
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def instants(value):
    """Every time written in an entry of the file (its `..._at` fields), at any depth.

    None for a text that is not a real time.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key.endswith("_at"):
                yield parse_instant(item)
            else:
                yield from instants(item)
    elif isinstance(value, list):
        for item in value:
            yield from instants(item)


def parse_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def file_stem(text):
    """A register number (or any label) made safe as a file name: `EG-ITRs-2-20-Rev1`."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", text.replace(".", "")).strip("-")
    return stem or "document"


def dumps(data):
    """The file's bytes: fixed key order, indented, UTF-8 as written, a final newline."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def compact(**fields):
    """The fields with a value: empty strings, lists, None and False are the defaults."""
    return {
        name: value
        for name, value in fields.items()
        if not (value is None or value is False or value == "" or value == [])
    }
