"""The secretariat's admin for what meetings decide: decisions, statements, work plans."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin import MeetingChoicesMixin, MeetingListFilter
from proceedings.models import Decision, Statement, WorkPlan, WorkPlanItem


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
