from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_secretariat(sender, using="default", **kwargs):
    """The Secretariat group may upload and import histories (after every migration)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    from members.services import ensure_secretariat_group

    create_permissions(global_apps.get_app_config("history"), verbosity=0, using=using)
    group = ensure_secretariat_group(using=using)
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="history",
            codename__in=["view_historyimport", "add_historyimport"],
        )
    )


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = _("Group histories")

    def ready(self):
        post_migrate.connect(_grant_secretariat, sender=self, dispatch_uid="history-secretariat")
