"""The secretariat's admin for reports: meeting reports and reports to the parent body."""

from django.contrib import admin

from contributions.admin import NoRevertHistoryAdmin
from meetings.admin import MeetingChoicesMixin
from proceedings.enums import ReportStatus
from proceedings.models import Report


@admin.register(Report)
class ReportAdmin(MeetingChoicesMixin, NoRevertHistoryAdmin):
    """Reports are built, approved and published by the report builder; here the
    secretariat edits a draft's free-text fields. An approved report is frozen."""

    list_display = ["title", "group", "kind", "status", "date"]
    list_filter = ["group", "kind", "status"]
    list_select_related = ["group"]
    search_fields = ["title", "parent_body_document"]
    autocomplete_fields = ["approved_by"]
    readonly_fields = [
        "status",
        "approved_by",
        "approved_at",
        "published_at",
        "rendered_html",
        "rendered_sha256",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != ReportStatus.DRAFT:
            # What was approved is what is served, byte for byte.
            return [field.name for field in self.opts.fields if field.name != "id"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != ReportStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)
