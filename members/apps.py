from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _secretariat_group_after_migrate(sender, using="default", **kwargs):
    from members.services import ensure_secretariat_group

    ensure_secretariat_group(using=using)


def _code_owed_after_sign_in(sender, request, user, **kwargs):
    # Whatever signed the person in (the site's login, the admin's), their session then
    # owes the code of their app if they have one: see members.middleware.
    from members.middleware import CODE_OWED_SESSION_KEY
    from members.rules import has_authenticator

    if request is None:  # signed in outside a request: no session to mark
        return
    request.session[CODE_OWED_SESSION_KEY] = has_authenticator(user)


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth import signals

        from members import security

        signals.user_logged_in.connect(security.login_succeeded, dispatch_uid="members.login")
        signals.user_login_failed.connect(security.login_failed, dispatch_uid="members.failed")
        signals.user_logged_out.connect(security.logged_out, dispatch_uid="members.logout")
        user_locked_out.connect(security.locked_out, dispatch_uid="members.locked_out")
        post_migrate.connect(
            _secretariat_group_after_migrate,
            sender=self,
            dispatch_uid="members.secretariat_group",
        )
        user_logged_in.connect(_code_owed_after_sign_in, dispatch_uid="members.code_owed")
