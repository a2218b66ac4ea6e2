from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "proceedings"
    verbose_name = _("Proceedings")

    def ready(self):
        from proceedings import panels

        panels.register()
