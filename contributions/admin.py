"""The secretariat's register: documents are edited here, but moved only by the services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from contributions import services
from contributions.models import Contribution, ContributionFile, Source, StatusChange
from contributions.resources import ContributionResource
from meetings.admin import MeetingChoicesMixin, MeetingListFilter


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History to read, without "revert": a revert saves every field of the old version,
    status and number included, behind the back of the services and of approvals."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class SourceInline(admin.TabularInline):
    model = Source
    fields = ["order", "organization", "confirmation", "confirmed_by", "confirmed_at"]
    readonly_fields = ["confirmed_by", "confirmed_at"]
    autocomplete_fields = ["organization"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "confirmed_by")


class ContributionFileInline(admin.TabularInline):
    """Every upload, superseded ones included; files come in through the member area."""

    model = ContributionFile
    fields = [
        "language",
        "download",
        "original_name",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("contribution__meeting__group", "uploaded_by")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("download"))
    def download(self, contribution_file):
        return format_html(
            '<a href="{}">{}</a>',
            contribution_file.get_absolute_url(),
            contribution_file.download_name,
        )


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReturnForChangesForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Sent to the submitting delegates and kept in the status history."),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Kept in the status history."),
    )


def _reason(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(Contribution)
class ContributionAdmin(MeetingChoicesMixin, ImportExportModelAdmin, NoRevertHistoryAdmin):
    resource_classes = [ContributionResource]
    formats = [CSV, XLSX]
    list_display = [
        "register_number_display",
        "title",
        "meeting",
        "sources_display",
        "kind",
        "status",
        "is_late",
        "submitted_at",
        "published_at",
    ]
    list_display_links = ["register_number_display", "title"]
    list_filter = [
        ("meeting", MeetingListFilter),
        "status",
        "kind",
        "is_late",
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
                    "is_late",
                    "submitted_at",
                    "published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
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
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
        "amendment_ordinal",
    ]
    inlines = [SourceInline, ContributionFileInline, StatusChangeInline]
    actions = ["publish_selected", "return_selected", "withdraw_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("sources", queryset=Source.objects.select_related("organization"))
            )
        )

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
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="contributions_contribution_publish",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("number"), ordering="number")
    def register_number_display(self, contribution):
        return contribution.register_number or "–"

    @admin.display(description=_("sources"))
    def sources_display(self, contribution):
        return "; ".join(org.name for org in contribution.source_list)

    def _publish(self, request, contribution):
        try:
            contribution = services.publish_contribution(
                contribution=contribution, by=request.user
            )
        except (PermissionDenied, ValidationError) as error:
            self.message_user(
                request,
                _("“%(title)s” was not published: %(reason)s")
                % {"title": contribution.title, "reason": _reason(error)},
                messages.ERROR,
            )
            return False
        self.message_user(
            request,
            _("“%(title)s” is published as %(number)s.")
            % {"title": contribution.title, "number": contribution.register_number},
            messages.SUCCESS,
        )
        return True

    @admin.action(description=_("Publish selected documents"), permissions=["change"])
    def publish_selected(self, request, queryset):
        # Numbers are drawn in the order the documents were submitted (drafts, which cannot
        # be published, come last on every database).
        submitted_first = F("submitted_at").asc(nulls_last=True)
        for contribution in queryset.order_by("meeting", submitted_first, "pk"):
            self._publish(request, contribution)

    @method_decorator(require_POST)
    def publish_view(self, request, object_id):
        contribution = get_object_or_404(Contribution, pk=object_id)
        if not self.has_change_permission(request, contribution):
            raise PermissionDenied
        self._publish(request, contribution)
        return HttpResponseRedirect(
            reverse("admin:contributions_contribution_change", args=[contribution.pk])
        )

    @admin.action(description=_("Return selected documents for changes"), permissions=["change"])
    def return_selected(self, request, queryset):
        return self._action_with_note(
            request,
            queryset,
            form_class=ReturnForChangesForm,
            title=_("Return documents for changes"),
            submit_label=_("Return for changes"),
            run=lambda contribution, data: services.return_for_changes(
                contribution=contribution, by=request.user, reason=data["reason"]
            ),
            done=_("“%(title)s” is returned to its submitter."),
            failed=_("“%(title)s” was not returned: %(reason)s"),
        )

    @admin.action(description=_("Withdraw selected documents"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        return self._action_with_note(
            request,
            queryset,
            form_class=WithdrawForm,
            title=_("Withdraw documents"),
            submit_label=_("Withdraw"),
            run=lambda contribution, data: services.withdraw_contribution(
                contribution=contribution, by=request.user, note=data["note"]
            ),
            done=_("“%(title)s” is withdrawn."),
            failed=_("“%(title)s” was not withdrawn: %(reason)s"),
        )

    def _action_with_note(
        self, request, queryset, *, form_class, title, submit_label, run, done, failed
    ):
        """An action that asks for a note on an intermediate page, then runs per document."""
        queryset = queryset.order_by("meeting", "number", "pk")
        if "apply" in request.POST:
            form = form_class(request.POST)
            if form.is_valid():
                for contribution in queryset:
                    try:
                        run(contribution, form.cleaned_data)
                    except (PermissionDenied, ValidationError) as error:
                        self.message_user(
                            request,
                            failed % {"title": contribution.title, "reason": _reason(error)},
                            messages.ERROR,
                        )
                    else:
                        self.message_user(
                            request, done % {"title": contribution.title}, messages.SUCCESS
                        )
                return None
        else:
            form = form_class()
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "contributions": queryset,
            "action": request.POST["action"],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "submit_label": submit_label,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/contributions/contribution/action_with_note.html", context
        )
