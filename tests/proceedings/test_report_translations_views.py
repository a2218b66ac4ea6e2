"""A report's languages on its page, and its posted translations' downloads, for every role.

A report is built in its original language only: no request builds it in another.
"""

import datetime
import io
import re
from types import SimpleNamespace

import docx
import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from proceedings import services
from proceedings.enums import ReportKind, ReportStatus
from tests import factories
from tests.proceedings.conftest import make_report
from tests.roles import ROLES, content_of, get_as

STORED_HTML = (
    '<article class="report" lang="en" dir="ltr"><h1 class="report-title">Report of the '
    "second meeting of the EG-ITRs</h1></article>"
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def page_url(report):
    return reverse("proceedings:report_detail", args=[report.group.slug, report.pk])


def french_docx(name="rapport.docx", title="Rapport de la deuxième réunion"):
    return factories.docx_upload(name=name, title=title)


def stored_report(group, status, **fields):
    """A report as approval leaves it (its text stored), without rendering its files."""
    fields.setdefault("kind", ReportKind.PROGRESS)
    fields.setdefault("parent_body_document", "C24/21")
    return make_report(
        group, title="Progress report", status=status, rendered_html=STORED_HTML, **fields
    )


@pytest.fixture
def translated(group, secretariat):
    """A published report in English with its French posted (DOCX, then PDF, then a
    corrected DOCX), Spanish requested and Chinese in translation; an approved one with
    its French posted."""
    published = stored_report(group, ReportStatus.PUBLISHED)
    approved = stored_report(group, ReportStatus.APPROVED, parent_body_document="C25/3")
    superseded = services.post_report_translation(
        report=published, language="fr", upload=french_docx(), by=secretariat
    )
    pdf = services.post_report_translation(
        report=published,
        language="fr",
        upload=factories.pdf_upload(name="rapport.pdf", title="Rapport"),
        by=secretariat,
    )
    current = services.post_report_translation(
        report=published,
        language="fr",
        upload=french_docx("rapport-corrige.docx", "Rapport corrigé"),
        by=secretariat,
    )
    services.request_report_translations(report=published, languages=["es", "zh"], by=secretariat)
    services.start_report_translation(report=published, language="zh", by=secretariat)
    unpublished = services.post_report_translation(
        report=approved, language="fr", upload=french_docx(), by=secretariat
    )
    return SimpleNamespace(
        published=published,
        approved=approved,
        superseded=superseded,
        pdf=pdf,
        current=current,
        unpublished=unpublished,
    )


def matrix(html):
    """The language table of the page as (language, status, links) rows, tags dropped."""
    section = html.split('<section class="report-languages"', 1)[1].split("</section>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        links = re.findall(r'<a [^>]*href="([^"]+)"', cells[2])
        words = re.sub(r"<[^>]+>", "", cells[1]).strip()
        rows.append((cells[0], words, links))
    return rows


@pytest.mark.parametrize("role", ROLES)
def test_the_published_reports_languages_for_every_role(client, roles, translated, role):
    report = translated.published
    docx_url = reverse("proceedings:report_docx", args=[report.group.slug, report.pk])
    pdf_url = reverse("proceedings:report_pdf", args=[report.group.slug, report.pk])

    response = get_as(client, roles[role], page_url(report))

    assert response.status_code == 200
    assert matrix(response.content.decode()) == [
        ("Arabic", "—Not required", []),
        ("Chinese", "In translation", []),
        ("English", "Original", [docx_url, pdf_url]),
        (
            "French",
            "Posted",
            [translated.current.get_absolute_url(), translated.pdf.get_absolute_url()],
        ),
        ("Russian", "—Not required", []),
        ("Spanish", "Requested", []),
    ]
    assert translated.current.get_absolute_url() == (
        f"/eg-itrs/reports/{report.pk}/translations/{translated.current.pk}/"
        "EG-ITRs-progress-report-C24-F.docx"
    )


def test_the_matrix_names_each_file_and_its_size(client, translated):
    html = client.get(page_url(translated.published)).content.decode()

    current, pdf = translated.current, translated.pdf
    assert (
        f'<span class="file"><a href="{current.get_absolute_url()}" hreflang="fr" download '
        'title="EG-ITRs-progress-report-C24-F.docx">DOCX<span class="visually-hidden"> (French)'
        f'</span></a> <span class="muted">({filesizeformat(current.size)})</span> ·</span> '
        f'<span class="file"><a href="{pdf.get_absolute_url()}" hreflang="fr" download '
        'title="EG-ITRs-progress-report-C24-F.pdf">PDF<span class="visually-hidden"> (French)'
        f'</span></a> <span class="muted">({filesizeformat(pdf.size)})</span></span></td>'
    ) in html
    assert '<a class="button secondary" href="#languages">Other languages</a>' in html
    assert '<h2 id="report-languages-title">Languages</h2>' in html


@pytest.mark.parametrize("role", ROLES)
def test_an_approved_reports_languages_only_for_the_secretariat(client, roles, translated, role):
    response = get_as(client, roles[role], page_url(translated.approved))

    if role == "secretariat":
        assert matrix(response.content.decode())[3] == (
            "French",
            "Posted",
            [translated.unpublished.get_absolute_url()],
        )
    else:
        assert response.status_code == 404


def download(client, posted, filename=None):
    report = posted.translation.report
    url = reverse(
        "proceedings:report_translation_download",
        args=[report.group.slug, report.pk, posted.pk, filename or posted.download_name],
    )
    response = client.get(url)
    return response, content_of(response)


@pytest.mark.parametrize("role", ROLES)
def test_translation_downloads_for_every_role(client, roles, translated, role):
    if roles[role]:
        client.force_login(roles[role])

    answers = {
        name: download(client, getattr(translated, name))[0].status_code
        for name in ("current", "pdf", "superseded", "unpublished")
    }

    secretariat = role == "secretariat"
    assert answers == {
        "current": 200,
        "pdf": 200,
        # An earlier posting is the secretariat's record; an approved report is its own.
        "superseded": 200 if secretariat else 404,
        "unpublished": 200 if secretariat else 404,
    }


def test_a_download_is_an_attachment_named_after_the_report_and_language(client, translated):
    response, data = download(client, translated.current)
    pdf, pdf_data = download(client, translated.pdf)

    assert data == factories.docx_content("Rapport corrigé")
    assert response["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C24-F.docx"'
    )
    assert response["Content-Type"] == DOCX
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=300"
    assert pdf["Content-Disposition"] == 'attachment; filename="EG-ITRs-progress-report-C24-F.pdf"'
    assert (pdf["Content-Type"], pdf_data[:5]) == ("application/pdf", b"%PDF-")


def test_what_only_the_secretariat_gets_is_never_cached_publicly(client, secretariat, translated):
    client.force_login(secretariat)

    superseded, data = download(client, translated.superseded)
    unpublished, _data = download(client, translated.unpublished)

    assert data == factories.docx_content("Rapport de la deuxième réunion")
    assert superseded["Cache-Control"] == unpublished["Cache-Control"] == "private, no-store"
    assert unpublished["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C25-F.docx"'
    )


def test_another_name_redirects_and_another_report_or_group_is_404(client, translated):
    current = translated.current
    report = translated.published

    renamed, _data = download(client, current, "rapport.docx")
    urls = [
        reverse(
            "proceedings:report_translation_download",
            args=["other-group", report.pk, current.pk, current.download_name],
        ),
        reverse(
            "proceedings:report_translation_download",
            args=[report.group.slug, translated.approved.pk, current.pk, current.download_name],
        ),
        reverse(
            "proceedings:report_translation_download",
            args=[report.group.slug, report.pk, current.pk + 100, current.download_name],
        ),
    ]

    assert (renamed.status_code, renamed["Location"]) == (301, current.get_absolute_url())
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]


@pytest.mark.parametrize(("translations", "queries"), [(1, 4), (3, 4)])
def test_report_page_query_count(
    client, django_assert_num_queries, group, secretariat, translations, queries
):
    report = stored_report(group, ReportStatus.PUBLISHED)
    for language in ["fr", "es", "ru"][:translations]:
        services.post_report_translation(
            report=report, language=language, upload=french_docx(), by=secretariat
        )
        services.post_report_translation(
            report=report,
            language=language,
            upload=factories.pdf_upload(name="rapport.pdf"),
            by=secretariat,
        )

    # the report (with its group, meeting, approval and previous version), its later
    # versions, its translations, their current files
    with django_assert_num_queries(queries):
        response = client.get(page_url(report))

    posted = [v for v in response.context["language_versions"] if v.files]
    assert [len(v.files) for v in posted] == [2] * translations


# No mixed-language builds: the report is built in its original language, whatever the
# language of the pages or any parameter asks.


@pytest.fixture
def draft(group, secretariat):
    return services.start_progress_report(
        group=group,
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        by=secretariat,
        parent_body_document="C25/25",
    )


def test_a_draft_in_a_french_session_is_built_in_its_original_language(client, secretariat, draft):
    client.force_login(secretariat)
    english = client.get(page_url(draft))

    french = client.get(
        page_url(draft), {"language": "fr", "lang": "fr"}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert french.context["report_html"] == english.context["report_html"]
    assert '<article class="report" lang="en" dir="ltr">' in french.context["report_html"]
    assert (
        "The EG-ITRs held no meeting in the period of this report."
        in (french.context["report_html"])
    )
    # The pages around it are French: the request was one in French indeed.
    assert "Télécharger en PDF" in french.content.decode()


def test_a_download_asked_in_french_is_the_original(client, secretariat, draft):
    client.force_login(secretariat)
    url = reverse("proceedings:report_docx", args=[draft.group.slug, draft.pk])

    response = client.get(url, {"language": "fr"}, HTTP_ACCEPT_LANGUAGE="fr")

    document = docx.Document(io.BytesIO(content_of(response)))
    assert [p.text for p in document.tables[0].rows[0].cells[1].paragraphs] == [
        "Document C25/25",
        "Original: English",
    ]
    assert response["Content-Disposition"] == (
        'attachment; filename="EG-ITRs-progress-report-C25-draft.docx"'
    )
    # No translation was made for the French asked for.
    assert draft.translations.count() == 0
