"""Measure every main page of the site against the ceiling, a bare Django page.

    .venv/bin/python bench/scale.py [--requests 10000] [--duration 5] [--label 100k]
                                    [--json out.json] [--port 8150] [--repeats 5]
                                    [--memory-seconds 900] [--in-process]
    .venv/bin/python bench/scale.py --compare 1k.json 100k.json

Runs against the database DATABASE_URL names (SQLite without it), with the site's
settings as production reads them (bench.settings: DEBUG off, the same middleware) plus
the ceiling's page, `/bench/ceiling/`, a 50-row table from memory. The pages are found in
the records: the group with most documents, its documents list and each of its filters,
a revised document, its biggest meeting, the feed, the home page, "My documents" of a
delegate of the organization with most documents, the desk, the admin's list of
contributions and the search page.

1. In-process (Django's test client): each page's query count, SQL time and total time,
   the median of --repeats requests (5) after one to warm up.
2. Under load: gunicorn (2 sync workers, loopback) and `wrk -t2 -c4` for --duration
   seconds on each page, alternating with the ceiling; a page's share is its req/s over
   the mean of the ceiling runs on either side of it.
3. Memory: each worker's resident memory before and after --requests requests cycling
   through the pages.

Prints Markdown tables (and writes them to --json). Signed-in pages use sessions made for
the run and deleted after it: nothing else is written to the database.
"""

import argparse
import contextlib
import dataclasses
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this folder is first on the path, not the project that holds it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import NOT_AVAILABLE, compare, rss_line, table  # noqa: E402
from bench.servers import (  # noqa: E402
    CEILING_PATH,
    get,
    gunicorn,
    mixed_requests,
    rss_mb,
    server_environment,
    worker_pids,
    wrk,
)

REPEATS = 5
NO_SECRETARIAT = "no secretariat account with an authenticator"


@dataclasses.dataclass
class Page:
    """A page to measure: `key` names it across registers (for --compare), `name` with
    the register's figures; `path` None when the records have nothing to show there (`note`
    says why); `user` the one who asks (None: anonymous); `session` their cookie."""

    key: str
    name: str
    path: str | None
    user: object = None
    note: str = ""
    session: str = ""
    result: dict = dataclasses.field(default_factory=dict)

    @property
    def cookie(self):
        from django.conf import settings

        return f"{settings.SESSION_COOKIE_NAME}={self.session}" if self.session else ""


# What the pages are, from the records ------------------------------------------------


