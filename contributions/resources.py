"""A meeting's list of documents as a spreadsheet (django-import-export).

Import edits what documents say (title, abstract, kind, languages, access, sources) and
may add drafts; it never moves a document through its workflow: status, number and
timestamps are export-only and only `contributions.services` writes them.

An import of a whole register (ten thousand rows) runs in a number of queries that does
not grow with its rows, as one batch per BATCH_SIZE rows: the documents, meetings and
organizations the file names are read at once, and the rows written in bulk with their
history, sources and search index, as the row-by-row saves wrote them.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, instance_loaders, widgets
from simple_history.utils import bulk_create_with_history

from contributions.enums import AmendmentKind, Language, SourceConfirmation, TranslationStatus
from contributions.models import Contribution, Translation, mark_superseded
from contributions.search import index_documents_later
from contributions.services.cosponsors import name_first_sources, set_sources
from egitrs.exports import SpreadsheetResource
from egitrs.page_cache import records_changed
from meetings.models import Meeting
from members.models import Organization

SOURCE_SEPARATOR = "; "
# Rows read and written together: what one query's list of ids holds on every database.
BATCH_SIZE = 1000
# What an import may change on an existing document, and so all it saves.
IMPORTED_FIELDS = [
    "meeting",
    "title",
    "abstract",
    "kind",
    "original_language",
    "access_level",
]


class MeetingWidget(widgets.ForeignKeyWidget):
    """A meeting as people write it, "EG-ITRs 2" (acronym and ordinal); an id also works.

    Each meeting is read once: `prefetch` reads all that a file names in one query.
    """

    def __init__(self, **kwargs):
        super().__init__(Meeting, **kwargs)
        self._found = {}  # what each key names: a meeting, or None

    @staticmethod
    def _key(value):
        """("id", 3) or (acronym, ordinal) for a cell; None when it names no meeting."""
        try:
            if value.isdigit():
                return ("id", int(value))
            acronym, _space, ordinal = value.rpartition(" ")
            return (acronym, int(ordinal))
        except ValueError:  # "EG-ITRs two", or a digit int() does not read, such as "²"
            return None

    def prefetch(self, values):
        """Read at once the meetings these cells name, and remember those they do not."""
        keys = {self._key(value) for value in map(self._text, values) if value}
        keys -= {*self._found, None}
        if not keys:
            return
        ids = [key[1] for key in keys if key[0] == "id"]
        named = Q()
        for acronym, ordinal in keys - {("id", pk) for pk in ids}:
            named |= Q(group__acronym=acronym, ordinal=ordinal)
        for meeting in Meeting.objects.select_related("group").filter(Q(pk__in=ids) | named):
            self._found[("id", meeting.pk)] = meeting
            self._found[(meeting.group.acronym, meeting.ordinal)] = meeting
        for key in keys:
            self._found.setdefault(key, None)

    @staticmethod
    def _text(value):
        return str(value or "").strip()

    def clean(self, value, row=None, **kwargs):
        value = self._text(value)
        if not value:
            return None
        key = self._key(value)
        if key is not None and key not in self._found:
            self.prefetch([value])
        meeting = self._found.get(key)
        if meeting is not None:
            return meeting
        if value.isdigit():
            # What the library's widget said when it looked the id up: the database's
            # refusal of a digit it does not read, or that no meeting has it.
            Meeting._meta.pk.get_prep_value(value)
            raise Meeting.DoesNotExist("Meeting matching query does not exist.")
        raise ValueError(_("No meeting “%(meeting)s”.") % {"meeting": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value.group.acronym} {value.ordinal}"


class DocumentLoader(instance_loaders.ModelInstanceLoader):
    """The documents a file names, read BATCH_SIZE at a time with what an import shows
    and compares (their meeting, which organizations their sources are), rather than one
    read a row.

    A document named twice is handed out twice, the second time as the first row left
    it: as a row-by-row import read it again after saving the first row.
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.id_field = resource.fields[resource.get_import_id_fields()[0]]
        self.documents = {}
        self.handed_out = set()
        if dataset is None or self.id_field.column_name not in dataset.headers:
            return
        ids = sorted({pk for pk in map(self._id, dataset.dict) if pk is not None})
        queryset = Contribution.objects.select_related("meeting__group").order_by()
        queryset = queryset.prefetch_related("sources")
        for start in range(0, len(ids), BATCH_SIZE):
            batch = queryset.filter(pk__in=ids[start : start + BATCH_SIZE])
            self.documents.update((document.pk, document) for document in batch)

    def _id(self, row):
        try:
            return self.id_field.clean(row)
        except Exception:  # Not an id ("abc"): the row says so when its turn comes.
            return None

    def get_instance(self, row):
        pk = self.id_field.clean(row)
        document = self.documents.get(pk)
        if document is not None and pk in self.handed_out:
            return copy.deepcopy(document)
        self.handed_out.add(pk)
        return document


