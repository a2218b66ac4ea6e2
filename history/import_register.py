"""The steps of a meeting's register: each document as its submitter and the secretariat
entered it: drafted, co-sponsors' answers, submitted, translated, published, decided on."""

from django.utils.translation import gettext as _

from contributions import services
from history.format import RegisterNumber, parse_instant
from history.validation import pointer


def _at(entry, field, default):
    return parse_instant(entry[field]) if field in entry else default


class RegisterSteps:
    """Mixed into `Steps`: uses its `add`, `made`, `user`, `upload`, `organization`."""

    def register(self, meeting, place):
        meeting_key, created, _end = self.meeting_times[meeting["number"]]
        for index, document in enumerate(meeting.get("documents", [])):
            key = pointer(*place, "documents", index)
            if "number" in document:
                self.numbers[(self.acronym, document["number"])] = key
        for index, document in enumerate(meeting.get("documents", [])):
            self.document(meeting_key, created, document, (*place, "documents", index))

    def document(self, meeting_key, meeting_created, document, place):
        key = pointer(*place)
        number = RegisterNumber.parse(document.get("number", ""))
        base = document.get("amends") or (number.kind and str(number.base) if number else None)
        base_key = base and self.numbers[(self.acronym, base)]
        kind = number.kind if number and number.kind else document.get("amendment", "")
        original = document.get("original_language", "en")
        files = document.get("files", [])
        first = next((f for f in files if f["language"] == original), None)
        known = [_at(first, "uploaded_at", None) if first else None]
        known.append(_at(document, "submitted_at", None))
        known = [at for at in known if at is not None]
        created = _at(document, "created_at", min(known) if known else meeting_created)
        creator = self.user(document.get("created_by"), pointer(*place, "created_by"))
        at_creation = first if first and _at(first, "uploaded_at", created) == created else None
        organizations = [self.organization(s["organization"]) for s in document["sources"]]

        def create():
            fields = {
                "title": document["title"],
                "abstract": document.get("abstract", ""),
                "kind": document.get("kind", "contribution"),
                "original_language": original,
                "access_level": document.get("access"),
                "cosponsors": organizations[1:],
                "agenda_items": [
                    self.agenda[(meeting_key, item)] for item in document.get("agenda_items", [])
                ],
                "upload": at_creation and self.upload(at_creation),
                "is_requested": document.get("requested", False),
            }
            if base_key:
                draft = services.start_amendment(
                    base=self.made[base_key], kind=kind, by=creator, at=created
                )
                draft = services.update_draft(
                    contribution=draft, by=creator, at=created, notify=False, **fields
                )
            else:
                draft = services.create_draft(
                    meeting=self.made[meeting_key],
                    organization=organizations[0],
                    by=creator,
                    at=created,
                    **fields,
                )
            self.made[key] = draft
            self.remember_files(draft.files.all())

        self.add(
            created, 10, key, create, needs=[meeting_key, *filter(None, [base_key])], makes=[key]
        )
        self.files(document, place, key, exclude=at_creation)
        self.answers(document, place, key, created)
        self.moves(document, place, key, number, bool(base_key))
        self.translations(document, place, key)

    def files(self, document, place, key, *, exclude):
        original = document.get("original_language", "en")
        created = _at(document, "created_at", _at(document, "submitted_at", None))
        # A translation is posted once the document is in front of the meeting.
        posted = _at(document, "published_at", _at(document, "submitted_at", None))
        for index, file in enumerate(document.get("files", [])):
            if file is exclude:
                continue
            at = _at(file, "uploaded_at", created if file["language"] == original else posted)
            by = self.user(file.get("uploaded_by"), pointer(*place, "files", index, "uploaded_by"))

            def upload(file=file, at=at, by=by):
                contribution = self.made[key]
                if file["language"] == original:
                    row = services.add_file(
                        contribution=contribution,
                        upload=self.upload(file),
                        language=file["language"],
                        by=by,
                        at=at,
                        notify=False,
                    )
                    self.remember_files([row])
                else:
                    services.post_translation(
                        contribution=contribution,
                        language=file["language"],
                        upload=self.upload(file),
                        by=by,
                        at=at,
                        notify=False,
                    )
                    self.remember_files(contribution.files.filter(language=file["language"]))

            rank = 11 if file["language"] == original else 16
            self.add(at, rank, pointer(*place, "files", index), upload, needs=[key], refresh=key)

    def answers(self, document, place, key, created):
        for index, source in enumerate(document["sources"][1:], start=1):
            confirmation = source.get("confirmation", "pending")
            if confirmation == "pending":
                continue
            where = pointer(*place, "sources", index)
            at = _at(source, "at", _at(document, "submitted_at", created))
            by = self.user(source.get("by"), f"{where}/by")

            reason = source.get("reason")
            if reason is None and source.get("by") and by is self.by:
                # The delegate who answered has no account here: the secretariat records
                # the answer in the organization's name, saying whose it was.
                reason = _("Answered by %(username)s (no account here).") % {
                    "username": source["by"]
                }

            def answer(source=source, confirmation=confirmation, at=at, by=by, reason=reason):
                row = self.made[key].sources.get(
                    organization=self.organization(source["organization"])
                )
                if reason and confirmation == "declined":
                    services.decline_for_organization(
                        source=row, by=by, reason=reason, at=at, notify=False
                    )
                elif reason:
                    services.override_cosponsorship(
                        source=row, by=by, reason=reason, at=at, notify=False
                    )
                elif confirmation == "confirmed":
                    services.confirm_cosponsorship(source=row, by=by, at=at, notify=False)
                else:
                    services.decline_cosponsorship(source=row, by=by, at=at, notify=False)

            self.add(at, 12, where, answer, needs=[key], refresh=key)

    def moves(self, document, place, key, number, amendment):
        status = document["status"]
        if "submitted_at" in document:
            at = parse_instant(document["submitted_at"])
            by = self.user(
                document.get("submitted_by") or document.get("created_by"),
                pointer(*place, "submitted_by"),
            )
            self.add(
                at,
                13,
                pointer(*place, "submitted_at"),
                lambda at=at, by=by: services.submit_contribution(
                    contribution=self.made[key], by=by, at=at, notify=False
                ),
                needs=[key],
                refresh=key,
            )
        if "published_at" in document:
            at = parse_instant(document["published_at"])
            by = self.user(document.get("published_by"), pointer(*place, "published_by"))
            self.add(
                at,
                15,
                pointer(*place, "number"),
                lambda at=at, by=by: services.publish_contribution(
                    contribution=self.made[key],
                    by=by,
                    at=at,
                    number=None if amendment else number.number,
                    notify=False,
                ),
                needs=[key],
                refresh=key,
            )
        if "late_decision" in document:
            late = document["late_decision"]
            at = _at(
                late, "at", _at(document, "published_at", _at(document, "submitted_at", None))
            )
            by = self.user(late.get("by"), pointer(*place, "late_decision", "by"))
            self.add(
                at,
                17,
                pointer(*place, "late_decision"),
                lambda at=at, by=by: services.decide_late_contribution(
                    contribution=self.made[key],
                    by=by,
                    accepted=late["decision"] == "accepted",
                    reason=late["reason"],
                    at=at,
                ),
                needs=[key],
                refresh=key,
            )
        if status == "withdrawn":
            at = parse_instant(document["withdrawn_at"])
            by = self.user(document.get("withdrawn_by"), pointer(*place, "withdrawn_by"))
            self.add(
                at,
                18,
                pointer(*place, "status"),
                lambda at=at, by=by: services.withdraw_contribution(
                    contribution=self.made[key],
                    by=by,
                    note=document.get("withdrawal_note", ""),
                    at=at,
                ),
                needs=[key],
                refresh=key,
            )

    def translations(self, document, place, key):
        files = document.get("files", [])
        for index, translation in enumerate(document.get("translations", [])):
            language = translation["language"]
            first_file = next((f for f in files if f["language"] == language), None)
            default = (
                _at(first_file, "uploaded_at", None)
                if first_file
                else _at(document, "published_at", _at(document, "submitted_at", None))
            )
            at = _at(translation, "requested_at", default)
            where = pointer(*place, "translations", index)
            by = self.user(translation.get("requested_by"), f"{where}/requested_by")

            def request(language=language, at=at, by=by, status=translation["status"]):
                contribution = self.made[key]
                services.request_translations(
                    contribution=contribution, languages=[language], by=by, at=at
                )
                if status == "in_translation":
                    services.start_translation(
                        contribution=contribution, language=language, by=by, at=at
                    )

            self.add(at, 14, where, request, needs=[key], refresh=key)