def discover_pages():
    """The pages of the benchmark, as found in the records (see the module's docstring)."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count
    from django.urls import reverse

    from contributions.enums import AmendmentKind, ContributionStatus
    from contributions.models import ContributionFile, Source
    from contributions.policies import contribution_policy
    from contributions.views.public import DOCUMENTS_PER_PAGE
    from meetings.models import ExpertGroup, Meeting

    anonymous = AnonymousUser()
    public = contribution_policy.visible_to(anonymous).registered()
    busiest = (
        public.values("meeting__group")
        .annotate(n=Count("pk"))
        .order_by("-n", "meeting__group")
        .first()
    )
    if busiest is None:
        raise SystemExit("No published document in the database: load or generate a register.")
    group = ExpertGroup.objects.get(pk=busiest["meeting__group"])
    documents = public.filter(meeting__group=group)
    listed = documents.latest_versions(anonymous).count()
    list_url = reverse("contributions:document_list", args=[group.slug])

    meeting = Meeting.objects.get(
        pk=documents.values("meeting")
        .annotate(n=Count("pk"))
        .order_by("-n", "meeting")[0]["meeting"]
    )
    kind = documents.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")[0]["kind"]
    source = (
        Source.objects.confirmed()
        .filter(contribution__in=documents)
        .values_list("organization", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .first()
    )
    languages = list(
        ContributionFile.objects.filter(contribution__in=documents)
        .values_list("language", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "language")
    )
    # A translation (the second language) filters more than the one nearly every document
    # has.
    language = (languages[1:] or languages or [""])[0]
    word = title_word(documents.order_by("-published_at", "-pk").first().title)
    revised = (
        documents.filter(
            amendment_kind=AmendmentKind.REVISION, status=ContributionStatus.PUBLISHED
        )
        .select_related("meeting__group")
        .order_by("-amendment_ordinal", "-pk")
        .first()
    )
    delegate, organization = delegate_of_busiest_organization()
    secretariat = secretariat_user()

    deep = max(1, pages_of(listed, DOCUMENTS_PER_PAGE) // 2)
    meeting_documents = documents.filter(meeting=meeting).count()
    return [
        Page("list", "documents list, page 1", list_url),
        Page(
            "deep page",
            f"documents list, page {deep} of {pages_of(listed, DOCUMENTS_PER_PAGE)}",
            f"{list_url}?page={deep}",
        ),
        Page(
            "meeting filter",
            f"filter meeting={meeting.ordinal}",
            f"{list_url}?meeting={meeting.pk}",
        ),
        Page("kind filter", f"filter kind={kind}", f"{list_url}?kind={kind}"),
        Page("source filter", f"filter source={source}", f"{list_url}?source={source}")
        if source
        else missing("source filter", "no confirmed source"),
        Page("language filter", f"filter language={language}", f"{list_url}?language={language}")
        if language
        else missing("language filter", "no file"),
        Page("q filter", f"filter q={word}", f"{list_url}?q={word}"),
        Page("document", f"document page {revised.register_number}", revised.get_absolute_url())
        if revised
        else missing("document", "no published revision"),
        Page(
            "meeting",
            f"meeting page {meeting.ordinal} ({meeting_documents} documents)",
            reverse("proceedings:meeting_detail", args=[group.slug, meeting.ordinal]),
        ),
        Page("feed", "feed", reverse("contributions:document_feed", args=[group.slug])),
        Page("home", "home", reverse("home")),
        Page("mine", f"My documents ({organization})", reverse("contributions:mine"), delegate)
        if delegate
        else missing("mine", "no active delegate"),
        Page("desk", "desk", reverse("contributions:desk"), secretariat)
        if secretariat
        else missing("desk", NO_SECRETARIAT),
        Page(
            "admin",
            "admin contributions",
            reverse("admin:contributions_contribution_changelist"),
            secretariat,
        )
        if secretariat
        else missing("admin", NO_SECRETARIAT),
        search_page(word),
    ]


def missing(key, note):
    return Page(key, key, None, note=note)


def pages_of(count, per_page):
    return max(1, -(-count // per_page))


def title_word(title):
    """The longest word of a real title: a word the search should find in several."""
    words = re.findall(r"[^\W\d_]{4,}", title)
    return max(words, key=len) if words else title.split()[0]


def delegate_of_busiest_organization():
    """An active delegate of the organization that is a source of most documents."""
    from django.db.models import Count

    from contributions.models import Source
    from members.models import Membership, Organization

    busiest = (
        Source.objects.values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .values_list("organization", flat=True)[:20]
    )
    for organization_id in busiest:
        membership = (
            Membership.objects.active()
            .filter(organization_id=organization_id, user__is_active=True, user__is_staff=False)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return membership.user, Organization.objects.get(pk=organization_id).name
    return None, ""


def secretariat_user():
    """An active member of the secretariat with an authenticator (the desk asks for it)."""
    from django.contrib.auth import get_user_model

    from members.rules import SECRETARIAT_GROUP

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=True,
            groups__name=SECRETARIAT_GROUP,
            totpdevice__confirmed=True,
        )
        .order_by("is_superuser", "pk")
        .first()
    )


def search_page(word):
    return Page("search", f"search q={word}", f"/search/?q={word}")


def sign_in(pages):
    """Give each page of a signed-in user a session, as the sign-in leaves it: the password
    and, for an account with an authenticator, its code passed. Returns the sessions."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    sessions = {}
    for page in pages:
        if page.user is None or page.path is None:
            continue
        if page.user.pk not in sessions:
            session = SessionStore()
            session[SESSION_KEY] = str(page.user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = page.user.get_session_auth_hash()
            device = TOTPDevice.objects.filter(user=page.user, confirmed=True).first()
            if device is not None:
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.create()
            sessions[page.user.pk] = session
        page.session = sessions[page.user.pk].session_key
    return list(sessions.values())


# In-process ---------------------------------------------------------------------------


class QueryTimer:
    """Counts the queries run and the time spent in them (a database execute wrapper)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def measure_in_process(pages, repeats=REPEATS):
    """Each available page's status, queries, SQL ms and total ms (medians of `repeats`
    requests after one to warm up), in `page.result`: the page's own work, so without
    the cache of public pages, which would answer all but the first request. Measured
    cold, every count and choice read (KEPT_ROWS_SECONDS off), and warm (`warm_queries`,
    `warm_sql_ms`), as the next reader of the same generation of the records finds it."""
    from django.conf import settings
    from django.test import Client

    client = Client(raise_request_exception=False)
    for page in pages:
        if page.path is None:
            continue
        client.cookies.clear()
        if page.session:
            client.cookies[settings.SESSION_COOKIE_NAME] = page.session
        cold = _requests(client, page.path, repeats, kept_rows_seconds=0)
        warm = _requests(client, page.path, repeats, kept_rows_seconds=60)
        statuses = cold["statuses"] + warm["statuses"]
        page.result.update(
            status=statuses[-1] if len(set(statuses)) == 1 else statuses,
            queries=cold["queries"],
            sql_ms=cold["sql_ms"],
            total_ms=cold["total_ms"],
            warm_queries=warm["queries"],
            warm_sql_ms=warm["sql_ms"],
        )


def _requests(client, path, repeats, kept_rows_seconds):
    """The medians of `repeats` requests of `path`, after one that warms up: caches, the
    connection, the templates' compilation, and the kept rows when they are kept."""
    from django.db import connection
    from django.test import override_settings

    statuses, queries, sql, total = [], [], [], []
    for _ in range(1 + repeats):
        timer = QueryTimer()
        started = time.perf_counter()
        with (
            override_settings(PUBLIC_PAGE_SECONDS=0, KEPT_ROWS_SECONDS=kept_rows_seconds),
            connection.execute_wrapper(timer),
        ):
            response = client.get(path)
        total.append(time.perf_counter() - started)
        statuses.append(response.status_code)
        queries.append(timer.count)
        sql.append(timer.seconds)
    return {
        "statuses": statuses,
        "queries": statistics.median(queries[1:]),
        "sql_ms": statistics.median(sql[1:]) * 1000,
        "total_ms": statistics.median(total[1:]) * 1000,
    }


