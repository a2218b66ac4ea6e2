"""The security log: logins, failures, lockouts, password changes, refusals, exports.

Every event is written by `record_security_event`; the receivers below turn Django's and
django-axes' signals into events. Two-factor sign-in calls it with its own kinds
(`SecurityEventKind.TWO_FACTOR_ENABLED` and the rest).
"""

import ipaddress

from django.conf import settings

from members.enums import SecurityEventKind
from members.models import SecurityEvent


def client_ip(request):
    """The address a request came from, as the lockout and the log count it.

    Behind the HTTPS proxy (HTTPS=1) it is the last address of X-Forwarded-For, the one
    the proxy added for the connection it received; the addresses before it are what the
    client claimed. Without a proxy a client could write that header, so only the
    connection's own address counts. None when there is no valid address.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        address = forwarded[-1].strip() or address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record_security_event(kind, *, request=None, user=None, username="", **details):
    """Record that `kind` (a SecurityEventKind) happened, with `details` (JSON).

    `user` defaults to the request's user when logged in; `username` to that user's, and
    is what was typed when nobody is known (a failed login). The request gives the
    address, browser and page.
    """
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    meta = request.META if request is not None else {}
    return SecurityEvent.objects.create(
        kind=SecurityEventKind(kind),
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip_address=client_ip(request) if request is not None else None,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
        path=request.path[:300] if request is not None else "",
        details=details,
    )


# Receivers of Django's and django-axes' signals (connected in MembersConfig.ready).


def login_succeeded(sender, request, user, **kwargs):
    record_security_event(SecurityEventKind.LOGIN_SUCCEEDED, request=request, user=user)


def login_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password already masked.
    username = str(credentials.get("username") or "")
    record_security_event(SecurityEventKind.LOGIN_FAILED, request=request, username=username)


def locked_out(sender, request, username, ip_address, **kwargs):
    record_security_event(
        SecurityEventKind.LOCKED_OUT, request=request, username=str(username or "")
    )


def logged_out(sender, request, user, **kwargs):
    record_security_event(SecurityEventKind.LOGGED_OUT, request=request, user=user)
