"""Spreadsheets the secretariat exports never carry a formula a delegate typed.

A cell whose text a spreadsheet would read as a formula (it starts with "=", "+", "-",
"@", a tab or a line break, after any spaces) is exported with a leading apostrophe, the
mark spreadsheets read as "this is text" (OWASP, CSV injection); a DDE payload such as
=cmd|' /C calc'!A0 is one. Importing the file back takes the apostrophe off again, so an
export then an import changes nothing.
"""

from diff_match_patch import diff_match_patch
from django.utils.encoding import force_str
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from import_export import resources

from members.enums import SecurityEventKind
from members.security import record_security_event

FORMULA_STARTS = frozenset("=+-@\t\r\n")
TEXT_MARK = "'"


def reads_as_formula(text):
    return text.lstrip(" ")[:1] in FORMULA_STARTS


def neutralised(value):
    """`value`, with the text mark before it when a spreadsheet would compute it."""
    if isinstance(value, str) and value and reads_as_formula(value):
        return TEXT_MARK + value
    return value


def restored(value):
    """What `neutralised` exported, as it was."""
    if isinstance(value, str) and value.startswith(TEXT_MARK) and reads_as_formula(value[1:]):
        return value[1:]
    return value


class MarkedDiff(resources.Diff):
    """The import preview's changes, marked by <ins> and <del> alone: the library colours
    them with inline styles, which the Content-Security-Policy refuses (css/admin.css)."""

    TAGS = {diff_match_patch.DIFF_INSERT: "ins", diff_match_patch.DIFF_DELETE: "del"}

    def as_html(self):
        dmp = diff_match_patch()
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            before, after = force_str(before), force_str(after)
            if before == after:
                # What the diff of a cell that did not change gives, without computing it.
                cells.append(mark_safe(f"<span>{escape(after)}</span>") if after else "")  # noqa: S308
                continue
            diff = dmp.diff_main(before, after)
            dmp.diff_cleanupSemantic(diff)
            tags = ((self.TAGS.get(op, "span"), text) for op, text in diff if text)
            cells.append(format_html_join("", "<{0}>{1}</{0}>", tags))
        return cells


class SpreadsheetResource(resources.ModelResource):
    """A resource whose exported cells are text where a formula could hide."""

    def get_diff_class(self):
        return MarkedDiff

    def export_field(self, field, instance, **kwargs):
        return neutralised(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for key in list(row.keys()):
            row[key] = restored(row[key])


class RecordedImportExportMixin:
    """For an ImportExportModelAdmin: each export and import is in the security log, with
    who, the resource, the file format and how many rows."""

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        form = kwargs.get("export_form")
        # The library exports the first format when it skips the form.
        index = int(form.cleaned_data["format"]) if form is not None else 0
        record_security_event(
            SecurityEventKind.EXPORTED,
            request=request,
            model=self.opts.label,
            resource=self.choose_export_resource_class(form, request).__name__,
            format=self.get_export_formats()[index]().get_title(),
            rows=dataset.height,
        )
        return dataset

    def process_result(self, result, request):
        record_security_event(
            SecurityEventKind.IMPORTED,
            request=request,
            model=self.opts.label,
            rows=len(result.rows),
            totals=dict(result.totals),
        )
        return super().process_result(result, request)
