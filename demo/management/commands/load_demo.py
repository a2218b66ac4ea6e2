import time
from base64 import b32encode

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo import loader
from demo.text import (
    LOGINS,
    PASSWORD,
    SECRETARIAT_AUTHENTICATOR_KEY,
    SECRETARIAT_RECOVERY_CODES,
)
from history.validation import HistoryInvalid


class Command(BaseCommand):
    help = (
        "Load the EG-ITRs demo: its history file (the group, its meetings, documents, "
        "decisions, statement, work plans and reports, its third meeting in session today) "
        "and an account per role. Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            loaded = loader.load_demo()
        except (HistoryInvalid, ValueError) as error:
            raise CommandError(str(error)) from error
        if loaded:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Loaded the EG-ITRs demo data in %(seconds).1f s.")
                    % {"seconds": time.monotonic() - started}
                )
            )
        else:
            self.stdout.write(_("The EG-ITRs demo data is already loaded; nothing changed."))
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password for all: %(password)s)") % {"password": PASSWORD}
        )
        for username, role, what_to_try in LOGINS:
            self.stdout.write(f"  {username:<12} {role}")
            self.stdout.write(f"  {'':<12} {_('Try:')} {what_to_try}")
        self.stdout.write("")
        if loader.prepare_secretariat_two_factor():
            key = b32encode(SECRETARIAT_AUTHENTICATOR_KEY).decode()
            self.stdout.write(
                _(
                    "The secretariat account signs in with two factors, as every staff "
                    "account must: after the password it asks for a code."
                )
            )
            self.stdout.write(
                "  "
                + _("Add this key to an authenticator app (time-based): %(key)s")
                % {"key": " ".join(key[start : start + 4] for start in range(0, len(key), 4))}
            )
            self.stdout.write(
                "  "
                + _(
                    "Or type one of these recovery codes; each works once, and the next "
                    "load_demo gives the used ones back: %(codes)s"
                )
                % {"codes": " ".join(SECRETARIAT_RECOVERY_CODES)}
            )
        else:
            self.stdout.write(
                _("The secretariat account signs in with the authenticator app set up for it.")
            )
