from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: a history file of the EG-ITRs and the command that loads it."""

    name = "demo"
    verbose_name = _("Demo")
