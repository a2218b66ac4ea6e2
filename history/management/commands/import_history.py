from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from history.importer import import_history_file
from history.validation import HistoryInvalid
from members.rules import is_secretariat


class Command(BaseCommand):
    help = (
        "Import a history file (docs/history-format.md) with its files beside it, through "
        "the services, in one transaction. With --dry-run nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The history file (history.json).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count only.")
        parser.add_argument(
            "--as",
            dest="username",
            default=None,
            help="The secretariat account the import is done as (default: the only superuser).",
        )

    def importer(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        else:
            superusers = list(users.filter(is_superuser=True)[:2])
            user = superusers[0] if len(superusers) == 1 else None
            if user is None:
                raise CommandError(_("Say which secretariat account imports: --as USERNAME."))
        if user is None or not is_secretariat(user):
            raise CommandError(_("“%(name)s” is not a secretariat account.") % {"name": username})
        return user

    def handle(self, *args, file, dry_run, username, **options):
        by = self.importer(username)
        try:
            summary = import_history_file(file, by=by, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(_("There is no file %(file)s.") % {"file": file}) from None
        except HistoryInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: the file has %(count)s problem(s).")
                % {"count": len(invalid.problems)}
            ) from None
        heading = (
            _("Dry run: nothing was written. The import would create:")
            if dry_run
            else _("Imported:")
        )
        self.stdout.write(heading)
        for line in summary.lines():
            self.stdout.write(f"  {line}")
