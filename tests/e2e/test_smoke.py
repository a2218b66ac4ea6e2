"""The browser harness works: Chromium opens the live server and shares the test's data."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import DelegateFactory


def test_login_page_opens_in_the_browser(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page).to_have_title(re.compile(r"^Log in · "))
    expect(page.get_by_label("Username")).to_be_visible()


def test_a_user_made_in_the_test_logs_in_through_the_browser(live_server, page):
    user = DelegateFactory(username="browser-delegate")
    assert user.last_login is None
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("browser-delegate")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}{reverse('contributions:mine')}")
    # The ORM in the test thread, while Playwright's loop runs (DJANGO_ALLOW_ASYNC_UNSAFE).
    user.refresh_from_db()
    assert user.last_login is not None
