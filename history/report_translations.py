"""The translations of a report in a history file: exported, checked and replayed.

A report is built in its original language; its other languages are translations,
requested, started and posted (a DOCX or a PDF) after its approval, each through
`proceedings.services` at its time. An entry of `reports[].translations` says where a
language stands at the end of the history and every file posted for it, in order:

    {"language": "fr", "status": "posted", "requested_at": "…", "requested_by": "…",
     "files": [{"path": "files/…-F.pdf", "name": "…", "sha256": "…",
                "posted_at": "…", "posted_by": "…"}]}

`started_at` and `started_by` are given for a translation still in translation. The times
of a translation, replayed in order, must bring it to its status: the checks say so
before anything is imported.
"""

import dataclasses
import datetime
from pathlib import PurePath, PurePosixPath

from django.db.models import Prefetch
from django.utils.translation import gettext_noop

from contributions.enums import Language, TranslationStatus
from history.export_register import ExportError, username
from history.format import (
    FILES_FOLDER,
    LANGUAGE_LETTER,
    LANGUAGE_ORDER,
    compact,
    format_instant,
    parse_instant,
)
from history.references import file_problem
from history.validation import pointer
from proceedings import services
from proceedings.models import ReportTranslationFile
from proceedings.services.translations import FORMAT_OF_EXTENSION

# What comes first at one instant: a request, the start, a posting.
RANKS = {"request": 35, "start": 36, "post": 37}
UNDER_WAY = (TranslationStatus.REQUESTED, TranslationStatus.IN_TRANSLATION)


@dataclasses.dataclass(frozen=True)
class Event:
    """One step of a translation: `action` ("request", "start", "post") at `at`, said by
    `entry` (the translation, or a posting's file), which is at `place` in the file."""

    at: datetime.datetime | None
    action: str
    entry: dict
    place: tuple

    @property
    def order(self):
        return (self.at, RANKS[self.action])

    @property
    def time_place(self):
        return (*self.place, TIME_FIELDS[self.action])

    @property
    def step_place(self):
        """Where a refusal of the step is reported: the file posted, else the time."""
        return self.place if self.action == "post" else self.time_place

    @property
    def by(self):
        """The username of who made the step (None when not said), and its place."""
        field = BY_FIELDS[self.action]
        return self.entry.get(field), (*self.place, field)


TIME_FIELDS = {"request": "requested_at", "start": "started_at", "post": "posted_at"}
BY_FIELDS = {"request": "requested_by", "start": "started_by", "post": "posted_by"}


def translation_events(report, translation, place):
    """The steps of one translation of `report`, with the default times of the format.

    A request is made at `requested_at`, or at the report's approval for a translation
    under way that does not say when; a translation posted without `requested_at` was
    never requested. The start is at `started_at`, else the request; a posting at its
    `posted_at`, else the report's approval. A time that is not one is None.
    """
    approved = parse_instant(report.get("approved_at", ""))

    def at(entry, field, default):
        return parse_instant(entry[field]) if field in entry else default

    events = []
    status = translation["status"]
    requested = at(translation, "requested_at", approved)
    if "requested_at" in translation or status in UNDER_WAY:
        events.append(Event(requested, "request", translation, place))
    if status == TranslationStatus.IN_TRANSLATION:
        started = at(translation, "started_at", requested)
        events.append(Event(started, "start", translation, place))
    for index, file in enumerate(translation.get("files", [])):
        posted = at(file, "posted_at", approved)
        events.append(Event(posted, "post", file, (*place, "files", index)))
    return events


def final_status(events):
    """Where the events, in the order of their times, leave a translation as the services
    move it: its status, or STARTED_UNREQUESTED when a start would find it not requested;
    None when a time is not one (the checks say so already)."""
    if any(event.at is None for event in events):
        return None
    status = TranslationStatus.NOT_REQUIRED
    for event in sorted(events, key=lambda event: event.order):
        if event.action == "request" and status not in UNDER_WAY:
            status = TranslationStatus.REQUESTED
        elif event.action == "start":
            if status != TranslationStatus.REQUESTED:
                return STARTED_UNREQUESTED
            status = TranslationStatus.IN_TRANSLATION
        elif event.action == "post":
            status = TranslationStatus.POSTED
    return status


STARTED_UNREQUESTED = "started_unrequested"


class ReportTranslationExport:
    """Mixed into the exporter, which provides `files`."""

    def report_translations(self, report):
        postings = ReportTranslationFile.objects.select_related("posted_by").order_by("pk")
        rows = (
            report.translations.exclude(status=TranslationStatus.NOT_REQUIRED)
            .select_related("requested_by")
            .prefetch_related(Prefetch("files", queryset=postings))
        )
        return [
            self.report_translation(report, row)
            for row in sorted(rows, key=lambda row: LANGUAGE_ORDER.index(row.language))
        ]

    def report_translation(self, report, row):
        started = {}
        if row.status == TranslationStatus.IN_TRANSLATION:
            move = (
                row.history.filter(status=TranslationStatus.IN_TRANSLATION)
                .select_related("history_user")
                .order_by("-history_date", "-history_id")
                .first()
            )
            if move is not None:
                started = compact(
                    started_at=format_instant(move.history_date),
                    started_by=username(move.history_user),
                )
        return {
            "language": row.language,
            "status": row.status,
            **compact(
                requested_at=format_instant(row.requested_at),
                requested_by=username(row.requested_by),
            ),
            **started,
            **compact(files=self.report_translation_files(report, row)),
        }

    def report_translation_files(self, report, row):
        postings = list(row.files.all())
        exported = []
        for posting in postings:
            same_format = [p for p in postings if p.format == posting.format]
            stem = f"{PurePath(report.download_name(posting.format)).stem}"
            stem += f"-{LANGUAGE_LETTER[row.language]}"
            if len(same_format) > 1:
                stem += f"-{same_format.index(posting) + 1}"
            relative = str(PurePosixPath(FILES_FOLDER, f"{stem}.{posting.format}"))
            if relative in self.files:
                raise ExportError(
                    f"Two files of the history would be {relative}: {report} shares its "
                    "download name with another report."
                )
            self.files[relative] = posting.file
            exported.append(
                {
                    "path": relative,
                    "name": posting.original_name,
                    "sha256": posting.sha256,
                    "posted_at": format_instant(posting.posted_at),
                    **compact(posted_by=username(posting.posted_by)),
                }
            )
        return exported


