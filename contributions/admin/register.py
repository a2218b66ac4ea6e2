"""The secretariat's register: documents are edited here, but moved only by the services."""

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from contributions import services
from contributions.admin.actions import ContributionActionsMixin
from contributions.admin.filters import LateListFilter, TranslationRequestedListFilter
from contributions.admin.forms import ContributionAdminForm
from contributions.admin.inlines import ContributionFileInline, SourceInline, StatusChangeInline
from contributions.admin.translations import TranslationPagesMixin
from contributions.enums import ContributionStatus
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from contributions.resources import ContributionResource, posted_translations
from egitrs.admin import NoRevertHistoryAdmin, PolicyAdminMixin, adopt, save_edit
from egitrs.exports import RecordedImportExportMixin
from egitrs.paging import EstimatedPaginator
from meetings.admin import MeetingChoicesMixin, meeting_filters, meeting_time

# What publication fixes: changed afterwards only by a recorded correction (title,
# abstract) or not at all (the rest, which the register number depends on or describes).
FIXED_BY_PUBLICATION = [
    "meeting",
    "kind",
    "title",
    "abstract",
    "original_language",
    "agenda_items",
    "is_requested",
    "base",
    "amendment_kind",
]


@admin.register(Contribution)
class ContributionAdmin(
    PolicyAdminMixin,
    ContributionActionsMixin,
    TranslationPagesMixin,
    MeetingChoicesMixin,
    RecordedImportExportMixin,
    ImportExportModelAdmin,
    NoRevertHistoryAdmin,
):
    """The register: its changelist and filters, the change page, import and export."""

    form = ContributionAdminForm
    policy = contribution_policy
    resource_classes = [ContributionResource]
    formats = [CSV, XLSX]
    list_display = [
        "register_number_display",
        "title",
        "meeting",
        "sources_display",
        "kind",
        "status",
        "late_display",
        "submitted_display",
        "published_display",
    ]
    list_display_links = ["register_number_display", "title"]
    list_filter = [
        *meeting_filters(),
        "status",
        "kind",
        LateListFilter,
        TranslationRequestedListFilter,
        "original_language",
        "access_level",
    ]
    list_select_related = ["meeting__group"]
    # A filtered list says "5 of 100,000" by counting the whole register a second time.
    show_full_result_count = False
    paginator = EstimatedPaginator
    search_fields = ["title"]
    autocomplete_fields = ["base", "agenda_items"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "meeting",
                    "submitter",
                    "cosponsors",
                    "kind",
                    "title",
                    "abstract",
                    "original_language",
                    "access_level",
                    "agenda_items",
                    "submitted_by",
                    "is_requested",
                ]
            },
        ),
        (
            _("Register"),
            {
                "fields": [
                    "status",
                    "register_number",
                    "number",
                    "submitted_display",
                    "published_display",
                    "created_display",
                    "updated_display",
                ]
            },
        ),
        (
            _("Late contribution"),
            {
                "fields": [
                    "is_late",
                    "late_decision_display",
                    "late_reason",
                    "late_decided_by",
                    "late_decided_display",
                    "after_translation_deadline",
                ]
            },
        ),
        (_("Languages"), {"fields": ["languages_panel"]}),
        (
            _("Revision, addendum or corrigendum"),
            {"fields": ["base", "amendment_kind", "amendment_ordinal"]},
        ),
    ]
    readonly_fields = [
        "submitted_by",
        "status",
        "register_number",
        "number",
        "is_late",
        "late_decision_display",
        "late_reason",
        "late_decided_by",
        "late_decided_display",
        "after_translation_deadline",
        "languages_panel",
        "submitted_display",
        "published_display",
        "created_display",
        "updated_display",
        "amendment_ordinal",
    ]
    inlines = [SourceInline, ContributionFileInline, StatusChangeInline]
    missing_object_message = _("No such document.")
    actions = [
        "publish_selected",
        "return_selected",
        "withdraw_selected",
        "decide_late_selected",
        "request_translations_selected",
    ]

    # Times as the meeting reads them, in its own time zone.
    submitted_display = meeting_time("submitted_at", _("submitted"))
    published_display = meeting_time("published_at", _("published"))
    created_display = meeting_time("created_at", _("created"))
    updated_display = meeting_time("updated_at", _("updated"))
    late_decided_display = meeting_time("late_decided_at", _("decided"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("sources", queryset=Source.objects.select_related("organization"))
            )
        )

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related(posted_translations())

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in (
            ContributionStatus.PUBLISHED,
            ContributionStatus.WITHDRAWN,
        ):
            readonly += FIXED_BY_PUBLICATION
        elif obj is not None and obj.number is not None:
            # The register number belongs to this meeting and this base document.
            readonly += ["meeting", "base", "amendment_kind"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # Who made a draft and its place in the register come with it.
            first = [f for f in fieldsets[0][1]["fields"] if f != "submitted_by"]
            return [(None, {"fields": first}), fieldsets[-1]]
        return fieldsets

    def get_inlines(self, request, obj):
        return [] if obj is None else super().get_inlines(request, obj)

    def save_model(self, request, obj, form, change):
        """A new entry is a draft made by `create_draft`; a draft is changed by
        `update_draft`; a submitted one is saved with who and when in its history, and
        its co-sponsors' confirmations follow its text."""
        data = form.cleaned_data
        # A read-only field is not in the form: it keeps what the document says.
        fields = {
            name: data.get(name, getattr(obj, name))
            for name in ("kind", "title", "abstract", "original_language")
        }
        if not change:
            created = services.create_draft(
                meeting=data["meeting"],
                organization=data["submitter"],
                by=request.user,
                access_level=data.get("access_level"),
                cosponsors=data.get("cosponsors") or (),
                agenda_items=data.get("agenda_items") or (),
                is_requested=data.get("is_requested", False),
                base=data.get("base"),
                amendment_kind=data.get("amendment_kind") or "",
                **fields,
            )
            adopt(obj, created)
        elif obj.status == ContributionStatus.DRAFT:
            services.update_draft(
                contribution=obj,
                by=request.user,
                access_level=data.get("access_level"),
                cosponsors=data.get("cosponsors") or (),
                agenda_items=data.get("agenda_items") or (),
                is_requested=data.get("is_requested"),
                **{
                    **{
                        n: getattr(obj, n)
                        for n in ("kind", "title", "abstract", "original_language")
                    },
                    **fields,
                },
            )
        else:
            save_edit(request, obj)
            if obj.status == ContributionStatus.SUBMITTED:
                services.reset_confirmations(contribution=obj, by=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Documents leave the register only by withdrawal; see has_delete_permission.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.number is not None or obj.files.exists() or obj.status_changes.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        def page(route, view, name):
            return path(
                route,
                self.admin_site.admin_view(view),
                name=f"contributions_contribution_{name}",
            )

        return [
            page("<path:object_id>/publish/", self.publish_view, "publish"),
            page("<path:object_id>/correct/", self.correct_view, "correct"),
            page("<path:object_id>/late/", self.late_decision_view, "late_decision"),
            page("<path:object_id>/translations/", self.translations_view, "translations"),
            page(
                "<path:object_id>/translations/start/",
                self.start_translation_view,
                "translation_start",
            ),
            page(
                "<path:object_id>/translations/post/",
                self.post_translation_view,
                "translation_post",
            ),
            page(
                "<path:object_id>/sources/<int:source_id>/confirm/",
                self.source_override_view,
                "source_override",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("number"), ordering="number")
    def register_number_display(self, contribution):
        return contribution.register_number or "–"

    @admin.display(description=_("sources"))
    def sources_display(self, contribution):
        return "; ".join(org.name for org in contribution.source_list)

    @admin.display(description=_("late"))
    def late_display(self, contribution):
        if not contribution.is_late:
            return self.get_empty_value_display()
        return contribution.get_late_decision_display()

    @admin.display(description=_("decision on lateness"))
    def late_decision_display(self, contribution):
        if not contribution.is_late:
            return _("Not late")
        return contribution.get_late_decision_display()
