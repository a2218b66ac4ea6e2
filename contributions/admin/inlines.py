"""The parts of a document's change page: its sources, its files, its status history."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from contributions.enums import SourceConfirmation
from contributions.models import ContributionFile, Source, StatusChange
from contributions.policies import file_policy, status_change_policy
from meetings.admin import meeting_time


class RecordInline(admin.TabularInline):
    """Rows the services write (uploads, status changes): shown, never edited here."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SourceInline(RecordInline):
    """Sources in order, as the services set them (the form's submitter and co-sponsors);
    a confirmation changes only through the co-sponsorship services."""

    model = Source
    fields = [
        "order",
        "organization",
        "confirmation",
        "confirmed_by",
        "confirmed_at",
        "override_reason",
        "confirm_for_organization",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "confirmed_by")

    @admin.display(description=_("secretariat"))
    def confirm_for_organization(self, source):
        # A letter may also correct a co-sponsor's "no": declined ones can be confirmed too.
        if source.pk is None or source.confirmation == SourceConfirmation.CONFIRMED:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "admin:contributions_contribution_source_override",
                args=[source.contribution_id, source.pk],
            ),
            _("Confirm for the organization"),
        )


class ContributionFileInline(RecordInline):
    """Every upload, superseded ones included; files come in through the member area."""

    model = ContributionFile
    fields = [
        "language",
        "download",
        "original_name",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_display",
    ]
    readonly_fields = fields
    uploaded_display = meeting_time(
        "uploaded_at", _("uploaded"), meeting=lambda file: file.contribution.meeting
    )

    def get_queryset(self, request):
        files = super().get_queryset(request)
        return file_policy.visible_to(
            request.user, files.select_related("contribution__meeting__group", "uploaded_by")
        )

    @admin.display(description=_("download"))
    def download(self, contribution_file):
        return format_html(
            '<a href="{}">{}</a>',
            contribution_file.get_absolute_url(),
            contribution_file.download_name,
        )


class StatusChangeInline(RecordInline):
    model = StatusChange
    fields = ["at_display", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    at_display = meeting_time("at", _("at"), meeting=lambda change: change.contribution.meeting)

    def get_queryset(self, request):
        changes = super().get_queryset(request).select_related("by", "contribution__meeting")
        return status_change_policy.visible_to(request.user, changes)
