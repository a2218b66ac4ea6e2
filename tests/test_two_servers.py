"""Two application servers, one register: what is published through one is listed, found,
downloaded and shown fresh through the other.

Two gunicorns, one worker each, serve the test database (the test is transactional: what it
writes is committed, for the servers to see), one Redis database, under a key prefix of the
test's own, and one folder of uploaded files. A delegate signs in and submits a document
with its file through server A; the secretariat signs in (password, then the code of its
authenticator app) and publishes it through A; an anonymous visitor then reads it through
B. The visitor asked for the same pages through both servers before the publication, so a
page that either server kept in a cache and that the publication left stale fails the test.
The secretariat, signed in through A, is signed in on B; and the password-reset mail that
both servers are asked for is counted once, in the shared cache.
"""

import contextlib
import http.cookiejar
import os
import re
import secrets
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import feedparser
import pytest
import redis
from django.conf import settings
from django.db import connection

from bench.servers import gunicorns
from contributions.models import Contribution
from egitrs.sample_documents import docx_bytes
from members.enums import SecurityEventKind
from members.models import SecurityEvent
from tests import factories
from tests.conftest import missing
from tests.two_factor import code_of

# Where the servers' shared cache is: a Redis database the test may write to.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# The test's servers take the first two free ports of these.
PORTS = range(8230, 8240)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "Numbering resources"
# A word of the file's text only, not of its title nor its abstract.
FILE_WORD = "submarine"
CONTENT = docx_bytes(TITLE, ["The landing stations of submarine cables share one plan."])
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """A person at a browser: cookies kept (a host's, whatever its port, as browsers do),
    redirects followed, forms posted with their CSRF token."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def get(self, port, path):
        return self._open(urllib.request.Request(f"http://127.0.0.1:{port}{path}"))

    def post(self, port, path, fields, files=None):
        """POST `fields` (and `files`, name → (file name, bytes, type)) with the token of
        the last form read."""
        body, content_type = multipart({"csrfmiddlewaretoken": self.token, **fields}, files)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", data=body, headers={"Content-Type": content_type}
        )
        return self._open(request)

    def _open(self, request):
        """(status, path and query reached, body)."""
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            body = response.read()
        if token := CSRF_TOKEN.search(body.decode(errors="replace")):
            self.token = token[1]
        reached = urllib.parse.urlsplit(response.url)
        return response.status, reached.path + (f"?{reached.query}" if reached.query else ""), body

    def sign_in(self, port, user):
        """The sign-in page, then the code step for those who have an authenticator app."""
        self.get(port, "/accounts/login/")
        password = {"username": user.username, "password": "correct horse battery staple"}
        status, path, _body = self.post(port, "/accounts/login/", password)
        if path.startswith("/accounts/two-factor/code/"):
            status, path, _body = self.post(port, path, {"code": code_of(user)})
        return status, path


def multipart(fields, files=None):
    """The body and content type of a form posted as a browser does, files included."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = "".join(parts).encode()
    for name, (filename, content, content_type) in (files or {}).items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        body += content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def free_ports(count):
    found = []
    for port in PORTS:
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            found.append(port)
        if len(found) == count:
            return found
    missing(f"needs {count} free ports in {PORTS.start}-{PORTS.stop - 1}")


@pytest.fixture
def shared_cache():
    """The Redis database, and a key prefix of this test's own, removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        missing(f"needs Redis at {REDIS_URL} (TEST_REDIS_URL)")
    prefix = f"two-servers-{secrets.token_hex(6)}"
    try:
        yield prefix
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()


@pytest.fixture
def servers(transactional_db, shared_cache, tmp_path):
    """The ports of two gunicorns of the same site, stopped by their pid however it ends."""
    database = connection.settings_dict
    environment = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "DEBUG": "0",
        # One secret for every server: each checks the sessions the others signed.
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": shared_cache,
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    ports = free_ports(2)
    with contextlib.ExitStack() as opened:
        logs = [opened.enter_context((tmp_path / f"{port}.log").open("wb")) for port in ports]
        with gunicorns(ports, environment, logs, workers=1, ready="/health/"):
            yield ports


@pytest.fixture
def register(transactional_db):
    """A group's meeting open for contributions, a delegate and the secretariat."""
    meeting = factories.MeetingFactory(group=factories.ExpertGroupFactory(), ordinal=1)
    organization = factories.OrganizationFactory(name="Member State A")
    return {
        "meeting": meeting,
        "delegate": factories.DelegateFactory(organization=organization, username="delegate-a"),
        "secretariat": factories.SecretariatUserFactory(username="secretariat"),
    }


