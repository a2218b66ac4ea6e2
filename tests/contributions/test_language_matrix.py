"""The six languages of a document, as the public pages and the register tables show them."""

import pytest
from django.urls import reverse

from contributions import services
from contributions.enums import Language, TranslationStatus
from contributions.models import Contribution
from tests.contributions.test_public_views import detail_url, list_url
from tests.factories import pdf_upload, publish_document
from tests.roles import ROLES, get_as


@pytest.fixture
def register(author, secretariat):
    def publish(meeting, **fields):
        return publish_document(meeting, delegate=author, secretariat=secretariat, **fields)

    return publish


@pytest.fixture
def translated(meeting, secretariat, register):
    """An English original: Arabic in translation, French requested, Spanish posted."""
    document = register(meeting, title="Translated")
    services.request_translations(
        contribution=document, languages=[Language.ARABIC, Language.FRENCH], by=secretariat
    )
    services.start_translation(contribution=document, language=Language.ARABIC, by=secretariat)
    services.post_translation(
        contribution=document, language=Language.SPANISH, upload=pdf_upload(), by=secretariat
    )
    return document


def statuses(document):
    return [(v.language.value, v.status.value) for v in document.language_versions]


def test_language_versions_are_six_in_itu_order(translated):
    versions = translated.language_versions

    assert statuses(translated) == [
        ("ar", TranslationStatus.IN_TRANSLATION),
        ("zh", TranslationStatus.NOT_REQUIRED),
        ("en", TranslationStatus.POSTED),
        ("fr", TranslationStatus.REQUESTED),
        ("ru", TranslationStatus.NOT_REQUIRED),
        ("es", TranslationStatus.POSTED),
    ]
    assert [v.is_original for v in versions] == [False, False, True, False, False, False]
    assert [v.file.language if v.file else None for v in versions] == [
        None,
        None,
        "en",
        None,
        None,
        "es",
    ]


def test_a_posted_language_links_the_current_file(meeting, secretariat, translated):
    services.post_translation(
        contribution=translated, language=Language.SPANISH, upload=pdf_upload(), by=secretariat
    )

    spanish = translated.language_versions[5]

    assert spanish.file == translated.files.filter(language="es").order_by("-pk").first()
    assert translated.files.filter(language="es").count() == 2


def test_the_original_is_posted_in_its_own_language(meeting, register):
    document = register(meeting, language=Language.RUSSIAN)

    assert statuses(document) == [
        ("ar", TranslationStatus.NOT_REQUIRED),
        ("zh", TranslationStatus.NOT_REQUIRED),
        ("en", TranslationStatus.NOT_REQUIRED),
        ("fr", TranslationStatus.NOT_REQUIRED),
        ("ru", TranslationStatus.POSTED),
        ("es", TranslationStatus.NOT_REQUIRED),
    ]
    assert [v.language for v in document.language_versions if v.is_original] == ["ru"]


def test_prefetched_language_versions_take_no_query(
    django_assert_num_queries, meeting, translated
):
    expected = statuses(translated)
    document = Contribution.objects.with_register_data().with_languages().get(pk=translated.pk)

    with django_assert_num_queries(0):
        assert statuses(document) == expected


# The document page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_document_page_shows_each_language_with_status_file_and_size(
    client, roles, meeting, translated, role
):
    response = get_as(client, roles[role], detail_url(translated))

    html = response.content.decode()
    english = translated.files.get(language="en")
    spanish = translated.files.get(language="es")
    prefix = f"EG-ITRs-{meeting.ordinal}-1"
    rows = [
        '<th scope="row">Arabic</th>\n        <td>In translation</td>\n        <td></td>',
        '<th scope="row">Chinese</th>\n        <td><span class="muted">Not required</span></td>',
        '<th scope="row">English</th>\n        <td>Original</td>\n        '
        f'<td><a href="{english.get_absolute_url()}" hreflang="en" download>'
        f"{prefix}-E.docx</a></td>",
        '<th scope="row">French</th>\n        <td>Requested</td>\n        <td></td>',
        '<th scope="row">Russian</th>\n        <td><span class="muted">Not required</span></td>',
        '<th scope="row">Spanish</th>\n        <td>Posted</td>\n        '
        f'<td><a href="{spanish.get_absolute_url()}" hreflang="es" download>'
        f"{prefix}-S.pdf</a></td>",
    ]
    positions = [html.index(row) for row in rows]
    assert positions == sorted(positions)
    assert "<caption>Languages</caption>" in html
    assert html.count('<th scope="row">') == 6


