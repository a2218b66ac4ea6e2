"""The import of a whole register: its queries do not grow with its rows, a bad row is
still refused with its message, and what it writes is what the row-by-row import wrote."""

import pytest
import tablib
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection, transaction
from django.db.models import Q, UniqueConstraint
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from import_export import fields, instance_loaders, widgets

from contributions import services
from contributions.enums import AmendmentKind
from contributions.models import Contribution, SearchEntry, Source
from contributions.resources import IMPORTED_FIELDS, ContributionResource, MeetingWidget
from contributions.search import index_document
from meetings.enums import AccessLevel
from meetings.models import Meeting
from tests import factories
from tests.contributions.imports import admin_import_preview

NEW_HEADERS = ["id", "meeting", "title", "kind", "original_language", "access_level", "sources"]


class RowByRowMeetingWidget(MeetingWidget):
    """The meeting widget as it was: a query for each cell."""

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return None
        if value.isdigit():
            return widgets.ForeignKeyWidget.clean(self, value, row=row, **kwargs)
        acronym, _space, ordinal = value.rpartition(" ")
        try:
            return Meeting.objects.select_related("group").get(
                group__acronym=acronym, ordinal=int(ordinal)
            )
        except (ValueError, Meeting.DoesNotExist):
            raise ValueError(f"No meeting “{value}”.") from None


class RowByRowResource(ContributionResource):
    """The import as it was before it wrote in bulk, kept here as the reference: each row
    read, validated in full and saved on its own, its sources set one by one, the
    library's preview of each row."""

    meeting = fields.Field(
        attribute="meeting", column_name="meeting", widget=RowByRowMeetingWidget()
    )

    class Meta(ContributionResource.Meta):
        use_bulk = False
        instance_loader_class = instance_loaders.ModelInstanceLoader
        skip_diff = False

    def before_import(self, dataset, **kwargs):
        pass

    def after_init_instance(self, instance, new, row, **kwargs):
        pass

    def after_import_row(self, row, row_result, **kwargs):
        pass

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        return super(ContributionResource, self).validate_instance(
            instance, import_validation_errors, validate_unique
        )

    def do_instance_save(self, instance, is_create):
        if is_create:
            instance.save(force_insert=True)
        else:
            instance.save(update_fields=[*IMPORTED_FIELDS, "updated_at"])
            if instance.number is not None:
                index_document(instance)

    def after_save_instance(self, instance, row, **kwargs):
        wanted = getattr(instance, "_imported_sources", None)
        if wanted is None or wanted == instance.source_list:
            return
        services.set_sources(
            contribution=instance,
            submitter=wanted[0],
            cosponsors=wanted[1:],
            by=kwargs.get("user"),
        )


def new_drafts(meeting, count, names):
    """`count` rows of new drafts, the n-th with the first n % 3 + 1 of `names` as sources."""
    return tablib.Dataset(
        *[
            [
                "",
                f"{meeting.group.acronym} {meeting.ordinal}",
                f"Imported {number}",
                "contribution",
                "fr",
                "members",
                "; ".join(names[: number % 3 + 1]),
            ]
            for number in range(count)
        ],
        headers=NEW_HEADERS,
    )


def edited(dataset):
    """An export with every title changed and every document made members-only."""
    dataset.dict = [
        {**row, "title": f"{row['title']} (edited)", "access_level": AccessLevel.MEMBERS}
        for row in dataset.dict
    ]
    return dataset


@pytest.fixture
def names(org_a, org_b, org_c):
    return [org_a.name, org_b.name, org_c.name]


@pytest.fixture
def published(meeting, delegate_a, secretariat):
    """`count` published documents."""

    def publish(count):
        return [
            factories.publish_document(
                meeting, delegate=delegate_a, secretariat=secretariat, title=f"Proposal {n}"
            )
            for n in range(count)
        ]

    return publish


# A bad row --------------------------------------------------------------------------