# Under load ---------------------------------------------------------------------------


def check_statuses(port, pages):
    """Every page answers 200 through gunicorn, or the run stops here."""
    failed = []
    for page in [Page("ceiling", "ceiling", CEILING_PATH), *pages]:
        if page.path is None:
            continue
        status, size = get(port, page.path, page.cookie)
        print(f"  {status} {size:>9} bytes  {page.path}")
        if status != 200:
            failed.append(f"{page.path}: {status}")
    if failed:
        raise SystemExit("Pages that do not answer 200 through gunicorn: " + ", ".join(failed))


def measure_under_load(port, pages, duration):
    """wrk on the ceiling and each page in turn; returns the ceiling's runs."""
    ceilings = [wrk(port, CEILING_PATH, duration)]
    for page in pages:
        if page.path is None:
            continue
        page.result.update(wrk(port, page.path, duration, page.cookie))
        ceilings.append(wrk(port, CEILING_PATH, duration))
        around = statistics.mean(run["rps"] for run in ceilings[-2:])
        page.result["share"] = page.result["rps"] / around if around else 0.0
        print(
            f"  {page.result['rps']:9.1f} req/s ({page.result['share']:.1%} of"
            f" {around:.0f})  {page.name}",
            flush=True,
        )
    return ceilings


# Output -------------------------------------------------------------------------------


# The run ------------------------------------------------------------------------------


