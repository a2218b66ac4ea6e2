"""A group's whole record as a history file, with its documents' files beside it.

Read-only. The output is deterministic: keys in a fixed order, every list in the order of
its natural keys (never of database ids), times in UTC, files under names derived from
the register number and the language. Importing the file into an empty database and
exporting again gives the same bytes.
"""

import shutil
from pathlib import Path

from history.export_proceedings import ProceedingsExport, first_recorded
from history.export_register import ExportError, RegisterExport, username
from history.format import FORMAT, HISTORY_FILE, VERSION, compact, dumps, format_instant
from history.references import shipped_member_states
from meetings.enums import AgendaItemKind
from meetings.models import ExpertGroup

__all__ = ["ExportError", "build_history", "export_history"]


def export_history(output_dir, groups=None):
    """Write `history.json` and its `files/` into `output_dir`; returns the JSON's path.

    `groups`: ExpertGroup rows or acronyms; every group when None.
    """
    data, files = build_history(groups)
    output = Path(output_dir)
    output.mkdir(parents=True, exist_ok=True)
    for relative, stored in files.items():
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with stored.open("rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
    path = output / HISTORY_FILE
    path.write_bytes(dumps(data))
    return path


def select_groups(groups=None):
    """The groups to export, by acronym (unknown acronyms raise ExportError)."""
    queryset = ExpertGroup.objects.order_by("acronym")
    if groups is None:
        return list(queryset)
    wanted = [group if isinstance(group, str) else group.acronym for group in groups]
    found = list(queryset.filter(acronym__in=wanted))
    missing = sorted(set(wanted) - {group.acronym for group in found})
    if missing:
        raise ExportError(f"No group with the acronym {', '.join(missing)}.")
    return found


def build_history(groups=None):
    """The history as a dict ready for `dumps`, and {relative path: stored file} to copy."""
    exporter = _Exporter()
    exported = [exporter.group(group) for group in select_groups(groups)]
    data = {"format": FORMAT, "version": VERSION}
    organizations = exporter.declared_organizations()
    if organizations:
        data["organizations"] = organizations
    data["groups"] = exported
    return data, exporter.files


class _Exporter(RegisterExport, ProceedingsExport):
    def __init__(self):
        self.files = {}
        self.organizations = {}
        self.shipped = shipped_member_states()

    # Organizations: referred to by ISO code (Member States) or name; the ones the
    # application does not ship are declared at the top of the file.

    def ref(self, organization):
        self.organizations[organization.pk] = organization
        return organization.iso_code or organization.name

    def declared_organizations(self):
        declared = []
        for organization in sorted(self.organizations.values(), key=lambda o: o.name):
            row = (
                organization.name,
                organization.kind,
                organization.region,
                organization.iso_code,
                organization.active,
                organization.name_in_sentence,
            )
            if row in self.shipped:
                continue
            declared.append(
                {
                    "name": organization.name,
                    **compact(name_in_sentence=organization.name_in_sentence),
                    "kind": organization.kind,
                    **compact(region=organization.region, iso_code=organization.iso_code),
                    "active": organization.active,
                }
            )
        return declared

    # The group and what hangs off it.

    def group(self, group):
        meetings = list(group.meetings.order_by("ordinal"))
        self.decision_refs = {}
        self.statement_refs = {}
        exported_meetings = [self.meeting(meeting) for meeting in meetings]
        created = first_recorded(ExpertGroup, [group.pk]).get(group.pk)
        return {
            "acronym": group.acronym,
            "name": group.name,
            "slug": group.slug,
            "parent_body": group.parent_body,
            **compact(
                parent_body_in_sentence=group.parent_body_in_sentence,
                parent_body_series=group.parent_body_series,
                references=group.reference_list,
                mandate=group.mandate,
                terms_of_reference_intro=group.terms_of_reference_intro,
                terms_of_reference=[
                    term.text for term in group.terms_of_reference.order_by("order", "pk")
                ],
                period_start=group.period_start and group.period_start.isoformat(),
                period_end=group.period_end and group.period_end.isoformat(),
            ),
            "default_access": group.default_access,
            **compact(
                created_at=format_instant(created),
                officers=[
                    self.officer(officer)
                    for officer in group.officers.select_related("organization", "user").order_by(
                        "order", "pk"
                    )
                ],
                meetings=exported_meetings,
                work_plans=self.work_plans(group),
                reports=self.reports(group),
            ),
        }

    def officer(self, officer):
        return {
            "name": officer.name,
            "role": officer.role,
            **compact(
                organization=officer.organization and self.ref(officer.organization),
                user=username(officer.user),
                start_date=officer.start_date and officer.start_date.isoformat(),
                end_date=officer.end_date and officer.end_date.isoformat(),
            ),
        }

    def meeting(self, meeting):
        agenda = list(meeting.agenda_items.order_by("order", "pk"))
        created = first_recorded(type(meeting), [meeting.pk]).get(meeting.pk)
        registrations = sorted(
            (
                compact(
                    name=registration.name,
                    organization=self.ref(registration.organization),
                    role=registration.role,
                    attended=registration.attended,
                    user=username(registration.user),
                )
                for registration in meeting.registrations.select_related("organization", "user")
            ),
            key=lambda r: (r["organization"], r["name"], r["role"], r.get("attended", False)),
        )
        return {
            "number": meeting.ordinal,
            "start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(),
            **compact(venue=meeting.venue, city=meeting.city, country=meeting.country),
            "format": meeting.format,
            "time_zone": meeting.time_zone,
            "contribution_deadline": format_instant(meeting.contribution_deadline),
            **compact(translation_deadline=format_instant(meeting.translation_deadline)),
            "status": meeting.status,
            **compact(
                created_at=format_instant(created),
                **self.status_times(meeting),
                agenda=[
                    {
                        "number": item.number,
                        "title": item.title,
                        **compact(kind=item.kind if item.kind != AgendaItemKind.ITEM else ""),
                    }
                    for item in agenda
                ],
                registrations=registrations,
                documents=self.documents(meeting),
                decisions=self.decisions(meeting),
                statements=self.statements(meeting),
            ),
        }

    def status_times(self, meeting):
        """When the meeting first reached each status, from its history rows."""
        fields = {"open": "opened_at", "closed": "closed_at", "held": "held_at"}
        first = {}
        rows = meeting.history.order_by("history_date", "history_id")
        for status, at in rows.values_list("status", "history_date"):
            if status in fields:
                first.setdefault(fields[status], format_instant(at))
        return {field: first[field] for field in fields.values() if field in first}