def public_view(visitor, port):
    """What an anonymous visitor sees of the register through the server on `port`: each
    page's status and the documents it shows (linked from the list and from a search for
    the file's word, titles of the feed)."""
    documents = re.compile(rb'href="(/eg-itrs/documents/\d+-\d+/)"')
    listed, searched, feed, page = (
        visitor.get(port, path)
        for path in [
            "/eg-itrs/documents/",
            f"/search/?q={FILE_WORD}",
            "/eg-itrs/documents/feed/",
            "/eg-itrs/documents/1-1/",
        ]
    )
    return {
        "list": (listed[0], [link.decode() for link in documents.findall(listed[2])]),
        "search": (searched[0], [link.decode() for link in documents.findall(searched[2])]),
        "feed": (feed[0], [entry.title for entry in feedparser.parse(feed[2]).entries]),
        "page": page[0],
    }


def submit_and_publish(server, register):
    """The delegate submits the document with its file, the secretariat publishes it."""
    delegate, secretariat = Visitor(), Visitor()
    assert delegate.sign_in(server, register["delegate"]) == (200, "/my/documents/")
    delegate.get(server, f"/my/documents/new/{register['meeting'].pk}/")
    fields = {
        "title": TITLE,
        "abstract": "How the numbering plan is shared.",
        "kind": "contribution",
        "original_language": "en",
        "access_level": "public",
    }
    status, draft, _body = delegate.post(
        server,
        f"/my/documents/new/{register['meeting'].pk}/",
        fields,
        files={"file": ("numbering.docx", CONTENT, DOCX)},
    )
    assert (status, re.fullmatch(r"/my/documents/\d+/", draft) is not None) == (200, True)
    assert delegate.post(server, f"{draft}submit/", {})[:2] == (200, draft)

    assert secretariat.sign_in(server, register["secretariat"]) == (200, "/desk/")
    pk = int(draft.split("/")[-2])
    admin_page = f"/admin/contributions/contribution/{pk}/"
    secretariat.get(server, f"{admin_page}publish/")
    assert secretariat.post(server, f"{admin_page}publish/", {})[:2] == (
        200,
        f"{admin_page}change/",
    )
    return Contribution.objects.get(pk=pk), secretariat


@pytest.mark.postgresql
def test_two_servers_share_the_register_the_sessions_and_the_cache(servers, register):
    a, b = servers
    anonymous = Visitor()
    nothing = {"list": (200, []), "search": (200, []), "feed": (200, []), "page": 404}
    assert [public_view(anonymous, a), public_view(anonymous, b)] == [nothing, nothing]

    document, secretariat = submit_and_publish(a, register)

    assert (document.status, document.register_number) == ("published", "EG-ITRs 1/1")
    published = {
        "list": (200, ["/eg-itrs/documents/1-1/"]),
        "search": (200, ["/eg-itrs/documents/1-1/"]),
        "feed": (200, [f"EG-ITRs 1/1: {TITLE}"]),
        "page": 200,
    }
    assert [public_view(anonymous, b), public_view(anonymous, a)] == [published, published]
    assert anonymous.get(b, document.files.get().get_absolute_url())[::2] == (200, CONTENT)
    # Signed in through A, signed in on B: the sessions are the database's, under one secret.
    assert secretariat.get(b, "/desk/")[:2] == (200, "/desk/")
    # So many password-reset mails an hour to an address, however many servers are asked.
    limit = settings.PASSWORD_RESET_RATE_PER_EMAIL
    anonymous.get(a, "/accounts/password_reset/")
    for server in [a] * limit + [b]:
        asked = anonymous.post(server, "/accounts/password_reset/", {"email": "x@example.org"})
        assert asked[:2] == (200, "/accounts/password_reset/done/")
    requested = SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_RESET_REQUESTED)
    paced = [event.details["paced"] for event in requested.order_by("at", "pk")]
    assert paced == [False] * limit + [True]
