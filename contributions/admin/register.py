"""The secretariat's register: documents are edited here, but moved only by the services."""

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from contributions.admin.actions import ContributionActionsMixin
from contributions.admin.filters import LateListFilter, TranslationRequestedListFilter
from contributions.admin.inlines import ContributionFileInline, SourceInline, StatusChangeInline
from contributions.admin.translations import TranslationPagesMixin
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy
from contributions.resources import ContributionResource, posted_translations
from egitrs.admin import NoRevertHistoryAdmin, PolicyAdminMixin
from meetings.admin import MeetingChoicesMixin, MeetingListFilter


@admin.register(Contribution)
class ContributionAdmin(
    PolicyAdminMixin,
    ContributionActionsMixin,
    TranslationPagesMixin,
    MeetingChoicesMixin,
    ImportExportModelAdmin,
    NoRevertHistoryAdmin,
):
    """The register: its changelist and filters, the change page, import and export."""

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
        "submitted_at",
        "published_at",
    ]
    list_display_links = ["register_number_display", "title"]
    list_filter = [
        ("meeting", MeetingListFilter),
        "status",
        "kind",
        LateListFilter,
        TranslationRequestedListFilter,
        "original_language",
        "access_level",
    ]
    list_select_related = ["meeting__group"]
    search_fields = ["title"]
    autocomplete_fields = ["submitted_by", "base", "agenda_items"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "meeting",
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
                    "submitted_at",
                    "published_at",
                    "created_at",
                    "updated_at",
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
                    "late_decided_at",
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
        "status",
        "register_number",
        "number",
        "is_late",
        "late_decision_display",
        "late_reason",
        "late_decided_by",
        "late_decided_at",
        "after_translation_deadline",
        "languages_panel",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
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
        if obj is not None and obj.number is not None:
            # The register number belongs to this meeting and this base document.
            readonly += ["meeting", "base", "amendment_kind"]
        return readonly

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
