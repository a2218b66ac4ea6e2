from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from history.exporter import ExportError, export_history


class Command(BaseCommand):
    help = (
        "Export groups (all, or those named by acronym) as a history file with the "
        "documents' files beside it, into the output folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("groups", nargs="*", metavar="GROUP", help="Acronyms (default: all).")
        parser.add_argument("--output", required=True, help="The folder to write into.")

    def handle(self, *args, groups, output, **options):
        try:
            path = export_history(output, groups or None)
        except ExportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Wrote %(path)s and its files.") % {"path": path})
