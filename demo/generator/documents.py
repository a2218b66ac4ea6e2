"""How the builder writes one document of the register, as the services would have."""

import datetime
import hashlib
import time
import uuid

from contributions import search
from contributions.enums import (
    NEVER_LATE_KINDS,
    AmendmentKind,
    ContributionStatus,
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.models import (
    Contribution,
    ContributionFile,
)
from demo import register_text as words
from demo.generator.files import FILE_TYPES
from demo.generator.shape import (
    ENTRY_FIELDS,
    LATE_REASON,
    OVERRIDE_REASON,
    PDF_LANGUAGES,
    WITHDRAWAL_NOTE,
    peak_rss_mb,
)


class DocumentWriter:
    """The part of `Builder` that writes one entry: its rows, files and search entries."""

    def document(self, context, document, base):
        """Write one entry of the register, as the services would have; returns its id."""
        tables, summary = self.tables, self.summary
        meeting, people, rng = context["meeting"], context["people"], context["rng"]
        secretariat = people.secretariat.pk
        original = document["languages"][0]
        kind = document["kind"]
        amendment_kind, ordinal = document.get("amendment", ("", 0))
        created, submitted = document["created"], document["submitted"]
        published = document["published"]
        creator = document["creator"]
        title, paragraphs = self.text(original, document["text"], amendment_kind)
        abstract = " ".join(paragraphs[:2])
        is_late = kind not in NEVER_LATE_KINDS and submitted > meeting.contribution_deadline
        decided = is_late and base is None
        row = {
            "meeting_id": meeting.pk,
            "group_id": meeting.group_id,
            "kind": kind.value,
            "title": title,
            "abstract": abstract,
            "original_language": original,
            "access_level": document["access"].value,
            "submitted_by_id": creator,
            "status": ContributionStatus.DRAFT.value,
            "number": None,
            "base_id": base,
            "amendment_kind": amendment_kind and amendment_kind.value,
            "amendment_ordinal": 0,
            "created_at": created,
        }
        contribution = row["id"] = tables.contributions.take_id()
        history = tables.contributions_history
        history.add({**row, **self.stamp("+", created, creator)})
        row["status"] = ContributionStatus.SUBMITTED.value
        row["submitted_at"] = submitted
        row["is_late"] = is_late
        row["after_translation_deadline"] = submitted > meeting.translation_deadline
        history.add({**row, **self.stamp("~", submitted, creator)})
        changes = [
            (ContributionStatus.DRAFT, ContributionStatus.SUBMITTED, creator, submitted, "")
        ]
        if decided:
            decided_at = published - (published - submitted) * 0.2
            row["late_decision"] = LateDecision.ACCEPTED.value
            row["late_reason"] = LATE_REASON
            row["late_decided_by_id"] = secretariat
            row["late_decided_at"] = decided_at
            history.add({**row, **self.stamp("~", decided_at, secretariat, LATE_REASON)})
        row["status"] = ContributionStatus.PUBLISHED.value
        row["number"] = document["number"]
        row["amendment_ordinal"] = ordinal
        row["published_at"] = published
        history.add({**row, **self.stamp("~", published, secretariat)})
        changes.append(
            (
                ContributionStatus.SUBMITTED,
                ContributionStatus.PUBLISHED,
                secretariat,
                published,
                "",
            )
        )
        last = published
        if document["withdrawn"]:
            last = published + datetime.timedelta(days=rng.uniform(1, 30))
            row["status"] = ContributionStatus.WITHDRAWN.value
            history.add({**row, **self.stamp("~", last, secretariat, WITHDRAWAL_NOTE)})
            withdrawal = (ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN)
            changes.append((*withdrawal, secretariat, last, WITHDRAWAL_NOTE))
            summary.withdrawn += 1
        tables.contributions.add({**row, "updated_at": last})
        for source, target, by, at, note in changes:
            tables.status_changes.add(
                {
                    "contribution_id": contribution,
                    "from_status": source.value,
                    "to_status": target.value,
                    "by_id": by,
                    "at": at,
                    "note": note,
                }
            )
        summary.status_changes += len(changes)
        for item in document["agenda"]:
            tables.agenda.add({"contribution_id": contribution, "agendaitem_id": item})

        # The files: the original when the draft is made, the translations once published.
        sha256 = ""
        files = []
        for language in document["languages"]:
            extension = document["extension"]
            if extension == ".pdf" and language not in PDF_LANGUAGES:
                extension = ".docx"
            if language == original:
                at, by = created, creator
                name = f"{title[:80]}{extension}".replace("/", "-")
                file_title, file_paragraphs = title, paragraphs
            else:
                at = published + datetime.timedelta(hours=rng.uniform(1, 120))
                by = secretariat
                name = self.file_name(context["group"], meeting, document, language, extension)
                file_title, file_paragraphs = self.text(language, document["text"], amendment_kind)
            file = self.file(
                meeting, contribution, language, name, extension, at, by,
                file_title, file_paragraphs, rng,
            )  # fmt: skip
            files.append(file)
            if language == original:
                sha256 = file.sha256
            else:
                translation = {
                    "contribution_id": contribution,
                    "language": language,
                    "status": TranslationStatus.POSTED.value,
                    "requested_by_id": by,
                    "requested_at": at,
                    "updated_at": at,
                }
                translation["id"] = tables.translations.add(dict(translation))
                tables.translations_history.add({**translation, **self.stamp("+", at, by)})

        # The sources: the submitter confirmed by whoever made the draft (again once its
        # file is there), each co-sponsor pending until it confirms, before publication.
        for order, organization in enumerate(document["organizations"]):
            source = {
                "contribution_id": contribution,
                "organization_id": organization,
                "order": order,
                "confirmation": SourceConfirmation.CONFIRMED.value,
                "confirmed_by_id": creator,
                "confirmed_at": created,
                "confirmed_title": title,
                "confirmed_abstract": abstract,
            }
            if order == 0:
                first = {**source, "confirmed_sha256": ""}
                source["confirmed_sha256"] = sha256
                source["id"] = tables.sources.add(dict(source))
                first["id"] = source["id"]
                tables.sources_history.add({**first, **self.stamp("+", created, creator)})
                tables.sources_history.add({**source, **self.stamp("~", created, creator)})
                continue
            asked = {
                "contribution_id": contribution,
                "organization_id": organization,
                "order": order,
                "confirmation": SourceConfirmation.PENDING.value,
            }
            at = submitted + (published - submitted) * rng.uniform(0.1, 0.7)
            by_letter = rng.random() < 0.2
            by = secretariat if by_letter else people.delegates[organization][0]
            reason = OVERRIDE_REASON if by_letter else ""
            source.update(
                confirmed_by_id=by,
                confirmed_at=at,
                confirmed_sha256=sha256,
                override_reason=reason,
            )
            source["id"] = tables.sources.add(dict(source))
            asked["id"] = source["id"]
            tables.sources_history.add({**asked, **self.stamp("+", created, creator)})
            tables.sources_history.add({**source, **self.stamp("~", at, by, reason or None)})

        # The search entries, as `contributions.search` writes them; their words in finish.
        registered = Contribution(id=contribution, meeting=meeting, **{
            key: row[key]
            for key in ("title", "abstract", "original_language", "number", "amendment_kind")
        }, amendment_ordinal=ordinal)  # fmt: skip
        registered.current_files = files
        for entry in search.entries_of(registered):
            tables.search_entries.add(
                {field.attname: getattr(entry, field.attname) for field in ENTRY_FIELDS}
            )

        summary.documents += 1
        if amendment_kind == AmendmentKind.REVISION:
            summary.revisions += 1
        elif amendment_kind == AmendmentKind.ADDENDUM:
            summary.addenda += 1
        elif amendment_kind == AmendmentKind.CORRIGENDUM:
            summary.corrigenda += 1
        return contribution

    @staticmethod
    def stamp(kind, at, by, reason=None):
        return {
            "history_type": kind,
            "history_date": at,
            "history_user_id": by,
            "history_change_reason": reason,
        }

    @staticmethod
    def text(language, text, amendment_kind):
        """The title and paragraphs of a document in `language` (the first two: abstract)."""
        titles, topics = words.TITLES[language], words.TOPICS[language]
        sentences = words.SENTENCES[language]
        topic = topics[text["topic"] % len(topics)]
        title = titles[text["title"] % len(titles)].format(topic=topic)
        paragraphs = [
            sentences[index % len(sentences)].format(topic=topic)
            for index in [*text["abstract"], *text["body"]]
        ]
        if amendment_kind == AmendmentKind.REVISION:
            paragraphs.insert(2, words.AMENDMENT_NOTES[language])
        return title, paragraphs

    @staticmethod
    def file_name(group, meeting, document, language, extension):
        """How the secretariat names a translation: `EG-CYB-3-2-15-F.docx`."""
        letter = Language(language).letter
        suffix = ""
        if "amendment" in document:
            kind, ordinal = document["amendment"]
            suffix = f"-{kind.label_short.rstrip('.')}{ordinal}"
        return (
            f"{group.acronym}-{meeting.ordinal}-{document['number']}{suffix}-{letter}{extension}"
        )

    def file(
        self, meeting, contribution, language, name, extension, at, by, title, paragraphs, rng
    ):
        content = self.files.make(extension, title, paragraphs)
        hex_name = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        path = f"contributions/{meeting.pk}/{hex_name}{extension}"
        target = self.media / path
        if meeting.pk not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(meeting.pk)
        self.written.append(self.disk.submit(target.write_bytes, content))
        sha256 = hashlib.sha256(content).hexdigest()
        row = {
            "contribution_id": contribution,
            "language": language,
            # What `contributions.files.text.extract_text` reads from it (a test holds it).
            "text": " ".join(" ".join([title, *paragraphs]).split()),
            "file": path,
            "original_name": name,
            "content_type": FILE_TYPES[extension],
            "size": len(content),
            "sha256": sha256,
            "uploaded_by_id": by,
            "uploaded_at": at,
        }
        row["id"] = self.tables.files.add(dict(row))
        history = {key: value for key, value in row.items() if key != "text"}
        self.tables.files_history.add({**history, **self.stamp("+", at, by)})
        self.summary.files += 1
        self.summary.file_bytes += len(content)
        return ContributionFile(**row)

    def report(self):
        done = self.summary.documents
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.progress(
            f"{done}/{self.total} documents, {self.summary.files} files, "
            f"{done / elapsed:.0f} documents/s, peak RSS {peak_rss_mb():.0f} MB"
        )