# The register tables --------------------------------------------------------------------


def language_cells(html, document):
    """The six language cells of `document`'s row in a register table."""
    row = html[html.index(f'<a href="{document.get_absolute_url()}">') :]
    row = row[: row.index("</tr>")]
    return [cell.split("</td>")[0] for cell in row.split('<td class="language">')[1:]]


def test_register_table_shows_the_language_matrix(client, meeting, translated):
    html = client.get(list_url(meeting.group)).content.decode()

    english = translated.files.get(language="en")
    spanish = translated.files.get(language="es")
    assert '<th scope="col" class="language"><abbr title="Arabic">A</abbr></th>' in html
    assert '<th scope="col" class="language"><abbr title="Spanish">S</abbr></th>' in html
    assert language_cells(html, translated) == [
        '<span class="muted" title="In translation"><span aria-hidden="true">◐</span>'
        '<span class="visually-hidden">Arabic: in translation</span></span>',
        "",
        f'<a href="{english.get_absolute_url()}" hreflang="en" download '
        f'title="English, {english.size / 1024:.1f}\xa0KB">'
        '<span class="visually-hidden">English </span>DOCX</a>',
        '<span class="muted" title="Requested"><span aria-hidden="true">○</span>'
        '<span class="visually-hidden">French: requested</span></span>',
        "",
        f'<a href="{spanish.get_absolute_url()}" hreflang="es" download '
        f'title="Spanish, {spanish.size}\xa0bytes">'
        '<span class="visually-hidden">Spanish </span>PDF</a>',
    ]


def test_meeting_table_shows_the_language_matrix(client, meeting, translated):
    url = reverse("proceedings:meeting_detail", args=[meeting.group.slug, meeting.ordinal])

    html = client.get(url).content.decode()

    cells = language_cells(html, translated)
    assert [bool(cell) for cell in cells] == [True, False, True, True, False, True]
    assert 'hreflang="es" download' in cells[5]


@pytest.mark.parametrize("rows", [1, 3])
def test_register_query_count_with_translations(
    client, django_assert_num_queries, meeting, secretariat, register, rows
):
    for n in range(rows):
        document = register(meeting, title=f"Document {n}")
        services.request_translations(
            contribution=document, languages=[Language.FRENCH, Language.ARABIC], by=secretariat
        )
        services.post_translation(
            contribution=document, language=Language.FRENCH, upload=pdf_upload(), by=secretariat
        )
        services.post_translation(
            contribution=document, language=Language.FRENCH, upload=pdf_upload(), by=secretariat
        )

    # the group, the header's group, count, page, sources, current files, translations,
    # meeting and source choices
    with django_assert_num_queries(8):
        response = client.get(list_url(meeting.group))

    assert len(response.context["page_obj"]) == rows


# The language filter --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (Language.ENGLISH, ["English", "Translated"]),
        (Language.SPANISH, ["Translated"]),
        # Requested or in translation is not available yet.
        (Language.FRENCH, []),
        (Language.ARABIC, []),
        (Language.RUSSIAN, ["Russian"]),
        (Language.CHINESE, []),
    ],
)
def test_filter_by_language_available(client, meeting, register, translated, language, expected):
    register(meeting, title="English")
    register(meeting, title="Russian", language=Language.RUSSIAN)

    response = client.get(list_url(meeting.group), {"language": language})

    assert sorted(c.title for c in response.context["page_obj"]) == expected
