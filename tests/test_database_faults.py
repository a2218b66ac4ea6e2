"""The site with its database down or hung: a branded 503 within five seconds, static files
served all the while, and the pages back by themselves once the database is.

The test runs a PostgreSQL of its own (initdb, pg_ctl) and the application under gunicorn
against it, then stops the database, starts it again, freezes it (SIGSTOP: the port still
accepts connections and nothing answers) and thaws it. PostgreSQL refuses to run as root,
so when the tests run as root (as CI does) its commands run as the `postgres` user
(`runuser -u postgres --`), in a folder of its own under the system's temporary folder
(pytest's tmp_path is private to root).
"""

import contextlib
import glob
import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import missing

ROOT = Path(__file__).resolve().parent.parent
UNAVAILABLE = "The site is temporarily unavailable"
# The most a page may take to say so, and what a static file may take meanwhile.
PAGE_BUDGET = 5.0
STATIC_BUDGET = 1.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgresql_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        missing("needs PostgreSQL's server programs (initdb, pg_ctl): apt-get install postgresql")
    return Path(found[-1]).parent


def as_database_user():
    """The prefix that runs a PostgreSQL command as a user it accepts."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        missing("running as root, and there is no `postgres` user to run PostgreSQL as")
    return ["runuser", "-u", "postgres", "--"]


class Database:
    """A throwaway PostgreSQL cluster on a free port."""

    def __init__(self):
        self.bin = postgresql_bin()
        self.prefix = as_database_user()
        self.folder = Path(tempfile.mkdtemp(prefix="egitrs-postgresql-"))
        if self.prefix:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program, *args):
        subprocess.run(
            [*self.prefix, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=60,
            env={"PATH": os.environ["PATH"], "LC_ALL": "C.UTF-8"},
        )

    def create(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "start", "-D", str(self.data), "-o", options, "-l", log, "-w")

    def stop(self):
        self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")

    @property
    def postmaster_pid(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def freeze(self):
        os.kill(self.postmaster_pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.postmaster_pid, signal.SIGCONT)

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.thaw()
            self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")
        shutil.rmtree(self.folder)


class Site:
    """The application under gunicorn with DEBUG off, against `database`, in an
    environment of only what it is given (the test run's own, such as Playwright's
    DJANGO_ALLOW_ASYNC_UNSAFE, left out)."""

    def __init__(self, database, folder):
        self.port = free_port()
        self.env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "tests.server_settings",
            "DEBUG": "0",
            "SECRET_KEY": "kX9#pQ2!mZ7&" * 4 + "ab",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database.url,
            "MEDIA_ROOT": str(folder / "media"),
        }
        self.log = folder / "gunicorn.log"
        self.process = None

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self):
        """Start gunicorn, make the tables while it starts, and wait for it."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "egitrs.wsgi"),
                    *("--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "4"),
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.manage("migrate", "--no-input", "--run-syncdb")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not start: {self.log.read_text()}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path):
        """(status, body, seconds taken, headers)."""
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Accept": "text/plain, text/html"})
            response = connection.getresponse()
            body = response.read().decode()
        finally:
            connection.close()
        return response.status, body, time.monotonic() - started, response.headers


@pytest.fixture
def database():
    database = Database()
    try:
        database.create()
        database.start()
        yield database
    finally:
        database.remove()


@pytest.fixture
def site(database, tmp_path):
    site = Site(database, tmp_path)
    try:
        site.start()
        yield site
    finally:
        site.stop()


def answers(site, path):
    status, body, seconds, headers = site.get(path)
    return status, (UNAVAILABLE in body), seconds <= PAGE_BUDGET


def static_while_a_page_waits(site):
    """The status and time of a static file fetched while a page waits for the database."""
    waiting = threading.Thread(target=site.get, args=["/?waiting"])
    waiting.start()
    time.sleep(0.2)
    status, _body, seconds, _headers = site.get("/static/css/site.css")
    waiting.join()
    return status, seconds <= STATIC_BUDGET


@pytest.mark.postgresql
def test_the_site_says_it_is_unavailable_while_the_database_is_down_or_hung(database, site):
    # The home page, now kept for anonymous visitors (egitrs.page_cache); the same page at
    # another address is not, and needs the database.
    assert answers(site, "/") == (200, False, True)

    database.stop()
    status, body, seconds, headers = site.get("/?down")
    assert (status, headers["Retry-After"], UNAVAILABLE in body, seconds <= PAGE_BUDGET) == (
        503,
        "60",
        True,
        True,
    )
    assert answers(site, "/accounts/login/") == (503, True, True)
    # What the cache keeps is still read.
    assert answers(site, "/") == (200, False, True)
    assert site.get("/static/css/site.css")[0] == 200
    assert site.get("/health/")[0] == 500

    database.start()
    assert answers(site, "/?up") == (200, False, True)
    assert site.get("/health/")[0] == 200

    database.freeze()
    assert answers(site, "/?frozen") == (503, True, True)
    assert static_while_a_page_waits(site) == (200, True)
    assert answers(site, "/") == (200, False, True)
    assert site.get("/health/")[0] == 500

    database.thaw()
    assert answers(site, "/?thawed") == (200, False, True)
    assert site.get("/health/")[0] == 200
