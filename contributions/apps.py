from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Document register")

    def ready(self):
        from egitrs import extensions

        # After a password change, back to the member area.
        extensions.register_link(
            "members.password_changed", _("My documents"), "contributions:mine"
        )
