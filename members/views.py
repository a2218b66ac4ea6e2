from base64 import b32encode
from io import BytesIO
from urllib.parse import quote

import django_otp
import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults, i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import services
from members.enums import SecurityEventKind
from members.forms import AppCodeForm, PasswordResetForm, SignInCodeForm, TurnOffTwoFactorForm
from members.lockout import may_send_password_reset, unlock_account
from members.middleware import CODE_OWED_SESSION_KEY, owed_step
from members.models import Profile
from members.rules import is_secretariat, may_turn_off_two_factor, requires_two_factor
from members.security import record_security_event


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the mail paced: past the limits nothing is sent, and the page
    says the same as always ("if an account has that address, we have sent it a link")."""

    form_class = PasswordResetForm

    @property
    def extra_email_context(self):
        return {"site_name": settings.SITE_NAME}

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        allowed = may_send_password_reset(self.request, email)
        record_security_event(
            SecurityEventKind.PASSWORD_RESET_REQUESTED,
            request=self.request,
            email=email,
            paced=not allowed,
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's; a person who sets a new password through the mailed link may log in at
    once, even if guessing had locked their account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record_security_event(
            SecurityEventKind.PASSWORD_RESET_COMPLETED, request=self.request, user=form.user
        )
        unlock_account(username=form.user.get_username())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        record_security_event(SecurityEventKind.PASSWORD_CHANGED, request=self.request)
        return response


def admin_password_change(request):
    """The admin's own password change (served under the admin's URL), recorded as the
    site's is: the admin answers a successful change with a redirect."""
    response = admin.site.password_change(request)
    if request.method == "POST" and response.status_code == 302:
        record_security_event(SecurityEventKind.PASSWORD_CHANGED, request=request)
    return response


def permission_denied(request, exception):
    """Every refusal (a PermissionDenied raised by any view or the admin) is recorded,
    then answered as Django does (handler403)."""
    record_security_event(
        SecurityEventKind.PERMISSION_DENIED, request=request, reason=str(exception)
    )
    return defaults.permission_denied(request, exception)


class LoginView(auth_views.LoginView):
    """Django's login, which then shows the site in the person's own language.

    Without a page to return to, the secretariat lands where its work waits (the desk),
    everybody else in their documents.
    """

    def get_default_redirect_url(self):
        return landing_url(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        try:
            language = form.get_user().profile.language
        except Profile.DoesNotExist:
            # Never chosen: the language they browse in stays as it is.
            return response
        _set_language_cookie(response, language)
        return response


def landing_url(user):
    """Where a person lands after signing in when no page was asked for."""
    if is_secretariat(user):
        return resolve_url(settings.SECRETARIAT_LOGIN_REDIRECT_URL)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def set_language(request):
    """Django's language switch; a signed-in person's choice is also their mail language."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            language = translation.get_supported_language_variant(
                request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER) or ""
            )
        except LookupError:
            return response
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response


def _set_language_cookie(response, language):
    # The cookie is what LocaleMiddleware reads; the same settings as Django's set_language.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


# Two-factor sign-in: set up from the member area, asked for after the password.

RECOVERY_CODES_SESSION_KEY = "two_factor_new_recovery_codes"


# What each two-factor change or refusal is in the security log.
TWO_FACTOR_EVENTS = {
    "enabled": SecurityEventKind.TWO_FACTOR_ENABLED,
    "disabled": SecurityEventKind.TWO_FACTOR_DISABLED,
    "recovery_codes_renewed": SecurityEventKind.RECOVERY_CODES_RENEWED,
    "recovery_code_used": SecurityEventKind.RECOVERY_CODE_USED,
    "wrong_code": SecurityEventKind.TWO_FACTOR_FAILED,
}


def _two_factor_event(kind, request, user):
    """A change or a refusal of someone's two-factor sign-in, in the security log."""
    record_security_event(TWO_FACTOR_EVENTS[kind], request=request, user=user)


def _next_url(request, default=None):
    """The page to go on to, as `next` asks if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default or landing_url(request.user)


def _authenticator(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def _sign_in_with(request, device):
    """The session has passed the second step, with `device`."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _show_recovery_codes(request, codes, next_url):
    # Shown on the next page, once: the session keeps them until that page is opened.
    request.session[RECOVERY_CODES_SESSION_KEY] = {"codes": codes, "next": next_url}
    return redirect("members:two_factor_recovery_codes")


def _log_wrong_code(request, form):
    if form.wrong_code:
        _two_factor_event("wrong_code", request, request.user)


@login_required
def two_factor(request):
    """The member area's page of two-factor sign-in: on or off, and what can be done."""
    authenticator = _authenticator(request.user)
    return render(
        request,
        "members/two_factor.html",
        {
            "authenticator": authenticator,
            "recovery_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
            "required": requires_two_factor(request.user),
            "may_turn_off": may_turn_off_two_factor(request.user),
        },
    )


@never_cache
@login_required
def two_factor_setup(request):
    """Set up an authenticator app (or move to another one): scan the code or type the key,
    then type a code the app shows. The recovery codes come next."""
    if _authenticator(request.user) is not None and not request.user.is_verified():
        # Replacing the app of an account is for whoever passed its second step.
        return redirect_to_verify(request)
    device = services.start_two_factor(request.user)
    form = AppCodeForm(request.POST or None, device=device)
    next_url = _next_url(request, default=resolve_url("members:two_factor"))
    if request.method == "POST":
        if form.is_valid():
            codes = services.confirm_two_factor(device)
            _sign_in_with(request, device)
            _two_factor_event("enabled", request, request.user)
            return _show_recovery_codes(request, codes, next_url)
        _log_wrong_code(request, form)
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "members/two_factor_setup.html",
        {
            "form": form,
            "key_groups": [key[start : start + 4] for start in range(0, len(key), 4)],
            "required": requires_two_factor(request.user),
            "replacing": _authenticator(request.user) is not None,
            "signing_in": owed_step(request) is not None,
            "next": next_url,
        },
    )


