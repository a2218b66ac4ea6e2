"""The secretariat's admin for reports: meeting reports and reports to the parent body.

A draft's free-text fields and added paragraphs are edited here; the report is built from
the records. Approval, publication and new versions go through `proceedings.services`,
from the buttons of the report's page; an approved report is read-only.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from contributions.enums import Language
from egitrs.admin import (
    REFUSALS,
    FormPageMixin,
    NoRevertHistoryAdmin,
    PolicyAdminMixin,
    error_reason,
)
from meetings.admin import MeetingChoicesMixin
from meetings.models import AgendaItem, ExpertGroup
from proceedings import rules, services
from proceedings.admin.translations import ReportTranslationPagesMixin
from proceedings.enums import ReportKind, ReportStatus
from proceedings.models import Decision, Report, ReportParagraph
from proceedings.policies import report_policy

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Set by the services only, so shown read-only.
APPROVAL_FIELDS = [
    "status",
    "version",
    "previous_version",
    "approved_by",
    "approved_at",
    "published_at",
    "rendered_sha256",
    "stored_files",
]


class ApproveReportForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Approved by decision"),
        queryset=Decision.objects.none(),
        help_text=_("The decision of a meeting of the group that approved this report."),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        # The latest meetings first: a report is approved by a recent decision.
        self.fields["decision"].queryset = (
            Decision.objects.filter(meeting__group=report.group)
            .select_related("meeting__group")
            .order_by("-meeting__start_date", "-order", "-pk")
        )


class StartProgressReportForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=ExpertGroup.objects.all())
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in (ReportKind.PROGRESS, ReportKind.FINAL)],
        initial=ReportKind.PROGRESS,
    )
    period_start = forms.DateField(label=_("Period from"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Period until"), widget=DATE_INPUT)
    parent_body_session = forms.CharField(
        label=_("Parent-body session"),
        max_length=100,
        required=False,
        help_text=_("E.g. “Council 2024”."),
    )
    parent_body_agenda_item = forms.CharField(
        label=_("Agenda item of the session"), max_length=50, required=False
    )
    parent_body_document = forms.CharField(
        label=_("Parent-body document number"),
        max_length=50,
        required=False,
        help_text=_("E.g. “C24/xx”."),
    )
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=Language.choices, initial=Language.ENGLISH
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


def start_initial(group):
    """The form's defaults for `group`: the period since its last progress report, to today."""
    if group is None:
        return {"period_end": timezone.localdate()}
    last = (
        group.reports.exclude(kind=ReportKind.MEETING)
        .filter(period_end__isnull=False)
        .order_by("-period_end")
        .first()
    )
    start = last.period_end + datetime.timedelta(days=1) if last else group.period_start
    return {"group": group, "period_start": start, "period_end": timezone.localdate()}


