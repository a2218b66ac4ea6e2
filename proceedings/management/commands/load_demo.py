import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from proceedings import demo


class Command(BaseCommand):
    help = (
        "Load the EG-ITRs demo: the group, its meetings, documents, decisions, statement, "
        "work plans and reports, and an account per role. Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        if demo.load_demo():
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
            _("Demo logins (password for all: %(password)s)") % {"password": demo.PASSWORD}
        )
        for username, role, what_to_try in demo.LOGINS:
            self.stdout.write(f"  {username:<12} {role}")
            self.stdout.write(f"  {'':<12} {_('Try:')} {what_to_try}")