class ReportTranslationSteps:
    """Mixed into `Steps`: uses its `add`, `made`, `user`, `upload`, `remember_files`."""

    def report_translations(self, report, place, key):
        for index, translation in enumerate(report.get("translations", [])):
            where = (*place, "translations", index)
            for event in translation_events(report, translation, where):
                self.report_translation_step(key, translation, event)

    def report_translation_step(self, key, translation, event):
        language = translation["language"]
        username, place = event.by
        by = self.user(username, pointer(*place))
        if event.action == "post":

            def run(file=event.entry, at=event.at):
                posted = services.post_report_translation(
                    report=self.made[key],
                    language=language,
                    upload=self.upload(file),
                    by=by,
                    at=at,
                )
                self.remember_files([posted])

        elif event.action == "start":

            def run(at=event.at):
                services.start_report_translation(
                    report=self.made[key], language=language, by=by, at=at
                )

        else:

            def run(at=event.at):
                services.request_report_translations(
                    report=self.made[key], languages=[language], by=by, at=at
                )

        self.add(event.at, RANKS[event.action], pointer(*event.step_place), run, needs=[key])


class ReportTranslationChecks:
    """Mixed into the checker: uses its `problem` and `folder`."""

    def report_translations(self, report, where):
        translations = report.get("translations", [])
        if translations and report["status"] == "draft":
            self.problem(
                pointer(*where, "translations"),
                gettext_noop(
                    "A draft report has no translations: a report is translated once it is "
                    "approved."
                ),
            )
            return
        languages = [translation["language"] for translation in translations]
        if len(languages) != len(set(languages)):
            self.problem(
                pointer(*where, "translations"), gettext_noop("A language is listed twice.")
            )
        for index, translation in enumerate(translations):
            self.report_translation(report, translation, (*where, "translations", index))

    def report_translation(self, report, translation, place):
        status, language = translation["status"], translation["language"]
        if language == report.get("original_language", "en"):
            self.problem(
                pointer(*place, "language"),
                gettext_noop(
                    "%(language)s is the original language of the report: it is built in it, not "
                    "translated."
                ),
                language=Language(language).label,
            )
        if status == TranslationStatus.POSTED and not translation.get("files"):
            self.problem(
                pointer(*place, "status"),
                gettext_noop("A posted translation has its file under “files”."),
            )
            return
        for field in ("started_at", "started_by"):
            if field in translation and status != TranslationStatus.IN_TRANSLATION:
                self.problem(
                    pointer(*place, field),
                    gettext_noop(
                        "Only a translation still in translation says when it was started."
                    ),
                )
        for index, file in enumerate(translation.get("files", [])):
            self.report_translation_file(file, (*place, "files", index))
        if not self.report_translation_times(report, translation, place):
            return
        reached = final_status(translation_events(report, translation, place))
        if reached == STARTED_UNREQUESTED:
            self.problem(
                pointer(*place, "started_at"),
                gettext_noop(
                    "In the order of its times this translation is started when it is not "
                    "requested: check the times."
                ),
            )
        elif reached is not None and reached != status:
            self.problem(
                pointer(*place, "status"),
                gettext_noop(
                    "In the order of its times this translation ends “%(reached)s”, not "
                    "“%(status)s”: check the times."
                ),
                reached=reached,
                status=status,
            )

    def report_translation_times(self, report, translation, place):
        """Whether each step comes after the report's approval and the start after the
        request; a problem for each that does not."""
        approved = parse_instant(report.get("approved_at", ""))
        early = []
        for event in translation_events(report, translation, place):
            if approved and event.at and event.at < approved:
                early.append(event.time_place)
        for where in early:
            self.problem(
                pointer(*where),
                gettext_noop(
                    "A report is translated once it is approved: this comes before its approval."
                ),
            )
        requested = parse_instant(translation.get("requested_at", ""))
        started = parse_instant(translation.get("started_at", ""))
        if requested and started and started < requested:
            self.problem(
                pointer(*place, "started_at"),
                gettext_noop("The translation is started before it is requested."),
            )
            return False
        return not early

    def report_translation_file(self, file, place):
        from history.checks import FILE_WORDS  # it imports this module

        path = file["path"]
        extension = PurePosixPath(path).suffix.lower()
        if extension not in FORMAT_OF_EXTENSION:
            self.problem(
                pointer(*place, "path"),
                gettext_noop(
                    "A translated report is a DOCX or a PDF file: “%(path)s” is neither."
                ),
                path=path,
            )
            return
        if "name" in file and PurePath(file["name"]).suffix.lower() != extension:
            self.problem(
                pointer(*place, "name"),
                gettext_noop("The name “%(name)s” says another format than its file “%(path)s”."),
                name=file["name"],
                path=path,
            )
        problem = file_problem(self.folder, path, file.get("sha256"))
        if problem:
            self.problem(pointer(*place, "path"), FILE_WORDS[problem], path=path)
