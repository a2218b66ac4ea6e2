from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Document register")

    def ready(self):
        from django.db.models.signals import post_save

        from contributions.models import keep_group_of_documents
        from egitrs import extensions
        from meetings.models import Meeting

        post_save.connect(keep_group_of_documents, sender=Meeting, dispatch_uid="document-group")

        # After a password change, back to the member area.
        extensions.register_link(
            "members.password_changed", _("My documents"), "contributions:mine"
        )
