from django.core.management.base import BaseCommand

from members.resources import import_member_states


class Command(BaseCommand):
    help = "Import the ITU Member States (or the organizations of another CSV file)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="CSV with name,kind,region,iso_code,active columns."
        )

    def handle(self, *args, path=None, **options):
        totals = import_member_states(path).totals
        self.stdout.write(
            self.style.SUCCESS(
                "Organizations: {new} new, {update} updated, {skip} unchanged.".format(**totals)
            )
        )