def test_a_bad_row_among_twenty_is_shown_with_its_message_and_nothing_is_imported(
    client, secretariat, meeting, names
):
    dataset = new_drafts(meeting, 20, names)
    dataset.dict = [
        {**row, "sources": "Nowhere; Member State B"} if number == 11 else row
        for number, row in enumerate(dataset.dict)
    ]
    client.force_login(secretariat)

    preview = admin_import_preview(client, dataset)

    result = preview.context["result"]
    assert [(row.number, row.error_dict) for row in result.invalid_rows] == [
        (12, {"sources": ["Unknown organization: Nowhere."]})
    ]
    assert "confirm_form" not in preview.context
    assert "Unknown organization: Nowhere." in preview.content.decode()
    assert (Contribution.objects.count(), Source.objects.count()) == (0, 0)


def refusals(result):
    """What an import says of each row it refuses: its number, and the message of each
    field (a validation error) or of the error."""
    invalid = [(row.number, row.error_dict) for row in result.invalid_rows]
    failed = [
        (number, [str(error.error) for error in errors]) for number, errors in result.row_errors()
    ]
    return sorted(invalid + failed, key=lambda refusal: refusal[0])


def test_bad_rows_are_refused_with_the_messages_of_the_row_by_row_import(
    meeting, names, published
):
    document = published(1)[0]
    good = {"id": "", "meeting": f"EG-ITRs {meeting.ordinal}", "title": "T", "sources": names[0]}
    bad = [
        {"id": "abc"},
        {"id": "999"},
        {"id": str(document.pk), "meeting": "EG-ITRs 99"},
        {"meeting": "²"},
        {"meeting": "999"},
        {"meeting": "XYZ 1"},
        {"meeting": "EG-ITRs two"},
        {"meeting": ""},
        {"sources": "Nowhere; Member State A; Elsewhere"},
        {"sources": " ; "},
        {"title": ""},
        {"kind": "x", "original_language": "xx", "access_level": "everyone"},
    ]
    rows = [row for change in bad for row in [good, {**good, **change}]]
    headers = ["id", "meeting", "title", "kind", "original_language", "access_level", "sources"]
    defaults = {"kind": "contribution", "original_language": "en", "access_level": "public"}
    dataset = tablib.Dataset(
        *[[{**defaults, **row}[header] for header in headers] for row in rows], headers=headers
    )

    by_rows = refusals(RowByRowResource().import_data(dataset, dry_run=True))
    in_bulk = refusals(ContributionResource().import_data(dataset, dry_run=True))

    assert in_bulk == by_rows
    assert in_bulk == [
        (2, ["[<class 'decimal.ConversionSyntax'>]"]),
        (4, {"id": ["No document with id 999."]}),
        (6, {"meeting": ["No meeting “EG-ITRs 99”."]}),
        (8, {"meeting": ["Field 'id' expected a number but got '²'."]}),
        (10, ["Meeting matching query does not exist."]),
        (12, {"meeting": ["No meeting “XYZ 1”."]}),
        (14, {"meeting": ["No meeting “EG-ITRs two”."]}),
        (16, {"meeting": ["This field cannot be null."]}),
        (18, {"sources": ["Unknown organization: Nowhere; Elsewhere."]}),
        (20, {"sources": ["Name at least the submitting organization."]}),
        (22, {"title": ["This field cannot be blank."]}),
        (
            24,
            {
                "kind": ["Value 'x' is not a valid choice."],
                "original_language": ["Value 'xx' is not a valid choice."],
                "access_level": ["Value 'everyone' is not a valid choice."],
            },
        ),
    ]
    assert Contribution.objects.count() == 1


