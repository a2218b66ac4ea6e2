"""Spreadsheets the secretariat exports never carry a formula a delegate typed.

A cell whose text a spreadsheet would read as a formula (it starts with "=", "+", "-",
"@", a tab or a line break, after any spaces) is exported with a leading apostrophe, the
mark spreadsheets read as "this is text" (OWASP, CSV injection); a DDE payload such as
=cmd|' /C calc'!A0 is one. Importing the file back takes the apostrophe off again, so an
export then an import changes nothing.
"""

from import_export import resources

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


class SpreadsheetResource(resources.ModelResource):
    """A resource whose exported cells are text where a formula could hide."""

    def export_field(self, field, instance, **kwargs):
        return neutralised(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for key in list(row.keys()):
            row[key] = restored(row[key])
