"""Who a user is, for the access rules of every app."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Organization

SECRETARIAT_GROUP = "Secretariat"


def is_secretariat(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_secretariat", None)
    if cached is None:
        cached = user._is_secretariat = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    return cached


def organization_ids_of(user):
    """The ids of the organizations the user is an active delegate of (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_organization_ids", None)
    if cached is None:
        from members.models import Membership

        cached = user._organization_ids = frozenset(
            Membership.objects.active().filter(user=user).values_list("organization_id", flat=True)
        )
    return cached


def organizations_of(user):
    return Organization.objects.filter(pk__in=organization_ids_of(user))


def requires_two_factor(user):
    """Staff and the secretariat sign in with a code as well as their password; for
    delegates and officers the second step is their choice."""
    return user.is_authenticated and (user.is_staff or is_secretariat(user))


def may_turn_off_two_factor(user):
    return not requires_two_factor(user)


def has_authenticator(user):
    """Has `user` set up an authenticator app (a confirmed TOTP device)?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