def test_every_constraint_of_a_document_is_on_a_field_no_import_writes():
    """What lets the import skip the model's constraints (`validate_instance`): a new
    constraint on imported fields alone would have to be checked again."""

    def fields_of(constraint):
        if isinstance(constraint, UniqueConstraint):
            return set(constraint.fields)
        leaves, names = [constraint.condition], set()
        while leaves:
            leaf = leaves.pop()
            if isinstance(leaf, Q):
                leaves.extend(leaf.children)
            else:
                names.add(leaf[0].split(LOOKUP_SEP)[0])
        return names

    assert [
        sorted(fields_of(constraint) - set(IMPORTED_FIELDS))
        for constraint in Contribution._meta.constraints
    ] == [["amendment_kind", "amendment_ordinal", "number"], ["amendment_kind", "base"]]


def test_the_admin_import_records_who_imported_each_draft(client, secretariat, meeting, names):
    client.force_login(secretariat)
    preview = admin_import_preview(client, new_drafts(meeting, 3, names))

    response = client.post(
        reverse("admin:contributions_contribution_process_import"),
        preview.context["confirm_form"].initial,
    )

    assert response.status_code == 302
    drafts = list(Contribution.objects.order_by("pk"))
    assert [d.title for d in drafts] == ["Imported 0", "Imported 1", "Imported 2"]
    assert [(h.history_type, h.history_user) for h in Contribution.history.all()] == [
        ("+", secretariat)
    ] * 3
    assert [(h.history_type, h.history_user) for h in Source.history.all()] == [
        ("+", secretariat)
    ] * 6
    assert sorted(
        LogEntry.objects.values_list("object_id", "action_flag", "user", "object_repr")
    ) == [(str(d.pk), ADDITION, secretariat.pk, f"Draft: {d.title}") for d in drafts]


# Queries that do not grow with the rows -----------------------------------------------

# Whatever the rows: the savepoints of the import, of its first step, of each batch and of
# its last step (and the rollback of a dry run); the meetings and organizations the file
# names. For new drafts, their insert and their history's, the files their submitters'
# sources bind to, the sources' insert and their history's (within a savepoint), and on
# PostgreSQL once saved the reset of the ids' sequence; for edits, the documents and
# their sources, their update and their history's.
NEW_QUERIES = {True: 18, False: 17 + (connection.vendor == "postgresql")}
EDIT_QUERIES = {True: 15, False: 14}


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("rows", [1, 20])
def test_new_drafts_take_the_same_queries_for_1_and_20_rows(
    meeting, names, secretariat, django_assert_num_queries, dry_run, rows
):
    dataset = new_drafts(meeting, rows, names)

    with django_assert_num_queries(NEW_QUERIES[dry_run]):
        result = ContributionResource().import_data(dataset, dry_run=dry_run, user=secretariat)

    assert (result.has_errors(), result.has_validation_errors(), result.totals["new"]) == (
        False,
        False,
        rows,
    )
    assert Contribution.objects.count() == (0 if dry_run else rows)


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("rows", [1, 20])
def test_edits_take_the_same_queries_for_1_and_20_rows(
    published, secretariat, django_assert_num_queries, dry_run, rows
):
    published(rows)
    dataset = edited(ContributionResource().export())

    with django_assert_num_queries(EDIT_QUERIES[dry_run]):
        result = ContributionResource().import_data(dataset, dry_run=dry_run, user=secretariat)

    assert (result.has_errors(), result.has_validation_errors(), result.totals["update"]) == (
        False,
        False,
        rows,
    )


# The same rows as row by row ------------------------------------------------------------


@pytest.fixture
def register(meeting, delegate_a, org_b, secretariat):
    """A published document, its published revision, an addendum and a draft."""
    publish = {"delegate": delegate_a, "secretariat": secretariat}
    base = factories.publish_document(meeting, title="Work plan", **publish)
    factories.publish_document(
        meeting,
        title="Work plan, revised",
        base=base,
        amendment_kind=AmendmentKind.REVISION,
        **publish,
    )
    factories.publish_document(
        meeting,
        title="Work plan, added to",
        base=base,
        amendment_kind=AmendmentKind.ADDENDUM,
        **publish,
    )
    factories.make_contribution(meeting=meeting, delegate=delegate_a, title="Early ideas")
    return meeting


