from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from egitrs.admin import FormPageMixin, adopt, save_edit
from meetings import services
from meetings.enums import MeetingStatus
from meetings.models import (
    AgendaItem,
    ExpertGroup,
    Meeting,
    Officer,
    Registration,
    TermOfReference,
)


def meeting_time(field, description, *, meeting=lambda obj: obj.meeting):
    """An admin column or read-only field: the time in `field` in the meeting's time
    zone, with its abbreviation, as the meeting's participants read it."""

    @admin.display(description=description, ordering=field)
    def display(model_admin, obj):
        return meeting(obj).local_time(getattr(obj, field))

    return display


class ServiceFormsetsMixin:
    """Rows added in an inline are made by the service that makes them (`add_row`); rows
    changed keep who and when in their history."""

    row_services = {}

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        make = self.row_services.get(formset.model)
        for row in rows:
            if row.pk is None and make is not None:
                make(request.user, form.instance, row)
            else:
                save_edit(request, row)
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()


def _add_officer(by, group, officer):
    services.add_officer(
        group=group,
        by=by,
        name=officer.name,
        role=officer.role,
        user=officer.user,
        organization=officer.organization,
        start_date=officer.start_date,
        end_date=officer.end_date,
        order=officer.order,
    )


def _add_agenda_item(by, meeting, item):
    services.add_agenda_item(
        meeting=meeting,
        by=by,
        number=item.number,
        title=item.title,
        kind=item.kind,
        order=item.order,
    )


def _register(by, meeting, registration):
    services.register_participant(
        meeting=meeting,
        by=by,
        name=registration.name,
        organization=registration.organization,
        role=registration.role,
        user=registration.user,
        attended=registration.attended,
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
class ExpertGroupAdmin(ServiceFormsetsMixin, SimpleHistoryAdmin):
    row_services = {Officer: _add_officer}

    list_display = ["acronym", "name", "parent_body", "period_start", "period_end"]
    search_fields = ["acronym", "name"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [TermOfReferenceInline, OfficerInline]

    def save_model(self, request, obj, form, change):
        if change:
            save_edit(request, obj)
            return
        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name in {f.name for f in ExpertGroup._meta.concrete_fields}
        }
        created = services.create_group(by=request.user, **fields)
        adopt(obj, created)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["order", "number", "title", "kind"]
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["name", "user", "organization", "role", "attended"]
    autocomplete_fields = ["user", "organization"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ServiceFormsetsMixin, FormPageMixin, SimpleHistoryAdmin):
    """Meetings are made planned; their status moves only by the actions (`move_meeting`)."""

    row_services = {AgendaItem: _add_agenda_item, Registration: _register}
    readonly_fields = ["status"]
    actions = ["open_selected", "close_selected", "hold_selected"]
    list_display = [
        "meeting_title",
        "start_date",
        "end_date",
        "city",
        "status",
        "deadline_display",
    ]
    list_filter = ["group", "status", "format"]
    list_select_related = ["group"]
    search_fields = ["group__acronym", "city", "venue"]
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline, RegistrationInline]

    deadline_display = meeting_time(
        "contribution_deadline", _("contribution deadline"), meeting=lambda meeting: meeting
    )

    @admin.display(description=_("meeting"), ordering="ordinal")
    def meeting_title(self, meeting):
        return meeting.title

    def save_model(self, request, obj, form, change):
        if change:
            save_edit(request, obj)
            return
        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name in {f.name for f in Meeting._meta.concrete_fields} and name != "status"
        }
        created = services.create_meeting(by=request.user, **fields)
        adopt(obj, created, "status", "contribution_deadline")

    def _move(self, request, queryset, to, done):
        self.run_each(
            request,
            queryset.select_related("group"),
            lambda meeting: services.move_meeting(meeting=meeting, to=to, by=request.user),
            done=done,
            failed=_("%(title)s was not changed: %(reason)s"),
        )

    @admin.action(description=_("Open for contributions"))
    def open_selected(self, request, queryset):
        self._move(
            request, queryset, MeetingStatus.OPEN, _("%(title)s is open for contributions.")
        )

    @admin.action(description=_("Close for contributions"))
    def close_selected(self, request, queryset):
        self._move(
            request, queryset, MeetingStatus.CLOSED, _("%(title)s is closed for contributions.")
        )

    @admin.action(description=_("Mark as held"))
    def hold_selected(self, request, queryset):
        self._move(request, queryset, MeetingStatus.HELD, _("%(title)s is marked as held."))


# Meetings the meeting filter lists before a group is chosen.
LISTED_MEETINGS = 100


class MeetingListFilter(admin.RelatedFieldListFilter):
    """Filter by meeting, its choices named in one query (a meeting's name needs its group).

    Beside a filter by the meeting's group (`meeting_filters`): once a group is chosen,
    its meetings; before, every meeting while there are at most LISTED_MEETINGS, and
    none past that (a register of 250 groups has 1,500 meetings, too many to list).
    """

    def field_choices(self, field, request, model_admin):
        meetings = Meeting.objects.select_related("group")
        group = request.GET.get(f"{self.field_path}__group__id__exact", "")
        if group.isdigit():
            meetings = meetings.filter(group_id=group)
        else:
            meetings = list(meetings[: LISTED_MEETINGS + 1])
            if len(meetings) > LISTED_MEETINGS:
                return []
        return [(meeting.pk, str(meeting)) for meeting in meetings]


def meeting_filters(path="meeting"):
    """The list filters by group and by meeting of a changelist of a meeting's records."""
    return [(f"{path}__group", admin.RelatedFieldListFilter), (path, MeetingListFilter)]


@admin.register(AgendaItem)
class AgendaItemAdmin(MeetingChoicesMixin, SimpleHistoryAdmin):
    """Mostly edited inline in its meeting; registered so decisions can look items up."""

    list_display = ["number", "title", "meeting"]
    # The latest meetings first; the model's own order is by meeting id, without joins.
    ordering = ["-meeting__start_date", "order", "pk"]
    list_filter = meeting_filters()
    list_select_related = ["meeting__group"]
    search_fields = ["number", "title"]
