from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from contributions.admin import NoRevertHistoryAdmin
from meetings.admin import MeetingChoicesMixin, MeetingListFilter
from proceedings.enums import ReportStatus
from proceedings.models import Decision, Report, Statement, WorkPlan, WorkPlanItem


@admin.register(Decision)
class DecisionAdmin(MeetingChoicesMixin, SimpleHistoryAdmin):
    list_display = ["meeting", "order", "subject", "outcome"]
    list_display_links = ["subject"]
    list_filter = [("meeting", MeetingListFilter), "outcome"]
    list_select_related = ["meeting__group"]
    search_fields = ["subject", "text"]
    autocomplete_fields = ["agenda_item", "documents"]


@admin.register(Statement)
class StatementAdmin(MeetingChoicesMixin, SimpleHistoryAdmin):
    list_display = ["title", "meeting", "made_by", "decision", "report", "annex_number"]
    list_filter = [("meeting", MeetingListFilter)]
    list_select_related = ["meeting__group", "decision__meeting__group", "report"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["organizations", "decision", "document", "report"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")

    @admin.display(description=_("made by"))
    def made_by(self, statement):
        return "; ".join(org.name for org in statement.organizations.all())


class WorkPlanItemInline(MeetingChoicesMixin, admin.TabularInline):
    model = WorkPlanItem
    fields = ["order", "description", "target_meeting", "target_session", "status"]
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "group", "version", "status", "approved_by"]
    list_filter = ["group", "status"]
    list_select_related = ["group", "approved_by__meeting__group"]
    autocomplete_fields = ["approved_by", "proposed_in"]
    inlines = [WorkPlanItemInline]


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
