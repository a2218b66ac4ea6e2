"""Time the admin's import of the register's spreadsheet: the dry run, then the confirm.

    .venv/bin/python bench/import.py [--rows 10000] [--kind update|new|both]
                                     [--file documents.csv] [--queries 12] [--keep]

Runs against the database DATABASE_URL names (SQLite without it), with the site's
settings as production reads them (bench.settings: DEBUG off, the same middleware, the
search index queued in the database as `TASKS_BACKEND=database` does). A member of the
secretariat with an authenticator, signed in as the site's sign-in leaves them (password
and code), posts the file to the admin's import page, as the form's "Submit" does, then
the confirm form that page shows, as "Confirm import" does: the whole request each time,
the preview page rendered.

The file is --file (CSV or XLSX), or one made from the records (--kind, both by default):
`update`, the first --rows documents exported by the admin's resource with every title
changed, as the secretariat edits a meeting's list; `new`, --rows new drafts of the
register's meetings, each with one to three sources.

Prints a Markdown table: rows, seconds, rows/s, the CPU seconds of this process and of
PostgreSQL's server process for its connection (when it runs on this machine: on a busy
machine, their sum is what the step would take alone), queries and queries per row of
each dry run and confirm, and with --queries the statements run most often. Everything the run
writes (the drafts, the edits, the history, the queued indexing, the session) is rolled
back at the end unless --keep is given.
"""

import argparse
import collections
import contextlib
import dataclasses
import html
import os
import re
import sys
import time
from pathlib import Path

# Run as a script, this folder is first on the path, not the project that holds it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import server_environment  # noqa: E402

KINDS = ("update", "new")
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
# What makes two statements the same for --queries: their text without the values.
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b|\"s\d+_x\d+\"")
EDITED = " (edited)"


class QueryLog:
    """Counts the statements run, and how often each shape of statement ran."""

    def __init__(self):
        self.count = 0
        self.shapes = collections.Counter()

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        self.shapes[LITERALS.sub("?", sql)] += 1
        return execute(sql, params, many, context)


# The files ----------------------------------------------------------------------------


def update_file(rows):
    """The first `rows` documents as the admin exports them, every title edited."""
    from import_export.formats.base_formats import CSV

    from contributions.models import Contribution
    from contributions.resources import ContributionResource

    resource = ContributionResource()
    queryset = resource.get_queryset().order_by("pk")[:rows]
    dataset = resource.export(queryset)
    dataset.dict = [{**row, "title": row["title"] + EDITED} for row in dataset.dict]
    if dataset.height < rows:
        print(
            f"(the register has {Contribution.objects.count()} documents: {dataset.height} rows)"
        )
    return CSV().export_data(dataset).encode()


def new_file(rows):
    """`rows` new drafts, spread over the register's meetings and organizations."""
    import tablib
    from import_export.formats.base_formats import CSV

    from contributions.resources import SOURCE_SEPARATOR, MeetingWidget
    from meetings.models import Meeting
    from members.models import Organization

    meetings = [
        MeetingWidget().render(meeting)
        for meeting in Meeting.objects.select_related("group").order_by("pk")
    ]
    names = list(Organization.objects.order_by("pk").values_list("name", flat=True)[:200])
    if not meetings or not names:
        raise SystemExit("No meeting or organization in the database: generate a register.")
    headers = ["id", "meeting", "title", "abstract", "kind", "original_language"]
    dataset = tablib.Dataset(headers=[*headers, "access_level", "sources"])
    for number in range(rows):
        sources = [names[(number + offset * 7) % len(names)] for offset in range(number % 3 + 1)]
        dataset.append(
            [
                "",
                meetings[number % len(meetings)],
                f"Imported proposal {number + 1}",
                "What the imported contribution proposes.",
                "contribution",
                "en",
                "public",
                SOURCE_SEPARATOR.join(dict.fromkeys(sources)),
            ]
        )
    return CSV().export_data(dataset).encode()


# The import, as the secretariat does it ------------------------------------------------


def signed_in_client():
    """The test client of a secretariat member with an authenticator, both steps passed."""
    from bench.scale import NO_SECRETARIAT, secretariat_user
    from tests.two_factor import Client

    user = secretariat_user()
    if user is None:
        raise SystemExit(f"No {NO_SECRETARIAT}: generate a register.")
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client, user


@dataclasses.dataclass
class Step:
    """One request of the import: its seconds, the CPU seconds of this process and of
    the database's server process for this connection (None when it is not on this
    machine), its queries and the size of the page it answered."""

    seconds: float
    cpu: float
    database_cpu: float | None
    log: QueryLog
    page_size: int = 0


