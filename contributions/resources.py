"""A meeting's list of documents as a spreadsheet (django-import-export).

Import edits what documents say (title, abstract, kind, languages, access, sources) and
may add drafts; it never moves a document through its workflow: status, number and
timestamps are export-only and only `contributions.services` writes them.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields, widgets

from contributions.enums import Language, SourceConfirmation, TranslationStatus
from contributions.models import Contribution, Translation
from contributions.search import index_document
from contributions.services.cosponsors import set_sources
from egitrs.exports import SpreadsheetResource
from meetings.models import Meeting
from members.models import Organization

SOURCE_SEPARATOR = "; "
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
    """A meeting as people write it, "EG-ITRs 2" (acronym and ordinal); an id also works."""

    def __init__(self, **kwargs):
        super().__init__(Meeting, **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        if not value:
            return None
        if value.isdigit():
            return super().clean(value, row=row, **kwargs)
        acronym, _space, ordinal = value.rpartition(" ")
        try:
            return Meeting.objects.select_related("group").get(
                group__acronym=acronym, ordinal=int(ordinal)
            )
        except (ValueError, Meeting.DoesNotExist):
            raise ValueError(_("No meeting “%(meeting)s”.") % {"meeting": value}) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value.group.acronym} {value.ordinal}"


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
        names = [name.strip() for name in str(value or "").split(SOURCE_SEPARATOR.strip())]
        names = list(dict.fromkeys(name for name in names if name))
        found = Organization.objects.in_bulk(names, field_name="name")
        if unknown := [name for name in names if name not in found]:
            errors["sources"] = _("Unknown organization: %(names)s.") % {
                "names": SOURCE_SEPARATOR.join(unknown)
            }
        return [found[name] for name in names if name in found]

    def do_instance_save(self, instance, is_create):
        if is_create:
            instance.save(force_insert=True)
        else:
            # Only the imported fields, so a document published meanwhile stays published.
            instance.save(update_fields=[*IMPORTED_FIELDS, "updated_at"])
            if instance.number is not None:
                index_document(instance)

    def after_save_instance(self, instance, row, **kwargs):
        wanted = getattr(instance, "_imported_sources", None)
        if wanted is None or wanted == instance.source_list:
            return
        # The one way sources are written, as in the member area and the admin: the
        # submitter stands confirmed by the importing secretariat, co-sponsors confirm.
        set_sources(
            contribution=instance,
            submitter=wanted[0],
            cosponsors=wanted[1:],
            by=kwargs.get("user"),
        )
