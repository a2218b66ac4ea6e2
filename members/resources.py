"""Spreadsheet import and export of organizations (django-import-export)."""

from pathlib import Path

import tablib

from egitrs.exports import SpreadsheetResource
from members.models import Organization

MEMBER_STATES_CSV = Path(__file__).resolve().parent / "data" / "itu_member_states.csv"


class OrganizationResource(SpreadsheetResource):
    """Organizations keyed by their official name, so a list can be imported again."""

    class Meta:
        model = Organization
        import_id_fields = ["name"]
        fields = ["name", "name_in_sentence", "kind", "region", "iso_code", "active"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        # Runs the model's validation, so an unknown kind or region is refused.
        clean_model_instances = True


def import_member_states(path=None):
    """Import the ITU Member States shipped with the application (or the CSV at `path`).

    Idempotent: a second run changes nothing. Returns the import result; its `totals`
    count the rows new, updated, skipped and in error.
    """
    path = Path(path) if path else MEMBER_STATES_CSV
    dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="csv")
    return OrganizationResource().import_data(dataset, raise_errors=True)
