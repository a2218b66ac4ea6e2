"""The register in a history file: documents, their sources, files and translations."""

from pathlib import PurePosixPath

from contributions.enums import ContributionStatus
from contributions.models import ContributionFile, StatusChange
from history.format import (
    FILES_FOLDER,
    LANGUAGE_LETTER,
    LANGUAGE_ORDER,
    compact,
    file_stem,
    format_instant,
)


class ExportError(Exception):
    """The records hold something the format cannot say (the message says what)."""


def username(user):
    return user.get_username() if user is not None else None


class RegisterExport:
    """Mixed into the exporter, which provides `ref` (organizations) and `files`."""

    # The register.

    def documents(self, meeting):
        documents = list(
            meeting.contributions.select_related("meeting__group", "base", "submitted_by")
            .prefetch_related("agenda_items", "sources__organization", "sources__confirmed_by")
            .order_by("created_at", "pk")
        )
        numbered = sorted(
            (d for d in documents if d.number is not None),
            key=lambda d: (d.number, d.amendment_kind, d.amendment_ordinal),
        )
        unnumbered = [d for d in documents if d.number is None]
        moves = {}
        for change in (
            StatusChange.objects.filter(contribution__meeting=meeting)
            .select_related("by")
            .order_by("at", "pk")
        ):
            moves[(change.contribution_id, change.to_status)] = change
        exported = []
        for document in numbered:
            exported.append(self.document(document, document.register_number, moves))
        for position, document in enumerate(unnumbered, start=1):
            label = f"{meeting.group.acronym} {meeting.ordinal} draft {position}"
            exported.append(self.document(document, label, moves))
        return exported

    def document(self, document, label, moves):
        submitted = moves.get((document.pk, ContributionStatus.SUBMITTED))
        published = moves.get((document.pk, ContributionStatus.PUBLISHED))
        withdrawn = moves.get((document.pk, ContributionStatus.WITHDRAWN))
        amendment = {}
        if document.base_id is not None:
            if document.base.number is None:
                raise ExportError(
                    f"{label} amends a document that has no register number: "
                    "the format names the document amended by its number."
                )
            amendment = {"amends": document.base.register_number}
            if document.number is None:
                amendment["amendment"] = document.amendment_kind
        late = {}
        if document.late_decision:
            late = {
                "late_decision": {
                    "decision": document.late_decision,
                    "reason": document.late_reason,
                    **compact(
                        at=format_instant(document.late_decided_at),
                        by=username(document.late_decided_by),
                    ),
                }
            }
        return {
            **compact(number=document.register_number),
            **amendment,
            "kind": document.kind,
            "title": document.title,
            **compact(abstract=document.abstract),
            "access": document.access_level,
            "original_language": document.original_language,
            **compact(
                agenda_items=[
                    item.number
                    for item in sorted(document.agenda_items.all(), key=lambda i: (i.order, i.pk))
                ],
                requested=document.is_requested,
                created_at=format_instant(document.created_at),
                created_by=username(document.submitted_by),
            ),
            "sources": [self.source(source) for source in document.sources.all()],
            **compact(
                files=self.document_files(document, label),
                translations=self.translations(document),
            ),
            "status": document.status,
            **compact(
                submitted_at=format_instant(document.submitted_at),
                submitted_by=submitted and username(submitted.by),
                late=document.is_late,
            ),
            **late,
            **compact(
                published_at=format_instant(document.published_at),
                published_by=published and username(published.by),
            ),
            **(
                compact(
                    withdrawn_at=format_instant(withdrawn.at),
                    withdrawn_by=username(withdrawn.by),
                    withdrawal_note=withdrawn.note,
                )
                if withdrawn is not None and document.status == ContributionStatus.WITHDRAWN
                else {}
            ),
        }

    def source(self, source):
        if source.order == 0:
            return {"organization": self.ref(source.organization)}
        return {
            "organization": self.ref(source.organization),
            **({"confirmation": source.confirmation} if source.confirmation != "pending" else {}),
            **compact(
                at=format_instant(source.confirmed_at),
                by=username(source.confirmed_by),
                reason=source.override_reason,
            ),
        }

    def document_files(self, document, label):
        files = sorted(
            ContributionFile.objects.filter(contribution=document).select_related("uploaded_by"),
            key=lambda f: (f.uploaded_at, LANGUAGE_ORDER.index(f.language), f.pk),
        )
        per_language = {}
        for file in files:
            per_language.setdefault(file.language, []).append(file)
        exported = []
        for file in files:
            versions = per_language[file.language]
            stem = f"{file_stem(label)}-{LANGUAGE_LETTER[file.language]}"
            if len(versions) > 1:
                stem += f"-{versions.index(file) + 1}"
            relative = str(PurePosixPath(FILES_FOLDER, f"{stem}{file.extension}"))
            self.files[relative] = file.file
            exported.append(
                {
                    "language": file.language,
                    "path": relative,
                    "name": file.original_name,
                    "sha256": file.sha256,
                    "uploaded_at": format_instant(file.uploaded_at),
                    **compact(uploaded_by=username(file.uploaded_by)),
                }
            )
        return exported

    def translations(self, document):
        rows = document.translations.exclude(status="not_required").select_related("requested_by")
        return [
            {
                "language": row.language,
                "status": row.status,
                "requested_at": format_instant(row.requested_at),
                **compact(requested_by=username(row.requested_by)),
            }
            for row in sorted(rows, key=lambda row: LANGUAGE_ORDER.index(row.language))
        ]