@never_cache
@require_GET
@login_required
def two_factor_qr(request):
    """The QR code of the app being set up, as SVG: it carries the key, so it is never
    cached, and there is none once the app is set up."""
    device = _authenticator(request.user, confirmed=False)
    if device is None:
        raise Http404(_("No authenticator app is being set up."))
    svg = BytesIO()
    segno.make(device.config_url, error="m").save(
        svg, kind="svg", scale=5, border=4, xmldecl=False, title=_("QR code of the key")
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@never_cache
@login_required
def two_factor_recovery_codes(request):
    """The recovery codes just made, shown once, to print, copy or save."""
    made = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if made is None:
        messages.info(
            request,
            _(
                "Recovery codes are shown only once, when they are made. If you have lost "
                "yours, make new ones."
            ),
        )
        return redirect("members:two_factor")
    text = "\n".join(
        [
            _("Recovery codes of %(username)s for %(site)s. Each works once.")
            % {"username": request.user.get_username(), "site": settings.SITE_NAME},
            "",
            *made["codes"],
            "",
        ]
    )
    return render(
        request,
        "members/two_factor_recovery_codes.html",
        {
            "codes": made["codes"],
            "next": made["next"],
            "download_url": "data:text/plain;charset=utf-8," + quote(text),
        },
    )


@never_cache
@login_required
def two_factor_recovery_codes_renew(request):
    """New recovery codes, for a code of the app: the old ones stop working."""
    authenticator = _authenticator(request.user)
    if authenticator is None:
        return redirect("members:two_factor")
    form = AppCodeForm(request.POST or None, device=authenticator)
    if request.method == "POST":
        if form.is_valid():
            codes = services.renew_recovery_codes(request.user)
            _two_factor_event("recovery_codes_renewed", request, request.user)
            return _show_recovery_codes(request, codes, resolve_url("members:two_factor"))
        _log_wrong_code(request, form)
    return render(request, "members/two_factor_recovery_codes_renew.html", {"form": form})


@login_required
def two_factor_turn_off(request):
    """Turn two-factor sign-in off, with the password and a code (not for staff, who must
    keep it)."""
    if not may_turn_off_two_factor(request.user):
        raise PermissionDenied(_("Two-factor sign-in is required for staff accounts."))
    if _authenticator(request.user) is None:
        return redirect("members:two_factor")
    form = TurnOffTwoFactorForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.turn_off_two_factor(request.user)
            request.session[CODE_OWED_SESSION_KEY] = False
            _two_factor_event("disabled", request, request.user)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("members:two_factor")
        _log_wrong_code(request, form)
    return render(request, "members/two_factor_turn_off.html", {"form": form})


def redirect_to_verify(request):
    return auth_views.redirect_to_login(
        request.get_full_path(), resolve_url("members:two_factor_verify")
    )


@never_cache
@login_required
def two_factor_verify(request):
    """The second step of the sign-in: a code of the person's app, or a recovery code."""
    next_url = _next_url(request)
    if request.user.is_verified() or _authenticator(request.user) is None:
        # Nothing to verify (an app removed meanwhile): what is owed is asked for next.
        request.session[CODE_OWED_SESSION_KEY] = False
        return redirect(next_url)
    form = SignInCodeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            _sign_in_with(request, form.device)
            if form.used_recovery_code:
                _two_factor_event("recovery_code_used", request, request.user)
                left = form.device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; it will not work again. "
                        "%(count)d recovery code is left.",
                        "You signed in with a recovery code; it will not work again. "
                        "%(count)d recovery codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        _log_wrong_code(request, form)
    return render(
        request,
        "members/two_factor_verify.html",
        {"form": form, "next": next_url, "signing_in": True},
    )
