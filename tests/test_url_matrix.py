"""Every URL pattern of the resolver, for each of the five roles (issue 9, item 9).

The patterns are read from the resolver, what each role gets from the rows of
tests/url_matrix.py: a new page without its row fails here, and so does a row whose page
is gone. Every pattern is asked for with GET by every role, a view that acts on POST with
POST too; the records the URLs name are built once for the module.
"""

import datetime
import re
import uuid
from types import SimpleNamespace

import lxml.html
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contributions.enums import ContributionStatus
from history import services as history_services
from members.enums import SecurityEventKind
from members.models import Membership, SecurityEvent
from members.rules import SECRETARIAT_GROUP
from members.security import record_security_event
from proceedings import services as proceedings_services
from proceedings.enums import Outcome
from tests import factories
from tests.conftest import shared_records
from tests.proceedings.conftest import make_decision, make_statement
from tests.refusals import row_counts
from tests.roles import ROLES, content_of
from tests.two_factor import Client
from tests.url_matrix import (
    ADMIN_MODELS,
    MATRIX,
    SUPERUSER_ONLY,
    Shadowed,
    value_of,
    writes,
)

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def walk(resolver, prefix="", namespaces=()):
    """Every pattern under `resolver`: (key, route, pattern), in resolving order."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from walk(pattern, route, inner)
        else:
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield name, route, pattern


def resolver_patterns():
    """Each pattern by its key: its full name, or its route when it has none. A name an
    earlier pattern already has (a pattern it shadows) is keyed by name and route."""
    patterns = {}
    for name, route, pattern in walk(get_resolver()):
        key = route if name is None else name
        if key in patterns:
            key = f"{name} {route} {pattern.lookup_str}"
        patterns[key] = (route, pattern)
    return patterns


PATTERNS = resolver_patterns()


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker, tmp_path_factory):
    """The records, built once for the module, and a session for each signed-in role."""
    media = tmp_path_factory.mktemp("matrix-media")
    with shared_records(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            built = build_records()
            built.sessions = {role: session_of(user) for role, user in built.users.items()}
        built.media = media
        yield built


@pytest.fixture
def matrix(records, db, settings):
    settings.MEDIA_ROOT = records.media
    return records


def session_of(user):
    """The session key of `user` signed in (None: the anonymous visitor has none)."""
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_records():
    """One of each record a URL names, owned as the roles need: a published document and a
    draft of org A (delegate_a's), a submitted one of org C that org A is asked to
    co-sponsor, the proceedings, a published report with a translation, a draft report
    and a history import."""
    group = factories.ExpertGroupFactory()
    meeting = factories.MeetingFactory(group=group, ordinal=1)
    item = factories.AgendaItemFactory(meeting=meeting, number="1", title="Work plan")
    org_a = factories.OrganizationFactory(name="Member State A")
    org_b = factories.OrganizationFactory(name="Member State B")
    org_c = factories.OrganizationFactory(name="Member State C")
    users = {
        "anonymous": None,
        "delegate_a": factories.DelegateFactory(organization=org_a, username="delegate-a"),
        "delegate_b": factories.DelegateFactory(organization=org_b, username="delegate-b"),
        "officer": factories.OfficerUserFactory(group=group, username="officer"),
        "secretariat": factories.SecretariatUserFactory(username="secretariat"),
    }
    delegate_a, secretariat = users["delegate_a"], users["secretariat"]
    author = factories.DelegateFactory(organization=org_c, username="author")
    published = factories.publish_document(
        meeting, delegate=delegate_a, secretariat=secretariat, title="Published proposal"
    )
    draft = factories.make_contribution(
        meeting=meeting, delegate=delegate_a, title="Draft proposal"
    )
    # A document of org C that asks org A to co-sponsor it.
    cosponsored = factories.make_contribution(
        meeting=meeting,
        delegate=author,
        title="Joint proposal",
        status=ContributionStatus.SUBMITTED,
        cosponsors=[org_a],
    )
    decision = make_decision(meeting, subject="the progress report", outcome=Outcome.APPROVED)
    statement = make_statement(meeting, organizations=[org_a], title="Statement of A")
    work_plan = proceedings_services.propose_work_plan(
        group=group, by=secretariat, title="Work plan", items=["Review"]
    )

    def progress_report(year):
        """The progress report of the year from April, to the Council of the next."""
        return proceedings_services.start_progress_report(
            group=group,
            period_start=datetime.date(year, 4, 1),
            period_end=datetime.date(year + 1, 3, 31),
            by=secretariat,
            parent_body_document=f"C{year + 1 - 2000}/25",
        )

    report = proceedings_services.approve_report(
        report=progress_report(2024), decision=decision, by=secretariat
    )
    report = proceedings_services.publish_report(report=report, by=secretariat)
    translation = proceedings_services.post_report_translation(
        report=report, language="fr", upload=factories.docx_upload("rapport.docx"), by=secretariat
    )
    draft_report = progress_report(2025)
    history_import = history_services.check_upload(
        upload=SimpleUploadedFile("history.json", b"{}"), by=secretariat
    )
    security_event = record_security_event(SecurityEventKind.LOGIN_FAILED, username="intruder")
    access_attempt = AccessAttempt.objects.create(
        username="intruder", ip_address="192.0.2.1", user_agent="", failures_since_start=5
    )
    # A task that failed for good, by the id the admin names it with.
    task_result = DBTaskResult.objects.create(
        id=uuid.UUID("7a5c0d4e-1b2f-4c3d-9e8f-0a1b2c3d4e5f"),
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [[published.pk]], "kwargs": {"attempt": 5}},
        task_path="contributions.tasks.index_documents_task",
        backend_name="default",
        exception_class_path="builtins.OSError",
        traceback="OSError: disk full",
    )
    # At fixed times, by which the admin names them; failures to come, which axes does not
    # forget as it forgets those past its cool-off.
    SecurityEvent.objects.filter(pk=security_event.pk).update(
        at=datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    )
    AccessAttempt.objects.filter(pk=access_attempt.pk).update(
        attempt_time=datetime.datetime(2099, 3, 2, 9, 30, tzinfo=datetime.UTC)
    )
    built = SimpleNamespace(
        secretariat_group=Group.objects.get(name=SECRETARIAT_GROUP),
        published_type=ContentType.objects.get_for_model(published),
        report_docx_name=report.download_name("docx"),
        report_pdf_name=report.download_name("pdf"),
        users=users,
        delegate_a=delegate_a,
        group=group,
        meeting=meeting,
        item=item,
        org_a=org_a,
        org_b=org_b,
        membership=Membership.objects.get(user=delegate_a),
        published=published,
        file=published.files.get(),
        draft=draft,
        cosponsored=cosponsored,
        cosponsored_source=cosponsored.sources.get(organization=org_a),
        decision=decision,
        statement=statement,
        work_plan=work_plan,
        report=report,
        translation=translation,
        draft_report=draft_report,
        history_import=history_import,
        security_event=security_event,
        access_attempt=access_attempt,
        task_result=task_result,
        totp_device=TOTPDevice.objects.get(user=secretariat),
        static_device=StaticDevice.objects.get_or_create(user=secretariat, name="Recovery codes")[
            0
        ],
        # A password link of a user who never signs in here (signing in ends its token).
        reset_uid=urlsafe_base64_encode(force_bytes(author.pk)),
        reset_token=default_token_generator.make_token(author),
    )
    # The latest version of each record that keeps versions, for their pages.
    built.versions = SimpleNamespace(
        **{
            label.split(".")[1]: value_of(built, model.record).history.latest().history_id
            for label, model in ADMIN_MODELS.items()
            if model.versions
        }
    )
    return built


def url_of(key, row, records):
    """The pattern's URL filled from the records: reversed by its name, else its route
    (the row gives the path of a pattern that is a regular expression)."""
    route, pattern = PATTERNS[key]
    args = [value_of(records, ref) for ref in row.args]
    kwargs = {name: value_of(records, ref) for name, ref in row.url.items()}
    if row.path is not None:
        url = row.path
    elif pattern.name:
        # A pattern shadowed by an earlier one of its name is keyed by name and route.
        url = reverse(key.split(" ")[0], args=args, kwargs=kwargs)
    else:
        url = "/" + CONVERTER.sub(lambda match: str(kwargs[match[1]]), route)
    return f"{url}?{urlencode(row.query)}" if row.query else url


def is_shadowed(row):
    """A shadowed pattern's URL is that of the earlier one of the same name and route."""
    return any(isinstance(outcome, Shadowed) for outcome in row.get.values())


def text_of(element):
    """An element's text as it reads: a line break is a space, spaces are collapsed."""
    for line_break in element.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    return " ".join(element.text_content().split())


def page_outcome(response):
    """A page by its heading, the first <h1> of its content; without one, by its title."""
    tree = lxml.html.fromstring(content_of(response).decode())
    headings = tree.xpath('//*[@id="content"]//h1') or tree.xpath("//h1")
    if not headings:
        return f"200 page titled: {text_of(tree.find('.//title'))}"
    return f"200 page: {text_of(headings[0])}"


def outcome_of(response):
    """What a response is, in the words of the outcomes of tests/url_matrix.py."""
    status = response.status_code
    if status in (301, 302):
        said = [f"{m.level_tag}: {m.message}" for m in get_messages(response.wsgi_request)]
        return " ".join([f"{status} to {response['Location']}", *said])
    if status != 200:
        return str(status)
    content_type = response["Content-Type"]
    if content_type.startswith("text/html"):
        return page_outcome(response)
    content_of(response)  # read to its end: a served file is closed
    if response.has_header("Content-Disposition"):
        return f"200 {content_type} attachment: {attachment_name(response)}"
    return f"200 {content_type}"


def attachment_name(response):
    match = re.search(r'filename="([^"]*)"', response["Content-Disposition"])
    return match[1] if match else response["Content-Disposition"]


def client_for(records, role):
    """A client signed in as `role`, on the session made for it once for the module."""
    client = Client()
    if records.sessions[role] is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = records.sessions[role]
    return client


def served_by(url):
    """The key of the pattern that serves `url`."""
    match = resolve(url.split("?")[0])
    return next(key for key, (_route, p) in PATTERNS.items() if p.callback is match.func)


WROTE = " (wrote rows)"


def written_rows():
    """How many rows each table holds, but the sessions (a logout deletes its own)."""
    counts = row_counts()
    del counts["sessions.Session"]
    return counts


def outcomes(records, key, method):
    """What each role gets from the pattern of `key`, and what its row says it gets.

    Each role's request is rolled back after it, so that what a POST does is not what the
    next role sees. A POST writes rows only when the row's outcome says it did something
    (a success message): a refused one writes nothing."""
    row = MATRIX[key]
    url = url_of(key, row, records)
    expected = row.get if method == "get" else row.post
    got, wanted = {}, {}
    for role in ROLES:
        if isinstance(expected[role], Shadowed):
            got[role] = f"served by {served_by(url)}"
            wanted[role] = expected[role].expected(records, url)
            continue
        with transaction.atomic():
            client = client_for(records, role)
            if method == "get":
                got[role] = outcome_of(client.get(url))
                wanted[role] = expected[role].expected(records, url)
            else:
                before = written_rows()
                got[role] = outcome_of(client.post(url, row.data))
                got[role] += WROTE if written_rows() != before else ""
                wanted[role] = expected[role].expected(records, url)
                wanted[role] += WROTE if writes(expected[role]) else ""
            transaction.set_rollback(True)
    return got, wanted


def differences(key, got, wanted):
    """Each role that did not get what the row says, for the failure's message."""
    return "\n".join(
        f"{key}: {role} got {got[role]!r}, expected {wanted[role]!r}"
        for role in ROLES
        if got[role] != wanted[role]
    )


def test_every_pattern_has_its_row_and_every_row_its_pattern():
    missing = [f"{key}  (route {PATTERNS[key][0]!r})" for key in PATTERNS if key not in MATRIX]
    gone = [key for key in MATRIX if key not in PATTERNS]

    assert (missing, gone) == ([], []), (
        "URL patterns without their row in MATRIX of tests/url_matrix.py (add what each "
        "of the five roles gets):\n  "
        + "\n  ".join(missing or ["(none)"])
        + "\nRows of tests/url_matrix.py whose pattern is gone:\n  "
        + "\n  ".join(gone or ["(none)"])
    )


def test_every_model_of_the_admin_has_what_the_secretariat_may_do_written():
    registered = sorted(model._meta.label_lower for model in admin.site._registry)

    assert sorted([*ADMIN_MODELS, *SUPERUSER_ONLY]) == registered, (
        "ADMIN_MODELS of tests/url_matrix.py and the models registered in the admin differ"
    )


@pytest.mark.parametrize("key", [key for key in MATRIX if key in PATTERNS])
def test_get(matrix, key):
    got, wanted = outcomes(matrix, key, "get")

    assert got == wanted, differences(key, got, wanted)


@pytest.mark.parametrize(
    "key", [key for key, row in MATRIX.items() if row.post is not None and key in PATTERNS]
)
def test_post(matrix, key):
    got, wanted = outcomes(matrix, key, "post")

    assert got == wanted, differences(key, got, wanted)