def the_register():
    """What an import may have written, told by titles rather than ids (ids of new rows
    differ from one run to the next on PostgreSQL, whose sequences do not roll back)."""
    title = dict(Contribution.objects.values_list("pk", "title"))
    documents = sorted(
        Contribution.objects.values_list(
            "title",
            "meeting",
            "abstract",
            "kind",
            "original_language",
            "access_level",
            "status",
            "number",
            "amendment_kind",
            "superseded_for",
            "submitted_by",
        )
    )
    sources = sorted(
        (
            title[s.contribution_id],
            s.organization.name,
            s.order,
            s.confirmation,
            s.confirmed_by_id,
            s.confirmed_title,
            s.confirmed_abstract,
            s.confirmed_sha256,
        )
        for s in Source.objects.select_related("organization")
    )
    # Each document's history in order (the bulk import writes the new drafts' before the
    # edits' when both are in one batch: the order across documents says nothing).
    history = sorted(
        [
            (title[h.id], h.history_type, h.history_user_id, h.title, h.access_level, h.status)
            for h in Contribution.history.order_by("history_id")
        ],
        key=lambda row: row[0],
    )
    source_history = sorted(
        [
            (
                title[h.contribution_id],
                h.organization_id,
                h.history_type,
                h.history_user_id,
                h.order,
                h.confirmation,
                h.confirmed_title,
            )
            for h in Source.history.order_by("history_id")
        ],
        key=lambda row: row[0],
    )
    entries = sorted(
        SearchEntry.objects.values_list(
            "contribution__title", "language", "title", "abstract", "body"
        )
    )
    return documents, sources, history, source_history, entries


def imported(resource, dataset, user, django_capture_on_commit_callbacks):
    """What importing `dataset` with `resource` writes, and the preview of each row; rolled
    back after."""
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            result = resource.import_data(dataset, user=user, raise_errors=True)
        written = the_register()
        transaction.set_rollback(True)
    previews = [(row.import_type, row.object_repr, row.diff[1:]) for row in result.rows]
    return written, previews


def test_the_bulk_import_writes_what_the_row_by_row_import_wrote(
    register, names, secretariat, django_capture_on_commit_callbacks
):
    dataset = edited(ContributionResource().export())
    dataset.dict = [
        {**row, "sources": "Member State B; Member State A"}
        if row["title"].startswith("Early")
        else row
        for row in dataset.dict
    ]
    # The same document twice: the second row changes what the first made of it.
    twice = {**dataset.dict[0], "title": "Work plan (twice)", "access_level": AccessLevel.PUBLIC}
    for row in [twice, *new_drafts(register, 4, names).dict]:
        dataset.append([row.get(header, "") for header in dataset.headers])
    before = the_register()

    by_rows = imported(
        RowByRowResource(), dataset, secretariat, django_capture_on_commit_callbacks
    )
    in_bulk = imported(
        ContributionResource(), dataset, secretariat, django_capture_on_commit_callbacks
    )

    assert in_bulk == by_rows
    documents, sources, history, source_history, entries = in_bulk[0]
    # It did write: edits, revisions marked, sources reordered, drafts with their history.
    assert (
        len(documents),
        len(history) - len(before[2]),
        len(source_history) - len(before[3]),
    ) == (8, 9, 9)
    assert [row[-2] for row in documents if row[0].startswith("Work plan (")] == [
        AccessLevel.MEMBERS
    ]
    assert [(s[0], s[1], s[2]) for s in sources if s[0].startswith("Early")] == [
        ("Early ideas (edited)", "Member State A", 1),
        ("Early ideas (edited)", "Member State B", 0),
    ]
    assert [entry[2] for entry in entries] == [
        f"EG-ITRs {register.ordinal}/1 Work plan (twice)",
        f"EG-ITRs {register.ordinal}/1 (Add.1) Work plan, added to (edited)",
        f"EG-ITRs {register.ordinal}/1 (Rev.1) Work plan, revised (edited)",
    ]
