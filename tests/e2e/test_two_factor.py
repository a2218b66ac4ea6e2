"""Two-factor sign-in in Chromium: the secretariat's first sign-in sets up an app and reaches
the admin; later sign-ins ask for its code or a recovery code (once); a delegate turns it on
from the member area. Screenshots at a desktop's and a phone's width go to
/tmp/totp-shots/ (not part of the checkout) to be looked at."""

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.two_factor import app_code, authenticator_of, code_of

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/totp-shots")
WIDTHS = {"desktop": 1280, "phone": 390}


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, username, next_url=""):
    page.goto(reverse("login") + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def set_up_app(page, name):
    """On the set-up page: read the key as a person would type it into an app, type the
    code the app computes from it; returns the key."""
    # The QR code's image loads (from its own URL, as an SVG).
    # (Polled from here: wait_for_function evaluates a string, which the site's CSP refuses.)
    qr_code = page.locator("img.qr-code")
    for _ in range(50):
        if qr_code.evaluate("img => img.naturalWidth") > 100:
            break
        page.wait_for_timeout(100)
    assert qr_code.evaluate("img => img.naturalWidth") > 100
    key = page.locator("#secret-key").inner_text()
    shoot(page, f"{name}-set-up")
    page.get_by_label("Code from the app").fill(app_code(key))
    page.get_by_role("button", name="Confirm and turn on").click()
    return key


def test_the_secretariat_sets_up_an_app_then_signs_in_with_codes(new_page):
    secretariat = factories.SecretariatUserFactory(username="secretariat", authenticator=False)

    # The first sign-in: the password, then the set-up, before the admin opens.
    page = new_page()
    log_in(page, "secretariat", next_url=reverse("admin:index"))
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/set-up/\?next=/admin/$"))
    expect(page.get_by_text("Your account is a staff account")).to_be_visible()
    set_up_app(page, "secretariat")

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    shoot(page, "secretariat-recovery-codes")
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # Later: the password, then a code of the app.
    later = new_page()
    log_in(later, "secretariat")
    expect(later).to_have_url(re.compile(r"/accounts/two-factor/code/\?next=/desk/$"))
    shoot(later, "secretariat-code")
    later.get_by_label("Code").fill(code_of(secretariat))
    later.get_by_role("button", name="Sign in").click()
    expect(later.get_by_role("heading", level=1)).to_have_text("The secretariat's desk")
    later.goto(reverse("admin:index"))
    expect(later.get_by_role("heading", name="Site administration")).to_be_visible()

    # A recovery code instead of the app: it works once, and not twice.
    for attempt in ("first", "second"):
        other = new_page()
        log_in(other, "secretariat", next_url=reverse("admin:index"))
        other.get_by_label("Code").fill(codes[0])
        other.get_by_role("button", name="Sign in").click()
        if attempt == "first":
            expect(other.get_by_role("heading", name="Site administration")).to_be_visible()
            expect(other.locator("ul.messagelist:not(#virus-scanning)")).to_contain_text(
                "You signed in with a recovery code; it will not work again. "
                "9 recovery codes are left."
            )
        else:
            expect(other.locator(".errorlist")).to_have_text(
                "That code is not right. Type the code your app shows now, or one of your "
                "recovery codes."
            )
            shoot(other, "secretariat-code-refused")
            other.goto(reverse("admin:index"))
            expect(other).to_have_url(re.compile(r"/accounts/two-factor/code/\?next=/admin/$"))
    assert authenticator_of(secretariat).confirmed


def test_a_delegate_turns_it_on_from_the_member_area(new_page):
    delegate = factories.DelegateFactory(username="delegate-a")

    page = new_page()
    log_in(page, "delegate-a")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("Two-factor sign-in is off")).to_be_visible()
    shoot(page, "delegate-off")
    page.get_by_role("link", name="Turn on two-factor sign-in").click()
    set_up_app(page, "delegate")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.split() == page.locator("#recovery-codes code").all_inner_texts()
    page.get_by_role("link", name="I have kept them: continue").click()

    expect(page.get_by_text("Two-factor sign-in is on since")).to_be_visible()
    expect(page.get_by_text("10 recovery codes are left.")).to_be_visible()
    shoot(page, "delegate-on")
    assert authenticator_of(delegate).confirmed
