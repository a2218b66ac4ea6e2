"""The browser harness: pytest-playwright driving the system's Chromium against live_server.

Playwright's own browser builds are never downloaded (no `playwright install`): the tests
use the Chromium of the machine, at CHROMIUM_PATH or /usr/bin/chromium.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import missing

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls
# from a thread with a running loop unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E_DIR = Path(__file__).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(config, items):
    # This hook sees every collected test, not only this folder's: mark ours alone.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(live_server):
    # Replaces pytest-playwright's own `base_url` (defined on a plugin object, which pytest 9
    # reports as a deprecated instance-method session fixture: an error in this suite).
    # Pages can then be opened by path: page.goto("/accounts/login/").
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.isfile(executable):
        missing(f"Chromium not found at {executable}: install it or set CHROMIUM_PATH")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def new_page(browser, base_url):
    """Pages of their own browser contexts (one per person), closed when the test ends.

    Closing them ends their keep-alive connections while the live server still shares the
    test's database connection, not after.
    """
    contexts = []

    def make():
        context = browser.new_context(base_url=base_url)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
