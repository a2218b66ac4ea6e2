from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url
from django.utils import translation
from django.views import i18n

from members.forms import PasswordResetForm
from members.models import Profile
from members.rules import is_secretariat


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    @property
    def extra_email_context(self):
        return {"site_name": settings.SITE_NAME}


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
