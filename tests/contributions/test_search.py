"""Searching the register: words inside the files in every language, ranked, with the
passage they were found in, within what the reader may read; on SQLite and PostgreSQL."""

import functools
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from weasyprint import HTML

from contributions import services
from contributions.enums import ContributionKind, Language
from contributions.files import DOCX, PDF, XLSX
from contributions.models import SearchEntry
from egitrs import page_cache
from egitrs.sample_documents import docx_bytes, pdf_bytes
from meetings.enums import AccessLevel
from tests import factories
from tests.contributions.test_public_views import list_url
from tests.factories import publish_document
from tests.roles import ROLES, get_as

SEARCH = reverse("contributions:search")


def upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def xlsx_bytes(*rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@functools.cache
def cyrillic_pdf_bytes():
    """A PDF whose text is Russian: written by WeasyPrint with a font that has Cyrillic."""
    html = "<p>Проект резолюции о регулировании международной электросвязи.</p>"
    return HTML(string=html).write_pdf()


@pytest.fixture
def publish(meeting, author, secretariat, django_capture_on_commit_callbacks):
    """Publish a document in `meeting` (or `in_meeting`), committed: the index is written
    once the publication commits."""

    def publish(title, file=None, in_meeting=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_document(
                in_meeting or meeting,
                delegate=author,
                secretariat=secretariat,
                title=title,
                upload=file,
                **fields,
            )

    return publish


@pytest.fixture
def library(publish):
    """Four documents whose words are only inside their files, in French and Russian."""
    return {
        "docx": publish(
            "Proposition A",
            upload(
                "a.docx",
                docx_bytes("Proposition", ["Les tarifs d'interconnexion entre opérateurs."]),
                DOCX,
            ),
            language=Language.FRENCH,
        ),
        "pdf": publish(
            "Proposition B",
            upload("b.pdf", pdf_bytes("Proposition", ["La coopération des régulateurs."]), PDF),
            language=Language.FRENCH,
        ),
        "xlsx": publish(
            "Таблица",
            upload("c.xlsx", xlsx_bytes(["Страна", "Тарифы роуминга"], ["Кения", 12]), XLSX),
            language=Language.RUSSIAN,
        ),
        "ru-pdf": publish(
            "Проект",
            upload("d.pdf", cyrillic_pdf_bytes(), PDF),
            language=Language.RUSSIAN,
        ),
    }


def found(response):
    return [document.title for document in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("word", "key", "title", "marked"),
    [
        ("interconnexion", "docx", "Proposition A", "interconnexion"),
        ("coopération", "pdf", "Proposition B", "coopération"),
        ("роуминга", "xlsx", "Таблица", "роуминга"),
        ("электросвязи", "ru-pdf", "Проект", "электросвязи"),
    ],
)
def test_a_word_inside_a_file_finds_its_document_and_is_marked(
    client, library, word, key, title, marked
):
    response = client.get(SEARCH, {"q": word})

    assert found(response) == [title]
    [document] = response.context["page_obj"]
    assert f"<mark>{marked}</mark>" in document.passage
    assert f"<mark>{marked}</mark>" in response.content.decode()


def test_the_text_read_from_a_file_is_kept_with_it(library):
    file = library["xlsx"].files.get()

    assert file.text == "Страна Тарифы роуминга Кения"


def test_a_title_ranks_above_a_passage_of_the_text(client, publish):
    publish("Notes", upload("n.docx", docx_bytes("Notes", ["Roaming between borders."]), DOCX))
    publish("Roaming charges")

    response = client.get(SEARCH, {"q": "roaming"})

    assert found(response) == ["Roaming charges", "Notes"]
    # Each passage is where the words are: the abstract, or the file's text.
    first, second = [document.passage for document in response.context["page_obj"]]
    assert first.startswith("About <mark>Roaming</mark> charges.")
    assert "Notes <mark>Roaming</mark> between borders" in second


def test_every_language_of_a_document_is_searched(
    client, publish, author, django_capture_on_commit_callbacks
):
    document = publish("Proposal")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_file(
            contribution=document,
            upload=upload(
                "fr.docx", docx_bytes("Proposition", ["Un règlement sur la numérotation."]), DOCX
            ),
            language=Language.FRENCH,
            by=author,
        )

    response = client.get(SEARCH, {"q": "numérotation"})

    assert found(response) == ["Proposal"]
    assert sorted(SearchEntry.objects.values_list("language", flat=True)) == ["en", "fr"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [(role, [] if role == "anonymous" else ["Members note"]) for role in ROLES],
)
def test_a_members_only_document_is_found_by_those_who_may_read_it(
    client, publish, roles, role, expected
):
    publish("Members note", access_level=AccessLevel.MEMBERS)

    response = get_as(client, roles[role], SEARCH, {"q": "members"})

    assert found(response) == expected


def test_a_superseded_version_is_left_out_unless_its_number_is_asked(client, meeting, publish):
    base = publish("Spectrum plan")
    publish("Spectrum plan, revised", base=base, amendment_kind="rev")

    assert found(client.get(SEARCH, {"q": "spectrum"})) == ["Spectrum plan, revised"]
    assert found(client.get(SEARCH, {"q": f"{meeting.ordinal}/1"})) == [
        "Spectrum plan, revised",
        "Spectrum plan",
    ]


def test_the_filters_combine_with_the_words(client, meeting, publish):
    publish("Tariffs", kind=ContributionKind.INFORMATION)
    publish("Tariffs again")
    other = factories.MeetingFactory(
        group=factories.ExpertGroupFactory(acronym="EG-B", slug="eg-b")
    )
    publish("Tariffs of B", in_meeting=other)

    assert found(client.get(SEARCH, {"q": "tariffs", "kind": "information"})) == ["Tariffs"]
    assert sorted(found(client.get(SEARCH, {"q": "tariffs", "group": other.group.pk}))) == [
        "Tariffs of B"
    ]
    assert sorted(found(client.get(SEARCH, {"q": "tariffs"}))) == [
        "Tariffs",
        "Tariffs again",
        "Tariffs of B",
    ]


def test_the_documents_list_finds_a_word_inside_a_file(client, meeting, library):
    response = client.get(list_url(meeting.group), {"q": "interconnexion"})

    assert [document.title for document in response.context["page_obj"]] == ["Proposition A"]


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "roaming OR) NEAR(", "*", "AND", "-roaming", "roaming:*", "\\' ; --"],
)
def test_operators_typed_into_the_box_are_words_not_syntax(client, publish, text):
    publish("Roaming charges")

    response = client.get(SEARCH, {"q": text})

    assert response.status_code == 200


