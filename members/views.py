from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import translation
from django.views import defaults, i18n

from members.enums import SecurityEventKind
from members.forms import PasswordResetForm
from members.lockout import may_send_password_reset, unlock_account
from members.models import Profile
from members.rules import is_secretariat
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
        if is_secretariat(self.request.user):
            return resolve_url(settings.SECRETARIAT_LOGIN_REDIRECT_URL)
        return super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        try:
            language = form.get_user().profile.language
        except Profile.DoesNotExist:
            # Never chosen: the language they browse in stays as it is.
            return response
        _set_language_cookie(response, language)
        return response


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
