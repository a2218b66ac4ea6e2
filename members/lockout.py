"""Defences against guessing: locked logins (django-axes) and paced password-reset mail.

A login is refused for a while (AXES_COOLOFF_TIME) after too many failures, counted three
ways, each with its own limit (LOGIN_FAILURE_LIMITS):

- the account from one address: someone mistyping, or guessing from one machine;
- the account from every address: guessing from many machines at once;
- the address, whatever the account: one machine trying many accounts.

Only the first locks after a few failures. An attacker elsewhere who knows a delegate's
user name cannot lock the delegate out so cheaply, and the many delegates a meeting
venue puts behind one address do not lock each other out by a few typing errors.
"""

import datetime
import hashlib
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import ngettext

from members.security import client_ip


def _limits(request, credentials):
    parameters = get_lockout_parameters(request, credentials)
    return [settings.LOGIN_FAILURE_LIMITS[_key(each)] for each in parameters]


def _key(parameters):
    return "+".join([parameters] if isinstance(parameters, str) else parameters)


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit for each way failures are counted."""

    def get_failures(self, request, credentials=None):
        """The failures of the request's nearest lock, on the scale of AXES_FAILURE_LIMIT.

        Axes compares one count with one limit. Each count is scaled to that limit (with
        integers: `failures * limit // own >= limit` exactly when `failures >= own`), so
        the request is locked as soon as one way of counting reaches its own limit.
        """
        limit = get_failure_limit(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        return max(
            (each.aggregate(total=Sum("failures_since_start"))["total"] or 0) * limit // own
            for each, own in zip(attempts, _limits(request, credentials), strict=True)
        )

    def locked_until(self, request, credentials=None):
        """When the locks on this request end (None when it is not locked)."""
        latest = [
            each.aggregate(total=Sum("failures_since_start"), latest=Max("attempt_time"))
            for each in self.get_user_attempts(request, credentials)
        ]
        ends = [
            counted["latest"] + get_cool_off(request)
            for counted, own in zip(latest, _limits(request, credentials), strict=True)
            if (counted["total"] or 0) >= own
        ]
        return max(ends, default=None)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful login, forget the failures of that account from that address
        only: a person who mistyped and then got it right. Failures from other addresses,
        and this address's failures on other accounts, still count."""
        count, _deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page of a refused login (AXES_LOCKOUT_CALLABLE): when to try again, and how
    else to get in."""
    now = timezone.now()
    until = LoginLockoutHandler().locked_until(request, credentials) or now + get_cool_off(request)
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    message = ngettext(
        "There were too many failed attempts to log in. You can try again at %(time)s UTC, "
        "in %(minutes)d minute.",
        "There were too many failed attempts to log in. You can try again at %(time)s UTC, "
        "in %(minutes)d minutes.",
        minutes,
    ) % {
        "time": formats.time_format(timezone.localtime(until, datetime.UTC)),
        "minutes": minutes,
    }
    return render(
        request,
        "registration/locked_out.html",
        {"message": message, "until": until, "secretariat_email": settings.SECRETARIAT_EMAIL},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def unlock_account(*, username):
    """Let `username` log in again from everywhere (after a password reset, or by the
    secretariat): its failures are forgotten. An address's own lock stays."""
    count, _deleted = AccessAttempt.objects.filter(username=username).delete()
    return count


# Password-reset mail, paced: a few mails per address and per client address an hour.


def _within(key, limit, period):
    """Count one more use of `key` in the current period; is it within `limit`?"""
    cache.add(key, 0, timeout=period)
    try:
        used = cache.incr(key)
    except ValueError:
        # The period ended between the two calls: this use starts a new one.
        cache.add(key, 1, timeout=period)
        used = 1
    return used <= limit


def may_send_password_reset(request, email):
    """May one more password-reset mail go to `email`, asked from this request's address?

    Both counts go up whether or not an account has that address, so that nothing
    about the accounts shows in how the requests are answered.
    """
    period = settings.PASSWORD_RESET_RATE_PERIOD
    # The address is hashed: the shared cache holds no list of who asked.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    address_ok = _within(
        f"password-reset:email:{digest}",
        settings.PASSWORD_RESET_RATE_PER_EMAIL,
        period,
    )
    client_ok = _within(
        f"password-reset:ip:{client_ip(request)}", settings.PASSWORD_RESET_RATE_PER_IP, period
    )
    return address_ok and client_ok