def posted_translations():
    """The prefetch that lets an export list each document's posted translations at once."""
    return Prefetch(
        "translations",
        queryset=Translation.objects.filter(status=TranslationStatus.POSTED),
        to_attr="posted_translations",
    )


class ContributionResource(SpreadsheetResource):
    register_number = fields.Field(
        attribute="register_number", column_name="register_number", readonly=True
    )
    meeting = fields.Field(attribute="meeting", column_name="meeting", widget=MeetingWidget())
    sources = fields.Field(column_name="sources")
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    submitted_at = fields.Field(
        attribute="submitted_at",
        column_name="submitted_at",
        widget=widgets.DateTimeWidget(),
        readonly=True,
    )
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        widget=widgets.DateTimeWidget(),
        readonly=True,
    )

    # What the secretariat knows and the spreadsheet shows, never imports.
    is_late = fields.Field(
        attribute="is_late", column_name="late", widget=widgets.BooleanWidget(), readonly=True
    )
    late_decision = fields.Field(
        attribute="late_decision", column_name="late_decision", readonly=True
    )
    translations_posted = fields.Field(column_name="translations_posted", readonly=True)
    confirmed_sources = fields.Field(column_name="confirmed_sources", readonly=True)

    class Meta:
        model = Contribution
        import_id_fields = ["id"]
        fields = [
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
            "is_late",
            "late_decision",
            "translations_posted",
            "confirmed_sources",
        ]
        export_order = fields
        # Runs the model's validation, so an unknown kind, language or access is refused.
        clean_model_instances = True
        instance_loader_class = DocumentLoader
        # Rows are written BATCH_SIZE at a time by `bulk_create` and `bulk_update` below.
        use_bulk = True
        batch_size = BATCH_SIZE
        # The preview's changes are read before and after each row (`after_init_instance`,
        # `after_import_row`) rather than from the library's deep copy of each document,
        # which copies everything read with it and cost more than the rest of the row.
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.organizations = {}  # each name a file gives: its organization, or None

    def get_queryset(self):
        return Contribution.objects.with_register_data().prefetch_related(posted_translations())

    def dehydrate_sources(self, contribution):
        return SOURCE_SEPARATOR.join(org.name for org in contribution.source_list)

    def dehydrate_confirmed_sources(self, contribution):
        return SOURCE_SEPARATOR.join(
            source.organization.name
            for source in contribution.sources.all()
            if source.confirmation == SourceConfirmation.CONFIRMED
        )

    def dehydrate_translations_posted(self, contribution):
        translations = getattr(contribution, "posted_translations", None)
        if translations is None:
            translations = contribution.translations.filter(status=TranslationStatus.POSTED)
        codes = {translation.language for translation in translations}
        return SOURCE_SEPARATOR.join(code for code in Language.values if code in codes)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.user = kwargs.get("user")
        # What the rows name, read at once, and afresh for each import.
        self.fields["meeting"].widget = MeetingWidget()
        self.organizations = {}
        if "meeting" in dataset.headers:
            self.fields["meeting"].widget.prefetch(dataset["meeting"])
        if "sources" in dataset.headers:
            self._read_organizations({n for cell in dataset["sources"] for n in _names(cell)})

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.row_diff = (self.get_diff_class()(self, instance, new), instance)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        diff, instance = self.row_diff
        diff.compare_with(self, instance)
        if not self._meta.skip_html_diff:
            row_result.diff = diff.as_html()

    def import_instance(self, instance, row, **kwargs):
        numbered_meeting = instance.meeting_id if instance.number is not None else None
        super().import_instance(instance, row, **kwargs)
        errors = {}
        if instance._state.adding and instance.pk is not None:
            # A row that names an id must match a document: ids are not invented here.
            errors["id"] = _("No document with id %(id)s.") % {"id": instance.pk}
        if numbered_meeting is not None and instance.meeting_id != numbered_meeting:
            errors["meeting"] = _("A numbered document stays in the meeting that numbered it.")
        if "sources" in row:
            instance._imported_sources = self._organizations(row["sources"], errors)
            if not instance._imported_sources and instance._state.adding:
                errors["sources"] = _("Name at least the submitting organization.")
        if errors:
            raise ValidationError(errors)

    def _organizations(self, value, errors):
        names = _names(value)
        self._read_organizations(set(names))
        if unknown := [name for name in names if self.organizations[name] is None]:
            errors["sources"] = _("Unknown organization: %(names)s.") % {
                "names": SOURCE_SEPARATOR.join(unknown)
            }
        return [self.organizations[name] for name in names if name not in unknown]

    def _read_organizations(self, names):
        if names := names - self.organizations.keys():
            found = Organization.objects.in_bulk(names, field_name="name")
            self.organizations.update((name, found.get(name)) for name in names)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation of the fields an import writes, as the admin's change
        form validates the fields it shows.

        The others an import never writes: what the database holds of them passed its
        checks and stays as it was, and so do the model's constraints, which are all on
        them (the register number's uniqueness, an amendment's base). A meeting the row
        names was read by the widget, or with the document, in this transaction. Checking
        these again would cost queries for every row and could not refuse one.
        """
        errors = dict(import_validation_errors or {})
        exclude = {*errors, *NOT_IMPORTED}
        if instance.meeting_id is not None:
            exclude.add("meeting")
        try:
            instance.full_clean(
                exclude=exclude, validate_unique=validate_unique, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        wanted = getattr(instance, "_imported_sources", None)
        if instance._state.adding or wanted is None:
            return  # A new draft's sources are named with it, in `bulk_create`.
        if [org.pk for org in wanted] == [s.organization_id for s in instance.sources.all()]:
            return
        # The one way sources are written, as in the member area and the admin: the
        # submitter stands confirmed by the importing secretariat, co-sponsors confirm.
        set_sources(
            contribution=instance,
            submitter=wanted[0],
            cosponsors=wanted[1:],
            by=kwargs.get("user"),
        )

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Save the new drafts with their history and sources, as `save` and `set_sources`
        would each one."""
        if self.create_instances and (using_transactions or not dry_run):
            try:
                drafts = self.create_instances
                for draft in drafts:
                    draft.take_meetings_group()
                bulk_create_with_history(drafts, Contribution, batch_size=batch_size)
                name_first_sources(
                    drafts=[(draft, getattr(draft, "_imported_sources", [])) for draft in drafts],
                    by=self.user,
                    batch_size=batch_size,
                )
                records_changed()  # written in bulk, unseen by the public pages' signals
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Save the edited documents with their history, as `save` would each one: only the
        imported fields, so a document published meanwhile stays published; then the marks
        of superseded versions and the search index, which follow from what they say."""
        if self.update_instances and (using_transactions or not dry_run):
            try:
                save_edits(self.update_instances, batch_size=batch_size)
                records_changed()
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()


# Every field of a document but those an import writes.
NOT_IMPORTED = [
    field.name for field in Contribution._meta.concrete_fields if field.name not in IMPORTED_FIELDS
]


def _names(cell):
    """The organizations a "sources" cell names, each once, in its order."""
    names = (name.strip() for name in str(cell or "").split(SOURCE_SEPARATOR.strip()))
    return list(dict.fromkeys(name for name in names if name))


def save_edits(documents, *, batch_size=None):
    """Write what an import changed in `documents`, a row each, with a history row each."""
    now = timezone.now()
    for document in documents:
        document.updated_at = now
        document.take_meetings_group()
    # In the rows' order: a document a file names twice ends as its last row says.
    update_each(documents, [*IMPORTED_FIELDS, "group", "updated_at"])
    Contribution.history.bulk_history_create(documents, update=True, batch_size=batch_size)
    # As `Contribution.save` does for a revision whose access may have changed.
    mark_superseded([d.base_id for d in documents if d.amendment_kind == AmendmentKind.REVISION])
    index_documents_later([document.pk for document in documents if document.number is not None])


def update_each(documents, fields):
    """Write `fields` of each of `documents`: one UPDATE statement, run for every document
    (executemany). `QuerySet.bulk_update` writes a CASE per field with a branch for each
    document of the batch instead, which costs Django and PostgreSQL more for each row the
    longer the batch: it took longer than all the rest of an import of edits."""
    fields = [Contribution._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, pk = quote(Contribution._meta.db_table), quote(Contribution._meta.pk.column)
    rows = [
        [field.get_db_prep_save(getattr(document, field.attname), connection) for field in fields]
        + [document.pk]
        for document in documents
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", rows)  # noqa: S608
