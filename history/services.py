"""The secretariat's uploads of history files: checked by a dry run, then imported."""

import hashlib
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.enums import TRANSITIONS, ImportStatus
from history.format import HISTORY_FILE
from history.importer import import_history_file
from history.models import HistoryImport
from history.validation import HistoryInvalid
from members.rules import is_secretariat

# What a ZIP of a history may unpack to, against archives that would fill the disk.
MAX_ENTRIES = 20_000
MAX_UNPACKED_BYTES = 4 * 2**30


def unpack(source, folder):
    """Put the uploaded history (JSON, or a ZIP of it with its files) into `folder`.

    Returns the path of the history file. A ZIP entry that would land outside the folder
    is refused, as are archives larger than the limits.
    """
    folder = Path(folder)
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    if head != b"PK\x03\x04":
        target = folder / HISTORY_FILE
        with target.open("wb") as out:
            for chunk in iter(lambda: source.read(2**16), b""):
                out.write(chunk)
        return target
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ValidationError(_("The ZIP file is damaged.")) from None
    with archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise ValidationError(_("The ZIP file unpacks to more than a history may hold."))
        for entry in entries:
            name = PurePosixPath(entry.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in entry.filename:
                raise ValidationError(
                    _("The ZIP file holds “%(name)s”, outside its folder.")
                    % {"name": entry.filename}
                )
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(entry) as data, target.open("wb") as out:
                for chunk in iter(lambda data=data: data.read(2**16), b""):
                    out.write(chunk)
    found = sorted(folder.glob(f"**/{HISTORY_FILE}"), key=lambda p: len(p.parts))
    if not found:
        raise ValidationError(
            _("The ZIP file has no %(name)s: put it at the top, its files beside it.")
            % {"name": HISTORY_FILE}
        )
    return found[0]


def _run(history_import, *, by, dry_run):
    """The summary of an import of the stored upload, or the problems that stop it."""
    with tempfile.TemporaryDirectory(prefix="egitrs-history-") as folder:
        with history_import.file.open("rb") as source:
            try:
                path = unpack(source, folder)
            except ValidationError as error:
                return None, [["", " ".join(error.messages)]]
        try:
            summary = import_history_file(path, by=by, dry_run=dry_run)
        except HistoryInvalid as invalid:
            return None, [list(problem) for problem in invalid.problems]
    return summary.as_dict() | {"lines": summary.lines()}, []


def _require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat imports histories."))


def check_upload(*, upload, by, at=None):
    """Keep the uploaded history and try it: the dry run's summary, or its problems."""
    _require_secretariat(by)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    history_import = HistoryImport(
        file_name=upload.name[-255:],
        sha256=digest.hexdigest(),
        uploaded_by=by,
        uploaded_at=at or timezone.now(),
    )
    history_import.file.save(upload.name, upload, save=False)
    summary, problems = _run(history_import, by=by, dry_run=True)
    history_import.summary = summary or {}
    history_import.problems = problems
    history_import.status = ImportStatus.REFUSED if problems else ImportStatus.CHECKED
    history_import.save()
    return history_import


def confirm_import(*, history_import, by, at=None):
    """Import what the dry run showed. Refused, it records why and writes nothing else."""
    _require_secretariat(by)
    with transaction.atomic():
        history_import = HistoryImport.objects.select_for_update().get(pk=history_import.pk)
        if ImportStatus.IMPORTED not in TRANSITIONS[history_import.status]:
            raise ValidationError(
                _("This file is %(status)s; it cannot be imported.")
                % {"status": history_import.get_status_display().lower()}
            )
        summary, problems = _run(history_import, by=by, dry_run=False)
        if problems:
            history_import.problems = problems
            history_import.status = ImportStatus.REFUSED
            history_import.save(update_fields=["problems", "status"])
            return history_import
        history_import.summary = summary
        history_import.status = ImportStatus.IMPORTED
        history_import.imported_by = by
        history_import.imported_at = at or timezone.now()
        history_import.save(update_fields=["summary", "status", "imported_by", "imported_at"])
    return history_import
