from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    AgendaItem,
    ExpertGroup,
    Meeting,
    Officer,
    Registration,
    TermOfReference,
)


class MeetingChoicesMixin:
    """Meeting drop-downs in one query: a meeting's name needs its group."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Meeting:
            kwargs["queryset"] = Meeting.objects.select_related("group")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TermOfReferenceInline(admin.StackedInline):
    model = TermOfReference
    fields = ["order", "text"]
    extra = 0


class OfficerInline(admin.TabularInline):
    model = Officer
    fields = ["order", "name", "role", "user", "organization", "start_date", "end_date"]
    autocomplete_fields = ["user", "organization"]
    extra = 0


@admin.register(ExpertGroup)
class ExpertGroupAdmin(SimpleHistoryAdmin):
    list_display = ["acronym", "name", "parent_body", "period_start", "period_end"]
    search_fields = ["acronym", "name"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [TermOfReferenceInline, OfficerInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["order", "number", "title"]
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["name", "user", "organization", "role", "attended"]
    autocomplete_fields = ["user", "organization"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = [
        "meeting_title",
        "start_date",
        "end_date",
        "city",
        "status",
        "contribution_deadline",
    ]
    list_filter = ["group", "status", "format"]
    list_select_related = ["group"]
    search_fields = ["group__acronym", "city", "venue"]
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline, RegistrationInline]

    @admin.display(description=_("meeting"), ordering="ordinal")
    def meeting_title(self, meeting):
        return meeting.title


@admin.register(AgendaItem)
class AgendaItemAdmin(MeetingChoicesMixin, SimpleHistoryAdmin):
    """Mostly edited inline in its meeting; registered so decisions can look items up."""

    list_display = ["number", "title", "meeting"]
    list_filter = ["meeting"]
    list_select_related = ["meeting__group"]
    search_fields = ["number", "title"]


class MeetingListFilter(admin.RelatedFieldListFilter):
    """Filter by meeting, its choices named in one query (a meeting's name needs its group)."""

    def field_choices(self, field, request, model_admin):
        return [(meeting.pk, str(meeting)) for meeting in Meeting.objects.select_related("group")]
