"""Two-factor sign-in in the tests: the codes an authenticator app shows, as the app
computes them from the key (pyotp, not the site's own code), and the recovery codes."""

import time
from base64 import b32encode

import pyotp
from django import test
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

STEP = 30


class Client(test.Client):
    """Django's test client, whose `force_login` signs a person in as the site's sign-in
    does once both steps are passed: with the password, and with a code of their
    authenticator app when they have one (every staff account has, see UserFactory).
    `force_login(user, two_factor=False)` stops after the password."""

    def force_login(self, user, backend=None, *, two_factor=True):
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if two_factor and device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


def authenticator_of(user):
    return TOTPDevice.objects.get(user=user, confirmed=True)


def key_of(device):
    """The key as the set-up page shows it and an app takes it (base32)."""
    return b32encode(device.bin_key).decode()


def app_code(key, *, after_step=-1):
    """The code an app with `key` (base32, spaces allowed) shows now, or for the first time
    step after `after_step` if that one was used already (an app's code works once): the
    site accepts the next step's code too, and this waits when even that one was used."""
    now = int(time.time()) // STEP
    step = max(now, after_step + 1)
    if step > now + 1:
        time.sleep((step - 1) * STEP - time.time() + 0.1)
    return pyotp.TOTP(key.replace(" ", "")).at(step * STEP)


def code_of(user):
    """A code of `user`'s authenticator app that the site has not seen yet."""
    device = authenticator_of(user)
    return app_code(key_of(device), after_step=device.last_t)


def recovery_codes_of(user):
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def pass_code_step(page, username):
    """In the browser, on the page that asks for the code after the password: type it."""
    page.get_by_label("Code").fill(code_of(get_user_model().objects.get(username=username)))
    page.get_by_role("button", name="Sign in").click()
