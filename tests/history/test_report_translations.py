"""A report's translations in a history file: exported, imported, checked."""

import copy
import hashlib
import json

import pytest

from egitrs.sample_documents import docx_bytes, pdf_bytes
from history.exporter import export_history
from history.importer import import_history_file
from history.reader import validate
from history.validation import HistoryInvalid, Problem
from proceedings.models import Report, ReportTranslationFile
from tests.history.helpers import row_counts, second_history_accounts, tree
from tests.history.histories import second_history, write_files
from tests.history.test_round_trip import exported_and_rolled_back

R = "/groups/0/reports/0/translations"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
# The meeting report of the second history, approved on 20 September 2021 at 14:30 UTC.
TRANSLATIONS = [
    {
        "language": "zh",
        "status": "in_translation",
        "requested_at": "2021-09-21T08:00:00Z",
        "requested_by": "secretariat",
        "started_at": "2021-09-23T08:00:00Z",
        "started_by": "secretariat",
    },
    {
        "language": "fr",
        "status": "posted",
        "requested_at": "2021-09-21T08:00:00Z",
        "requested_by": "secretariat",
        "files": [
            {
                "path": "files/translations/rapport.docx",
                "name": "Rapport.docx",
                "posted_at": "2021-10-01T09:00:00Z",
                "posted_by": "secretariat",
            },
            {"path": "files/translations/rapport.pdf", "posted_at": "2021-10-01T09:05:00Z"},
            {
                "path": "files/translations/rapport-corrige.docx",
                "name": "Rapport corrigé.docx",
                "posted_at": "2021-10-08T09:00:00Z",
                "posted_by": "secretariat",
            },
        ],
    },
    # Posted without a request, then requested again for a new translation.
    {
        "language": "ru",
        "status": "requested",
        "requested_at": "2021-11-02T08:00:00Z",
        "requested_by": "secretariat",
        "files": [{"path": "files/translations/doklad.pdf", "posted_at": "2021-10-05T09:00:00Z"}],
    },
]
CONTENTS = {
    "files/translations/rapport.docx": docx_bytes("Rapport de la première réunion"),
    "files/translations/rapport.pdf": pdf_bytes("Rapport de la premiere reunion"),
    "files/translations/rapport-corrige.docx": docx_bytes("Rapport corrigé"),
    "files/translations/doklad.pdf": pdf_bytes("Doklad"),
}


def translated_history(change=None):
    history = second_history()
    history["groups"][0]["reports"][0]["translations"] = copy.deepcopy(TRANSLATIONS)
    if change is not None:
        change(history)
    return history


