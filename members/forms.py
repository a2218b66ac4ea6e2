import math

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.services import check_code


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also reaches accounts that never had a password.

    The secretariat creates delegates' accounts without a password and the person sets one
    through this link: Django's own form skips such accounts and would send nothing.
    """

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.lower() == email.lower())

    def send_link(self, *, request, user):
        """Mail `user` the link to set their password (the secretariat's invitation)."""
        self.cleaned_data = {"email": user.email}
        self.save(
            request=request,
            use_https=request.is_secure(),
            extra_email_context={"site_name": settings.SITE_NAME},
        )


def normalized_code(code):
    """A code as typed, without the spaces and dashes a person may add, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def is_app_code(code):
    # An authenticator app shows six digits; a recovery code has letters.
    return len(code) == 6 and code.isdigit()


class CodeForm(forms.Form):
    """One code, checked against the device `device_for` picks for it. After a wrong code,
    `wrong_code` is set (for the security log); `device` is the device that accepted it."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    wrong_code_message = _("That code is not right. Type the code your app shows now.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.wrong_code = False

    def device_for(self, code):
        raise NotImplementedError

    def clean_code(self):
        code = normalized_code(self.cleaned_data["code"])
        device = self.device_for(code)
        check = check_code(device, code) if device is not None else None
        if check is not None and check.locked_until is not None:
            seconds = math.ceil((check.locked_until - timezone.now()).total_seconds())
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second, then try again.",
                    "Too many wrong codes: wait %(seconds)d seconds, then try again.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        if check is None or check.device is None:
            self.wrong_code = True
            raise forms.ValidationError(self.wrong_code_message, code="wrong")
        self.device = check.device
        return code


class AppCodeForm(CodeForm):
    """A code of one authenticator app: the one being set up, or the one already in use."""

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, user=device.user, **kwargs)
        self.authenticator = device
        self.fields["code"].label = _("Code from the app")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def device_for(self, code):
        return self.authenticator if is_app_code(code) else None


class SignInCodeForm(CodeForm):
    """The second step of the sign-in: a code of the person's app, or one of their recovery
    codes (each works once)."""

    wrong_code_message = _(
        "That code is not right. Type the code your app shows now, or one of your recovery codes."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "No phone at hand? Type one of your recovery codes instead: each works once."
        )

    def device_for(self, code):
        model = TOTPDevice if is_app_code(code) else StaticDevice
        return model.objects.filter(user=self.user, confirmed=True).first()

    @property
    def used_recovery_code(self):
        return isinstance(self.device, StaticDevice)


class TurnOffTwoFactorForm(SignInCodeForm):
    """Turning two-factor sign-in off asks for both: the password and a code."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."), code="password")
        return password

    def clean_code(self):
        # A wrong password is refused before any code is checked, and used up.
        if self.has_error("password"):
            return self.cleaned_data["code"]
        return super().clean_code()
