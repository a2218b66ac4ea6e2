"""The benchmark's pages (bench/scale.py): which it finds in the records, that each one
answers, the ceiling page of bench.settings and how two runs are compared. Not their speed:
the script measures it."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from bench import report, scale, servers
from contributions.enums import AmendmentKind, ContributionKind, Language
from tests import factories


@pytest.mark.django_db
def test_the_ceiling_is_a_table_without_a_query_only_in_the_bench_urls(client):
    with override_settings(ROOT_URLCONF="bench.urls"), CaptureQueriesContext(connection) as run:
        response = client.get(reverse("bench_ceiling"))
    assert (response.status_code, len(run)) == (200, 0)
    assert response.content.decode().count("<tr>") == 51
    # On the site, "bench" would be a group's slug: there is no such group.
    assert client.get("/bench/ceiling/").status_code == 404


@pytest.fixture
def register(meeting):
    """Three documents of one organization at meeting 1, one of them revised, one with a
    French version, and a document of another organization at an earlier meeting."""
    russia = factories.OrganizationFactory(name="Russian Federation")
    delegate = factories.DelegateFactory(username="delegate-ru", organization=russia)
    other = factories.DelegateFactory(username="delegate-br")
    secretariat = factories.SecretariatUserFactory(username="secretariat")
    earlier = factories.MeetingFactory(group=meeting.group, start_date=meeting.start_date)
    factories.publish_document(earlier, delegate=other, secretariat=secretariat, title="Other")
    publish = {"delegate": delegate, "secretariat": secretariat}
    base = factories.publish_document(meeting, title="Proposal on numbering", **publish)
    factories.publish_document(
        meeting,
        title="Statement on roaming",
        extra_files=[(Language.FRENCH, factories.docx_upload("fr.docx"))],
        **publish,
    )
    revision = factories.publish_document(
        meeting,
        title="Revised proposal on numbering",
        base=base,
        amendment_kind=AmendmentKind.REVISION,
        **publish,
    )
    return {"meeting": meeting, "revision": revision, "russia": russia}


def test_pages_are_found_in_the_records_and_answer(register):
    meeting, revision = register["meeting"], register["revision"]
    pages = scale.discover_pages()
    sessions = scale.sign_in(pages)
    scale.measure_in_process(pages, repeats=1)

    documents = "/eg-itrs/documents/"
    assert [(page.name, page.path) for page in pages[:-1]] == [
        ("documents list, page 1", documents),
        ("documents list, page 1 of 1", f"{documents}?page=1"),
        (f"filter meeting={meeting.ordinal}", f"{documents}?meeting={meeting.pk}"),
        (f"filter kind={ContributionKind.CONTRIBUTION}", f"{documents}?kind=contribution"),
        (f"filter source={register['russia'].pk}", f"{documents}?source={register['russia'].pk}"),
        ("filter language=fr", f"{documents}?language=fr"),
        ("filter q=numbering", f"{documents}?q=numbering"),
        (f"document page {revision.register_number}", revision.get_absolute_url()),
        (
            f"meeting page {meeting.ordinal} (3 documents)",
            f"/eg-itrs/meetings/{meeting.ordinal}/",
        ),
        ("feed", f"{documents}feed/"),
        ("home", "/"),
        ("My documents (Russian Federation)", "/my/documents/"),
        ("desk", "/desk/"),
        ("admin contributions", "/admin/contributions/contribution/"),
    ]
    assert [page.user and page.user.username for page in pages[-4:-1]] == [
        "delegate-ru",
        "secretariat",
        "secretariat",
    ]
    assert pages[-1].path == "/search/?q=numbering"
    measured = [page for page in pages if page.path]
    assert [page.result["status"] for page in measured] == [200] * len(measured)
    assert all(page.result["queries"] > 0 for page in measured)
    # Warm, a list reads neither its count per meeting nor its source choices again.
    results = {page.name: page.result for page in measured}
    for name in ("documents list, page 1", "filter language=fr"):
        assert results[name]["warm_queries"] == results[name]["queries"] - 2
    assert results["feed"]["warm_queries"] == results["feed"]["queries"]
    assert len(sessions) == 2


def run(label, documents, sql_ms, warm_sql_ms, rps=None):
    page = {"sql_ms": sql_ms, "warm_sql_ms": warm_sql_ms, "rps": rps}
    if rps is not None:
        page["share"] = 0.5
    return {
        "label": label,
        "documents": documents,
        "pages": [{"key": "list", "name": "documents list", "path": "/", "result": page}],
    }


def test_two_runs_are_compared_cold_and_warm(tmp_path, capsys):
    first, second = tmp_path / "1k.json", tmp_path / "1m.json"
    first.write_text(json.dumps(run("1k", 1000, 4.0, 2.0)))
    second.write_text(json.dumps(run("1m", 1_000_000, 10.0, 3.0, rps=450.0)))

    report.compare(first, second)

    assert capsys.readouterr().out.splitlines()[-1] == (
        "| documents list | 4.0 → 10.0 | 2.5× | 2.0 → 3.0 | 1.5× | n/a → 450.0 | 50.0% |"
    )


WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8150/eg-itrs/documents/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   366.30ms   50.12ms 458.90ms   70.00%
    Req/Sec     5.20      2.10    10.00     80.00%
  Latency Distribution
     50%  366.30ms
     75%  400.00ms
     90%  430.00ms
     99%    1.20s
  51 requests in 5.02s, 0.91MB read
  Non-2xx or 3xx responses: 2
Requests/sec:     10.15
Transfer/sec:    185.24KB
"""


def test_wrk_output_is_read():
    assert servers.parse_wrk(WRK_OUTPUT) == {
        "rps": 10.15,
        "p50_ms": 366.3,
        "p99_ms": 1200.0,
        "requests": 51,
        "non_2xx": 2,
        "socket_errors": "",
    }
