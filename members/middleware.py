"""The gate of the second step of the sign-in, in front of every page."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from members.rules import has_authenticator, requires_two_factor

# Set when a person signs in: do they owe a code (have they an authenticator)? Asked once,
# at sign-in, so that the pages of people without one cost no query.
CODE_OWED_SESSION_KEY = "two_factor_code_owed"

VERIFY = "members:two_factor_verify"
SET_UP = "members:two_factor_setup"
# What a person who owes a step may open meanwhile: that step, the language switch, and the
# ways out (to sign in as somebody else, or out).
ALWAYS_OPEN = {"login", "logout", "set_language", "admin:logout"}
# Pages that are the same for everybody and never look at who asks: caches share them, so
# asking who is signed in (reading the session) would make them vary by cookie.
SAME_FOR_EVERYBODY = {"contributions:document_feed", "health"}
OPEN_DURING = {
    VERIFY: ALWAYS_OPEN | {VERIFY},
    SET_UP: ALWAYS_OPEN | {SET_UP, "members:two_factor_qr"},
}


def owed_step(request):
    """The step of the sign-in the signed-in person still owes (None: none). Staff and the
    secretariat owe the code of their app, or else its set-up; others owe the code when
    they have set up an app."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if requires_two_factor(user):
        return VERIFY if has_authenticator(user) else SET_UP
    return VERIFY if request.session.get(CODE_OWED_SESSION_KEY) else None


class TwoFactorMiddleware:
    """Sends a signed-in person who owes a step of the sign-in to it, whatever page they
    asked for (the admin and the desk included), and back to that page afterwards.

    After django_otp's OTPMiddleware, which tells whether the session has passed it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_name = request.resolver_match.view_name
        if view_name in SAME_FOR_EVERYBODY:
            return None
        step = owed_step(request)
        if step is None or view_name in OPEN_DURING[step]:
            return None
        return redirect_to_login(request.get_full_path(), reverse(step))
