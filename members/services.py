"""Changes to members and accounts that touch several rows."""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.rules import SECRETARIAT_GROUP, may_turn_off_two_factor

# The apps whose every model the secretariat manages through the admin.
SECRETARIAT_APPS = ("members", "meetings", "contributions", "proceedings")
# What the secretariat may do with accounts: create and edit them, never delete (a person's
# documents and status changes keep pointing at their account).
SECRETARIAT_AUTH_PERMISSIONS = ("view_user", "add_user", "change_user", "view_group")
# Locked logins (django-axes): the secretariat sees them and lifts them (by deleting the
# record of the failures).
SECRETARIAT_AXES_PERMISSIONS = ("view_accessattempt", "delete_accessattempt")
# Background tasks (django-tasks-db's queue): the secretariat sees which failed, and why.
SECRETARIAT_TASKS_PERMISSIONS = ("view_dbtaskresult",)


@transaction.atomic
def ensure_secretariat_group(*, using="default"):
    """Create the Secretariat group if needed and make sure it holds its permissions.

    Idempotent, run after every migration. Permissions an administrator added by hand are
    kept. The apps' permissions are created first: Django creates them app by app, and
    this may run before the later apps have had their turn.
    """
    for label in ("auth", "axes", "django_tasks_database", *SECRETARIAT_APPS):
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
        | Permission.objects.using(using).filter(
            content_type__app_label="django_tasks_database",
            codename__in=SECRETARIAT_TASKS_PERMISSIONS,
        )
    )
    group.permissions.add(*permissions)
    return group


# Two-factor sign-in: an authenticator app (a TOTP device, unconfirmed until a code it shows
# is typed) and recovery codes (the static tokens of one device, each used once).
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def start_two_factor(user, *, key=None):
    """The authenticator `user` is setting up: the one begun before, so that the key and its
    QR code stay the same when the page is opened again, or a new one (`key`: hex, random
    by default). It signs nobody in until `confirm_two_factor`."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        if key:
            device.key = key
        device.save()
    return device


@transaction.atomic
def confirm_two_factor(device, *, recovery_codes=None):
    """Make `device` its user's authenticator, replacing any other, and give them new
    recovery codes; returns the codes, to be shown once."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return renew_recovery_codes(device.user, codes=recovery_codes)


@transaction.atomic
def renew_recovery_codes(user, *, codes=None):
    """New recovery codes for `user` (random ones unless `codes` are given); the old ones
    stop working. Returns the codes. The device that holds them is kept, so that a session
    signed in with a recovery code stays signed in."""
    device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
        user=user, name=RECOVERY_CODES_NAME
    )
    device.token_set.all().delete()
    codes = list(codes or (StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)))
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def turn_off_two_factor(user):
    """Remove the authenticator and the recovery codes of `user`, whose account must not
    require them."""
    if not may_turn_off_two_factor(user):
        raise PermissionDenied(_("Two-factor sign-in is required for staff accounts."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@dataclass(frozen=True)
class CodeCheck:
    """What `check_code` found: the device that accepted the code, or until when the device
    refuses to check any code after too many wrong ones."""

    device: TOTPDevice | StaticDevice | None = None
    locked_until: datetime | None = None


def check_code(device, code):
    """Check `code` against `device`, locked meanwhile so that two requests cannot both use
    one recovery code. A right code is used up (a recovery code is deleted, an app's code
    cannot be used again); a wrong one makes the device wait longer before the next try."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return CodeCheck(locked_until=details["locked_until"])
        return CodeCheck(device=device if device.verify_token(code) else None)