def database_process():
    """The /proc file of the PostgreSQL process serving this connection, if it is here."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    return stat if stat.exists() else None


def cpu_seconds(stat):
    """User and system CPU seconds of the process whose /proc stat file this is."""
    if stat is None:
        return None
    fields = stat.read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_post(client, path, data):
    """The answer to a POST of `data` to `path`, and its Step."""
    from django.db import connection

    stat = database_process()
    log = QueryLog()
    started, cpu, database_cpu = time.perf_counter(), time.process_time(), cpu_seconds(stat)
    with connection.execute_wrapper(log):
        response = client.post(path, data)
    after = cpu_seconds(stat)
    step = Step(
        seconds=time.perf_counter() - started,
        cpu=time.process_time() - cpu,
        database_cpu=None if after is None else after - database_cpu,
        log=log,
    )
    return response, step


def import_through_admin(client, name, content):
    """Post `content` to the import page, then confirm: the two Steps."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    format_index = "1" if name.endswith(".xlsx") else "0"
    upload = SimpleUploadedFile(name, content)
    preview, dry_run = timed_post(
        client,
        reverse("admin:contributions_contribution_import"),
        {"format": format_index, "resource": "0", "import_file": upload},
    )
    page = preview.content.decode()
    dry_run.page_size = len(preview.content)
    confirm = dict(HIDDEN_INPUT.findall(page))
    if preview.status_code != 200 or "import_file_name" not in confirm:
        raise SystemExit(
            f"The dry run shows no confirm form ({preview.status_code}):\n{errors(page)}"
        )
    confirm = {key: html.unescape(value) for key, value in confirm.items()}
    done, confirmed = timed_post(
        client, reverse("admin:contributions_contribution_process_import"), confirm
    )
    if done.status_code != 302:
        raise SystemExit(f"The confirm answered {done.status_code}, not a redirect.")
    return dry_run, confirmed


def errors(page):
    """The errors a preview page shows, as text."""
    found = re.findall(r'<(?:li|div) class="(?:errorlist|import-error[^"]*)">(.*?)</', page)
    text = "\n".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).strip() for item in found)
    return text or page[:2000]


# Output -------------------------------------------------------------------------------


STEPS = ("dry run", "confirm")


def table(results):
    lines = [
        "| file | step | rows | seconds | rows/s | CPU s here | CPU s database | queries"
        " | queries/row | page KB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, rows, steps in results:
        for name, step in zip(STEPS, steps, strict=True):
            database = "" if step.database_cpu is None else f"{step.database_cpu:.1f}"
            page = f"{step.page_size / 1024:.0f}" if step.page_size else ""
            lines.append(
                f"| {kind} | {name} | {rows} | {step.seconds:.1f} | {rows / step.seconds:.0f}"
                f" | {step.cpu:.1f} | {database} | {step.log.count}"
                f" | {step.log.count / rows:.2f} | {page} |"
            )
    return "\n".join(lines)


def most_run(results, limit):
    lines = []
    for kind, rows, steps in results:
        for name, step in zip(STEPS, steps, strict=True):
            lines.append(f"\n{kind}, {name}: the statements run most often (per row)")
            for shape, count in step.log.shapes.most_common(limit):
                lines.append(f"  {count / rows:6.2f}  {shape[:150]}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--kind", choices=[*KINDS, "both"], default="both")
    parser.add_argument("--file", type=Path, help="import this CSV or XLSX file instead")
    parser.add_argument("--queries", type=int, default=0, help="list the N most run statements")
    parser.add_argument("--keep", action="store_true", help="commit what the imports write")
    arguments = parser.parse_args(argv)

    environment = server_environment()
    # As in production: the search index of the edited documents is queued, not written
    # in the request.
    environment.setdefault("TASKS_BACKEND", "database")
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    # As a deployment does: whitenoise's manifest of the static files, which DEBUG off needs.
    call_command("collectstatic", interactive=False, verbosity=0)
    database = settings.DATABASES["default"]
    print(
        f"{connection.vendor} {database['NAME']}, tasks {settings.TASKS_BACKEND},"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    results = []
    with transaction.atomic():
        client, _user = signed_in_client()
        if arguments.file:
            files = [(arguments.file.name, arguments.file.read_bytes())]
        else:
            kinds = KINDS if arguments.kind == "both" else [arguments.kind]
            makers = {"update": update_file, "new": new_file}
            files = [(f"{kind}.csv", makers[kind](arguments.rows)) for kind in kinds]
        for name, content in files:
            rows = count_rows(name, content)
            print(f"{name}: {rows} rows, {len(content) / 2**20:.1f} MB ...", flush=True)
            with transaction.atomic():
                steps = import_through_admin(client, name, content)
                transaction.set_rollback(not arguments.keep)
            results.append((Path(name).stem, rows, steps))
            for step_name, step in zip(STEPS, steps, strict=True):
                print(f"  {step_name}: {step.seconds:.1f} s, {step.log.count} queries", flush=True)
        transaction.set_rollback(not arguments.keep)
    print()
    print(table(results))
    if arguments.queries:
        print(most_run(results, arguments.queries))


def count_rows(name, content):
    from import_export.formats.base_formats import CSV, XLSX

    file_format = XLSX() if name.endswith(".xlsx") else CSV()
    data = content if file_format.is_binary() else content.decode("utf-8-sig")
    with contextlib.suppress(Exception):
        return len(file_format.create_dataset(data))
    raise SystemExit(f"{name} is not a CSV or XLSX file the import reads.")


if __name__ == "__main__":
    main()