def write_translated(folder, history, contents=CONTENTS):
    write_files(folder, history)
    for relative, data in contents.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    return folder / "history.json"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def test_a_posted_report_translation_comes_back_byte_for_byte(db, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    write_translated(source, translated_history())

    first = exported_and_rolled_back(
        tmp_path,
        "first",
        lambda: import_history_file(source / "history.json", by=second_history_accounts()),
    )
    import_history_file(first / "history.json", by=second_history_accounts())
    export_history(tmp_path / "second")

    assert tree(tmp_path / "second") == tree(first)
    assert len(tree(first)) == 12 + 4  # the second history's, and the four postings
    exported = json.loads((first / "history.json").read_text())
    stem = "files/EG-DWM-report-meeting-1"
    assert exported["groups"][0]["reports"][0]["translations"] == [
        TRANSLATIONS[0],
        {
            "language": "fr",
            "status": "posted",
            "requested_at": "2021-09-21T08:00:00Z",
            "requested_by": "secretariat",
            "files": [
                {
                    "path": f"{stem}-F-1.docx",
                    "name": "Rapport.docx",
                    "sha256": sha256(CONTENTS["files/translations/rapport.docx"]),
                    "posted_at": "2021-10-01T09:00:00Z",
                    "posted_by": "secretariat",
                },
                {
                    "path": f"{stem}-F.pdf",
                    "name": "rapport.pdf",
                    "sha256": sha256(CONTENTS["files/translations/rapport.pdf"]),
                    "posted_at": "2021-10-01T09:05:00Z",
                    "posted_by": "secretariat",
                },
                {
                    "path": f"{stem}-F-2.docx",
                    "name": "Rapport corrigé.docx",
                    "sha256": sha256(CONTENTS["files/translations/rapport-corrige.docx"]),
                    "posted_at": "2021-10-08T09:00:00Z",
                    "posted_by": "secretariat",
                },
            ],
        },
        {
            "language": "ru",
            "status": "requested",
            "requested_at": "2021-11-02T08:00:00Z",
            "requested_by": "secretariat",
            "files": [
                {
                    "path": f"{stem}-R.pdf",
                    "name": "doklad.pdf",
                    "sha256": sha256(CONTENTS["files/translations/doklad.pdf"]),
                    "posted_at": "2021-10-05T09:00:00Z",
                    "posted_by": "secretariat",
                }
            ],
        },
    ]
    assert tree(first)[f"{stem}-F-2.docx"] == CONTENTS["files/translations/rapport-corrige.docx"]


def test_the_import_replays_each_translation_through_the_services(db, tmp_path):
    secretariat = second_history_accounts()

    import_history_file(write_translated(tmp_path, translated_history()), by=secretariat)

    report = Report.objects.get(title="Report of the first meeting")
    assert sorted(report.translations.values_list("language", "status")) == [
        ("fr", "posted"),
        ("ru", "requested"),
        ("zh", "in_translation"),
    ]
    chinese = report.translations.get(language="zh")
    assert [(h.status, h.history_date.isoformat()) for h in chinese.history.order_by("pk")] == [
        ("requested", "2021-09-21T08:00:00+00:00"),
        ("in_translation", "2021-09-23T08:00:00+00:00"),
    ]
    assert [f.original_name for f in ReportTranslationFile.objects.current()] == [
        "Rapport corrigé.docx",
        "rapport.pdf",
        "doklad.pdf",
    ]


def _translation(index, **fields):
    def change(history):
        history["groups"][0]["reports"][0]["translations"][index].update(fields)

    return change


def _file(translation, index, **fields):
    def change(history):
        entry = history["groups"][0]["reports"][0]["translations"][translation]
        entry["files"][index].update(fields)

    return change


def _draft(history):
    report = history["groups"][0]["reports"][0]
    report["status"] = "draft"
    for field in ("approved_by", "approved_at", "published_at"):
        del report[field]


def _started_after_a_posting(history):
    entry = history["groups"][0]["reports"][0]["translations"][0]
    entry["files"] = [
        {"path": "files/translations/doklad.pdf", "posted_at": "2021-09-22T08:00:00Z"}
    ]


CASES = {
    "a draft": (
        _draft,
        [
            Problem(
                "/groups/0/reports/0/translations",
                "A draft report has no translations: a report is translated once it is approved.",
            )
        ],
    ),
    "the original language": (
        _translation(1, language="en"),
        [
            Problem(
                f"{R}/1/language",
                "English is the original language of the report: it is built in it, not "
                "translated.",
            )
        ],
    ),
    "a language twice": (
        _translation(2, language="fr"),
        [Problem(R, "A language is listed twice.")],
    ),
    "posted without a file": (
        _translation(1, files=[]),
        [Problem(f"{R}/1/status", "A posted translation has its file under “files”.")],
    ),
    "started yet posted": (
        _translation(1, started_at="2021-09-22T08:00:00Z"),
        [
            Problem(
                f"{R}/1/started_at",
                "Only a translation still in translation says when it was started.",
            )
        ],
    ),
    "neither DOCX nor PDF": (
        _file(1, 0, path="files/translations/rapport.xlsx"),
        [
            Problem(
                f"{R}/1/files/0/path",
                "A translated report is a DOCX or a PDF file: “files/translations/rapport.xlsx” "
                "is neither.",
            )
        ],
    ),
    "a name of another format": (
        _file(1, 0, name="Rapport.pdf"),
        [
            Problem(
                f"{R}/1/files/0/name",
                "The name “Rapport.pdf” says another format than its file "
                "“files/translations/rapport.docx”.",
            )
        ],
    ),
    "a file missing": (
        _file(1, 1, path="files/translations/absent.pdf"),
        [
            Problem(
                f"{R}/1/files/1/path",
                "There is no file “files/translations/absent.pdf” beside the history file.",
            )
        ],
    ),
    "another file": (
        _file(1, 0, sha256="0" * 64),
        [
            Problem(
                f"{R}/1/files/0/path",
                "The file “files/translations/rapport.docx” is not the one the history names: "
                "its SHA-256 differs.",
            )
        ],
    ),
    "before the approval": (
        _file(1, 0, posted_at="2021-09-20T14:00:00Z"),
        [
            Problem(
                f"{R}/1/files/0/posted_at",
                "A report is translated once it is approved: this comes before its approval.",
            )
        ],
    ),
    "times against the status": (
        _translation(2, requested_at="2021-10-01T08:00:00Z"),
        [
            Problem(
                f"{R}/2/status",
                "In the order of its times this translation ends “posted”, not “requested”: "
                "check the times.",
            )
        ],
    ),
    "started before requested": (
        _translation(0, started_at="2021-09-21T07:00:00Z"),
        [Problem(f"{R}/0/started_at", "The translation is started before it is requested.")],
    ),
    "started once posted": (
        _started_after_a_posting,
        [
            Problem(
                f"{R}/0/started_at",
                "In the order of its times this translation is started when it is not "
                "requested: check the times.",
            )
        ],
    ),
    "a status of no file": (
        _translation(0, status="not_required"),
        [
            Problem(
                f"{R}/0/status", "“not_required” is not one of: requested, in_translation, posted."
            )
        ],
    ),
    "a field of no file": (
        _file(1, 1, format="pdf"),
        [Problem(f"{R}/1/files/1/format", "“format” is not a field of this entry.")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_translation_is_reported_where_it_is(db, tmp_path, case):
    change, problems = CASES[case]
    history = translated_history(change)
    write_translated(tmp_path, history)

    assert validate(history, tmp_path) == problems


def test_the_good_translations_are_valid(db, tmp_path):
    history = translated_history()
    write_translated(tmp_path, history)

    assert validate(history, tmp_path) == []


def test_a_file_the_services_refuse_changes_nothing_and_says_where(db, tmp_path, settings):
    secretariat = second_history_accounts()
    path = write_translated(
        tmp_path,
        translated_history(),
        {**CONTENTS, "files/translations/rapport.pdf": EXECUTABLE},
    )
    counts = row_counts()

    with pytest.raises(HistoryInvalid) as refused:
        import_history_file(path, by=secretariat)

    assert refused.value.problems == [
        Problem(
            f"{R}/1/files/1",
            "“rapport.pdf” is named .pdf but its content is not a PDF document.",
        )
    ]
    assert row_counts() == counts
    stored = settings.MEDIA_ROOT / "reports"
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))