class ReportParagraphInline(admin.StackedInline):
    """The paragraphs the secretariat adds; the builder numbers them with its own."""

    model = ReportParagraph
    fields = ["section", "agenda_item", "order", "text"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if "agenda_item" in formset.form.base_fields:
            # Only the agenda of the report's own meeting.
            formset.form.base_fields["agenda_item"].queryset = (
                AgendaItem.objects.filter(meeting=obj.meeting)
                if obj is not None and obj.meeting_id
                else AgendaItem.objects.none()
            )
        return formset

    def _editable(self, request, obj):
        return obj is None or rules.can_edit_report(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Report)
class ReportAdmin(
    PolicyAdminMixin,
    FormPageMixin,
    MeetingChoicesMixin,
    ReportTranslationPagesMixin,
    NoRevertHistoryAdmin,
):
    """Reports are built, approved and published by the report builder; here the
    secretariat edits a draft's free-text fields. An approved report is frozen."""

    policy = report_policy
    list_display = ["__str__", "group", "kind", "status", "date"]
    list_filter = ["group", "kind", "status"]
    list_select_related = ["group"]
    search_fields = ["title", "parent_body_document"]
    fieldsets = [
        (None, {"fields": ["group", "kind", "title", "meeting", "period_start", "period_end"]}),
        (
            _("Header"),
            {
                "fields": [
                    "parent_body_session",
                    "parent_body_agenda_item",
                    "parent_body_document",
                    "date",
                    "original_language",
                    "author",
                    "purpose",
                    "action_required",
                    "strategic_plan_links",
                    "financial_implications",
                ]
            },
        ),
        (_("Conclusions"), {"fields": ["conclusions"]}),
        (_("Notes"), {"fields": ["notes"]}),
        (_("Approval"), {"fields": APPROVAL_FIELDS}),
        (_("Languages"), {"fields": ["languages_panel"]}),
    ]
    readonly_fields = [*APPROVAL_FIELDS, "languages_panel"]
    inlines = [ReportParagraphInline]
    missing_object_message = _("No such report.")

    def has_change_permission(self, request, obj=None):
        # What was approved is what is served, byte for byte: a frozen report is only read.
        if obj is not None and obj.status != ReportStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != ReportStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The form may be older than an approval made meanwhile in another tab.
        if change and not Report.objects.filter(pk=obj.pk, status=ReportStatus.DRAFT).exists():
            raise PermissionDenied
        services.record_header_basis(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("stored files"))
    def stored_files(self, report):
        renditions = report.renditions.all() if report.pk else []
        if not renditions:
            return self.get_empty_value_display()
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}, SHA-256 <code>{}</code></li>",
                ((r.get_format_display(), filesizeformat(r.size), r.sha256) for r in renditions),
            ),
        )

    def get_urls(self):
        def page(route, view, name):
            return path(route, self.admin_site.admin_view(view), name=f"proceedings_report_{name}")

        return [
            page("start/", self.start_view, "start"),
            page("<path:object_id>/approve/", self.approve_view, "approve"),
            page("<path:object_id>/publish/", self.publish_view, "publish"),
            page("<path:object_id>/new-version/", self.new_version_view, "new_version"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, unquote(object_id))
        if report is not None:
            user = request.user
            extra_context = {
                **(extra_context or {}),
                "can_approve": rules.can_approve_report(user, report),
                "can_publish": rules.can_publish_report(user, report),
                "can_start_new_version": rules.can_start_new_version(user, report),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def start_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = StartProgressReportForm(request.POST)
        else:
            form = StartProgressReportForm(initial=start_initial(self._initial_group(request)))

        def start(data):
            data = dict(data)
            return services.start_progress_report(
                group=data.pop("group"),
                period_start=data.pop("period_start"),
                period_end=data.pop("period_end"),
                by=request.user,
                **data,
            )

        return self.form_page(
            request,
            form,
            act=start,
            done=lambda report: (
                _("“%(report)s” is started. Check the header, add paragraphs, then preview.")
                % {"report": report}
            ),
            next_url=self.change_url,
            title=_("Start a progress report"),
            submit_label=_("Start the report"),
            template="admin/proceedings/report/start.html",
        )

    def _initial_group(self, request):
        groups = ExpertGroup.objects.all()
        if pk := request.GET.get("group") or request.GET.get("group__id__exact"):
            return groups.filter(pk=pk).first() if pk.isdigit() else None
        only = list(groups[:2])
        return only[0] if len(only) == 1 else None

    def approve_view(self, request, object_id):
        report = self.page_object(request, object_id, permission="view")
        return self.form_page(
            request,
            ApproveReportForm(request.POST if request.method == "POST" else None, report=report),
            act=lambda data: services.approve_report(
                report=report, decision=data["decision"], by=request.user
            ),
            done=lambda approved: (
                _("“%(report)s” is approved; its text and files are stored as approved.")
                % {"report": report}
            ),
            next_url=self.change_url(report),
            original=report,
            title=_("Approve the report"),
            submit_label=_("Approve"),
            template="admin/proceedings/report/approve.html",
        )

    def publish_view(self, request, object_id):
        """Publication cannot be undone: the page says what it will do, then does it."""
        report = self.page_object(request, object_id, permission="view")
        if request.method != "POST":
            return self.render_form_page(
                request,
                forms.Form(),
                title=_("Publish the report"),
                submit_label=_("Publish"),
                original=report,
                template="admin/proceedings/report/publish.html",
            )
        try:
            services.publish_report(report=report, by=request.user)
        except REFUSALS as error:
            self.message_user(request, error_reason(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("“%(report)s” is published.") % {"report": report},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self.change_url(report))

    @method_decorator(require_POST)
    def new_version_view(self, request, object_id):
        report = self.page_object(request, object_id, permission="view")
        try:
            draft = services.new_report_version(report=report, by=request.user)
        except REFUSALS as error:
            self.message_user(request, error_reason(error), messages.ERROR)
            return HttpResponseRedirect(self.change_url(report))
        self.message_user(
            request,
            _("Version %(version)s of “%(report)s” is started as a draft.")
            % {"version": draft.version, "report": report.title},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.change_url(draft))