def test_a_title_and_a_passage_are_shown_as_text_not_markup(client, publish):
    publish("<b>Roaming</b> <script>alert(1)</script>")

    html = client.get(SEARCH, {"q": "roaming"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_empty_search_page_asks_for_words(client, library):
    response = client.get(SEARCH)

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert "a register number such as 2/5" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 4])
def test_search_queries_do_not_grow_with_the_results(client, publish, rows):
    for n in range(rows):
        publish(f"Numbering plan {n}")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "numbering"})

    assert len(found(response)) == rows
    # An anonymous visitor: the count, the page of documents, their sources, their
    # passages, the groups of the group filter and the navigation's group.
    assert len(queries) == 6


def test_the_next_page_of_a_search_ranks_the_same_finds_without_finding_them_again(
    client, publish, monkeypatch, delegate_b
):
    monkeypatch.setattr("contributions.views.search.RESULTS_PER_PAGE", 2)
    for title in ("Roaming charges", "Roaming in border areas", "Roaming tariffs"):
        publish(title)
    client.force_login(delegate_b)  # signed in: never answered from the kept pages

    with CaptureQueriesContext(connection) as first:
        page_1 = client.get(SEARCH, {"q": "roaming"})
    with CaptureQueriesContext(connection) as second:
        page_2 = client.get(SEARCH, {"q": "roaming", "page": 2})

    # Every find once, over the two pages, best match first on each.
    assert [len(found(page_1)), len(found(page_2))] == [2, 1]
    assert sorted(found(page_1) + found(page_2)) == [
        "Roaming charges",
        "Roaming in border areas",
        "Roaming tariffs",
    ]
    assert len(second) == len(first) - 1
    publish("Roaming, once more")
    assert len(found(client.get(SEARCH, {"q": "roaming", "page": 2}))) == 2


def test_a_search_that_finds_more_than_it_counts_ranks_the_most_recent_and_says_so(
    client, publish, monkeypatch
):
    monkeypatch.setattr("contributions.views.search.RESULTS_COUNTED", 2)
    publish("Roaming charges")
    publish("Roaming in border areas")
    publish("Notes", upload("n.docx", docx_bytes("Notes", ["Roaming between borders."]), DOCX))

    response = client.get(SEARCH, {"q": "roaming"})

    # The two published last, the word in a title ranked above the word in a file.
    assert found(response) == ["Roaming in border areas", "Notes"]
    assert (
        "More than 2 documents found: the 2 most recently published are listed, best match"
        " first. Add words or filters to narrow the search." in response.text
    )
    monkeypatch.setattr("contributions.views.search.RESULTS_COUNTED", 3)
    page_cache.cache.clear()  # the page kept for anonymous visitors holds the first count
    response = client.get(SEARCH, {"q": "roaming"})
    assert "3 documents found" in response.text
    assert found(response)[2] == "Notes"


def test_a_search_past_the_cap_keeps_the_filters_and_the_access_policy(
    client, publish, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("contributions.views.search.RESULTS_COUNTED", 1)
    publish("Roaming proposal", kind=ContributionKind.CONTRIBUTION)
    publish("Roaming for members", access_level=AccessLevel.MEMBERS)
    publish("Roaming report", kind=ContributionKind.INFORMATION)
    publish("Roaming question", kind=ContributionKind.CONTRIBUTION)
    publish("Roaming again", access_level=AccessLevel.MEMBERS, kind=ContributionKind.CONTRIBUTION)

    # As many queries as a search that finds fewer than it counts.
    with django_assert_num_queries(6):
        response = client.get(SEARCH, {"q": "roaming", "kind": ContributionKind.CONTRIBUTION})

    # Three contributions, one of them for members only: the newest the visitor may read.
    assert found(response) == ["Roaming question"]
    assert response.context["page_obj"].paginator.more is True


@pytest.mark.postgresql
def test_chinese_words_are_found_inside_the_text_on_postgresql(client, publish):
    publish(
        "提案",
        upload("zh.docx", docx_bytes("提案", ["关于国际电信规则的审查"]), DOCX),
        language=Language.CHINESE,
    )

    response = client.get(SEARCH, {"q": "电信规则"})

    assert found(response) == ["提案"]


def test_the_index_is_written_again_for_the_whole_register(client, library):
    SearchEntry.objects.all().delete()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM contributions_searchentry_fts")
    out = io.StringIO()

    call_command("index_documents", stdout=out)

    assert out.getvalue().splitlines()[-1] == "Indexed 4 documents in 4 language entries."
    assert found(client.get(SEARCH, {"q": "interconnexion"})) == ["Proposition A"]
