"""Changes to members and accounts that touch several rows."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from members.rules import SECRETARIAT_GROUP

# The apps whose every model the secretariat manages through the admin.
SECRETARIAT_APPS = ("members", "meetings", "contributions", "proceedings")
# What the secretariat may do with accounts: create and edit them, never delete (a person's
# documents and status changes keep pointing at their account).
SECRETARIAT_AUTH_PERMISSIONS = ("view_user", "add_user", "change_user", "view_group")
# Locked logins (django-axes): the secretariat sees them and lifts them (by deleting the
# record of the failures).
SECRETARIAT_AXES_PERMISSIONS = ("view_accessattempt", "delete_accessattempt")


@transaction.atomic
def ensure_secretariat_group(*, using="default"):
    """Create the Secretariat group if needed and make sure it holds its permissions.

    Idempotent, run after every migration. Permissions an administrator added by hand are
    kept. The apps' permissions are created first: Django creates them app by app, and
    this may run before the later apps have had their turn.
    """
    for label in ("auth", "axes", *SECRETARIAT_APPS):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    permissions = (
        Permission.objects.using(using).filter(content_type__app_label__in=SECRETARIAT_APPS)
        | Permission.objects.using(using).filter(
            content_type__app_label="auth",
            codename__in=SECRETARIAT_AUTH_PERMISSIONS,
        )
        | Permission.objects.using(using).filter(
            content_type__app_label="axes", codename__in=SECRETARIAT_AXES_PERMISSIONS
        )
    )
    group.permissions.add(*permissions)
    return group
