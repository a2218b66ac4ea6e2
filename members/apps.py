from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _secretariat_group_after_migrate(sender, using="default", **kwargs):
    from members.services import ensure_secretariat_group

    ensure_secretariat_group(using=using)


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        post_migrate.connect(
            _secretariat_group_after_migrate,
            sender=self,
            dispatch_uid="members.secretariat_group",
        )