def measure_server(arguments, pages, environment, ceiling):
    """The load runs and the memory of gunicorn's workers; fills `page.result` and returns
    the workers' resident memory before and after the mixed requests."""
    if not shutil.which("wrk") and not Path("/usr/bin/wrk").exists():
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with contextlib.suppress(OSError):
        get(arguments.port, "/", timeout=2)
        raise SystemExit(f"Something already answers on 127.0.0.1:{arguments.port}: --port.")
    with (
        tempfile.NamedTemporaryFile(
            "w", prefix="bench-gunicorn-", suffix=".log", delete=False
        ) as log,
        gunicorn(arguments.port, environment, log) as server,
    ):
        print(f"\ngunicorn {server.pid} on 127.0.0.1:{arguments.port} (log {log.name}):")
        check_statuses(arguments.port, pages)
        print(f"\nwrk -t2 -c4 -d{arguments.duration}s, alternating with the ceiling:")
        ceilings = measure_under_load(arguments.port, pages, arguments.duration)
        ceiling.result.update(
            rps=statistics.mean(run["rps"] for run in ceilings),
            p50_ms=statistics.median(run["p50_ms"] for run in ceilings),
            p99_ms=statistics.median(run["p99_ms"] for run in ceilings),
            share=1.0,
            runs=[run["rps"] for run in ceilings],
        )
        rss = {"before": [rss_mb(pid) for pid in worker_pids(server.pid)]}
        print(f"\n{arguments.requests} mixed requests ...", flush=True)
        started = time.monotonic()
        rss.update(
            mixed_requests(
                arguments.port,
                [(page.path, page.cookie) for page in pages if page.path],
                arguments.requests,
                arguments.memory_seconds,
            )
        )
        rss["seconds"] = time.monotonic() - started
        # A worker gunicorn replaced meanwhile (one that timed out) is a new process.
        rss["after"] = [rss_mb(pid) for pid in worker_pids(server.pid)]
    os.unlink(log.name)
    return rss


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="mixed requests (memory)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    parser.add_argument(
        "--repeats", type=int, default=REPEATS, help="in-process requests a page, after one"
    )
    parser.add_argument("--label", default="", help="name of the run, e.g. 100k")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--port", type=int, default=8150, help="gunicorn's port (loopback)")
    parser.add_argument(
        "--memory-seconds", type=int, default=900, help="time limit of the mixed requests"
    )
    parser.add_argument("--in-process", action="store_true", help="skip gunicorn and wrk")
    parser.add_argument("--compare", nargs=2, metavar="JSON", help="compare two runs")
    arguments = parser.parse_args(argv)
    if arguments.compare:
        compare(*arguments.compare)
        return

    environment = server_environment()
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from contributions.models import Contribution

    # As a deployment does: whitenoise's manifest of the static files, which DEBUG off needs.
    print(f"Collecting static files into {settings.STATIC_ROOT} ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)

    pages = discover_pages()
    documents = Contribution.objects.registered().count()
    database = settings.DATABASES["default"]
    load = os.getloadavg()[0]
    print(
        f"\n{arguments.label or 'run'}: {documents} registered documents,"
        f" {connection.vendor} {database['NAME']}, CONN_MAX_AGE={database['CONN_MAX_AGE']},"
        f" load average {load:.1f} on {os.cpu_count()} CPUs\n"
    )
    sessions = sign_in(pages)
    started = time.monotonic()
    rss = {}
    ceiling = Page("ceiling", "ceiling", CEILING_PATH)
    try:
        print("In-process (queries, SQL ms, total ms; warm: queries, SQL ms):", flush=True)
        measure_in_process([ceiling, *pages], arguments.repeats)
        for page in [ceiling, *pages]:
            if page.path is None:
                print(f"  {NOT_AVAILABLE:>30}  {page.name} ({page.note})")
                continue
            result = page.result
            print(
                f"  {result['status']} {result['queries']:4.0f} {result['sql_ms']:9.1f}"
                f" {result['total_ms']:9.1f} {result['warm_queries']:4.0f}"
                f" {result['warm_sql_ms']:9.1f}  {page.name}"
            )
            if result["status"] != 200:
                raise SystemExit(f"{page.path} answers {result['status']} in-process.")
        if not arguments.in_process:
            rss = measure_server(arguments, pages, environment, ceiling)
    finally:
        for session in sessions:
            session.delete()

    rows = [
        {
            "name": page.name,
            "key": page.key,
            "path": page.path,
            "note": page.note,
            "user": page.user.get_username() if page.user else "",
            "result": page.result,
        }
        for page in [ceiling, *pages]
    ]
    print()
    print(table(rows))
    if line := rss_line(rss):
        print()
        print(line)
    faults = [
        f"{row['name']}: {row['result']['non_2xx']} answers not 2xx/3xx"
        for row in rows
        if row["result"].get("non_2xx")
    ]
    if faults:
        print("\nUnder load, " + "; ".join(faults) + ".")
    print(f"\n({time.monotonic() - started:.0f} s)")
    if arguments.json:
        Path(arguments.json).write_text(
            json.dumps(
                {
                    "label": arguments.label,
                    "documents": documents,
                    "database": connection.vendor,
                    "conn_max_age": database["CONN_MAX_AGE"],
                    "duration": arguments.duration,
                    "load_average": load,
                    "pages": rows,
                    "rss": rss,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
