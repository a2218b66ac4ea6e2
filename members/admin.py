from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from egitrs.exports import RecordedImportExportMixin
from members.enums import SecurityEventKind
from members.forms import PasswordResetForm
from members.models import Membership, Organization, Profile, SecurityEvent
from members.resources import OrganizationResource
from members.security import record_security_event


@admin.register(Organization)
class OrganizationAdmin(RecordedImportExportMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [OrganizationResource]
    formats = [CSV, XLSX]
    list_display = ["name", "kind", "region", "iso_code", "active", "delegate_count"]
    list_filter = ["kind", "region", "active"]
    search_fields = ["name", "iso_code"]
    # Explicit: the delegate count groups the rows, and a grouped query drops the model's
    # default ordering (the autocomplete of organizations pages through it).
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_delegate_count=Count("memberships"))

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("delegates"), ordering="_delegate_count")
    def delegate_count(self, organization):
        return organization._delegate_count


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "start_date", "end_date"]
    list_filter = ["role", "organization__kind"]
    list_select_related = ["user", "organization"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "organization__name",
    ]
    autocomplete_fields = ["user", "organization"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    fields = ["organization", "role", "start_date", "end_date"]
    autocomplete_fields = ["organization"]
    extra = 0


class ProfileInline(admin.StackedInline):
    model = Profile
    fields = ["language"]
    can_delete = False
    max_num = 1
    verbose_name_plural = _("mail language")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class DelegateUserAdmin(UserAdmin):
    inlines = [ProfileInline, MembershipInline]
    actions = ["send_password_link"]

    @admin.action(description=_("Send a link to set the password"), permissions=["change"])
    def send_password_link(self, request, queryset):
        sent = []
        for user in queryset.filter(is_active=True).exclude(email="").order_by("username"):
            PasswordResetForm().send_link(request=request, user=user)
            sent.append(user.get_username())
        if sent:
            self.message_user(
                request,
                _("Sent a link to set the password to: %(users)s.") % {"users": ", ".join(sent)},
                messages.SUCCESS,
            )
        if skipped := queryset.count() - len(sent):
            self.message_user(
                request,
                ngettext(
                    "%(count)d account has no e-mail address or is inactive: nothing sent.",
                    "%(count)d accounts have no e-mail address or are inactive: nothing sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only a superuser grants powers: the secretariat manages accounts, not rights.
            readonly += ["is_superuser", "groups", "user_permissions"]
        return readonly


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log, to read: nobody adds, changes or deletes an event, superusers
    neither (the model has no such permissions; these say so to the admin too)."""

    list_display = ["at", "kind", "username", "ip_address", "path"]
    # By date through the filter (today, past 7 days, ...): a date hierarchy would scan
    # the whole log for the days it shows.
    list_filter = ["kind", "at"]
    search_fields = ["username", "ip_address"]
    fields = ["at", "kind", "user", "username", "ip_address", "user_agent", "path", "details"]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class LockedLoginAdmin(AccessAttemptAdmin):
    """Axes' failed logins, which the secretariat lifts: deleting a row forgets its
    failures, so that account and address may log in again at once."""

    actions = ["unlock"]

    @admin.action(description=_("Unlock: forget these failures"), permissions=["delete"])
    def unlock(self, request, queryset):
        count = len(queryset)
        self.delete_queryset(request, queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d record of failed logins deleted: they may log in again.",
                "%(count)d records of failed logins deleted: they may log in again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        self._record_unlock(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._record_unlock(request, queryset)
        super().delete_queryset(request, queryset)

    def _record_unlock(self, request, attempts):
        for attempt in attempts:
            record_security_event(
                SecurityEventKind.UNLOCKED,
                request=request,
                unlocked_username=attempt.username,
                unlocked_ip_address=attempt.ip_address,
                failures=attempt.failures_since_start,
            )
