"""The secretariat's admin for what meetings decide: decisions, statements, work plans.

Annex numbers and work-plan statuses change only through `proceedings.services`: the
forms show them read-only and route changes to the services.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from egitrs.admin import (
    REFUSALS,
    FormPageMixin,
    NoRevertHistoryAdmin,
    PolicyAdminMixin,
    adopt,
    error_reason,
    save_edit,
)
from meetings.admin import MeetingChoicesMixin, meeting_filters
from proceedings import services
from proceedings.enums import ReportStatus, WorkPlanStatus
from proceedings.models import Decision, Statement, WorkPlan, WorkPlanItem
from proceedings.policies import decision_policy, statement_policy, work_plan_policy
from proceedings.services.work_plans import APPROVING_OUTCOMES


class DecisionForm(forms.ModelForm):
    """A decision takes only the agenda items and documents of its own meeting."""

    class Meta:
        model = Decision
        fields = [
            "meeting",
            "agenda_item",
            "subject",
            "outcome",
            "text",
            "procedural",
            "documents",
            "order",
        ]

    def clean(self):
        cleaned = super().clean()
        if meeting := cleaned.get("meeting"):
            try:
                services.check_own_meeting(
                    meeting,
                    agenda_item=cleaned.get("agenda_item"),
                    documents=cleaned.get("documents") or (),
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    self.add_error(field, messages_)
        return cleaned


@admin.register(Decision)
class DecisionAdmin(PolicyAdminMixin, MeetingChoicesMixin, SimpleHistoryAdmin):
    form = DecisionForm
    policy = decision_policy
    list_display = ["meeting", "order", "subject", "outcome", "procedural"]
    # The latest meetings first; the model's own order is by meeting id, without joins.
    ordering = ["-meeting__start_date", "order", "pk"]
    list_display_links = ["subject"]
    list_filter = [*meeting_filters(), "outcome"]
    list_select_related = ["meeting__group"]
    search_fields = ["subject", "text"]
    autocomplete_fields = ["agenda_item", "documents"]

    def save_model(self, request, obj, form, change):
        if change:
            save_edit(request, obj)
            return
        data = form.cleaned_data
        created = services.record_decision(
            meeting=data["meeting"],
            by=request.user,
            subject=data["subject"],
            outcome=data["outcome"],
            agenda_item=data.get("agenda_item"),
            text=data.get("text", ""),
            procedural=data.get("procedural", False),
            documents=data.get("documents") or (),
            order=data.get("order"),
        )
        adopt(obj, created)


class StatementForm(forms.ModelForm):
    """A statement, and where it goes among its report's annexes (numbered by the services)."""

    annex_position = forms.IntegerField(
        label=_("position among the report's statements"),
        min_value=1,
        required=False,
        help_text=_(
            "1 for the first statement annexed to the report. Empty: after the others, or "
            "where it is. The statements are renumbered without gaps."
        ),
    )
    first_annex_number = forms.IntegerField(
        label=_("number of the report's first statement"),
        min_value=1,
        required=False,
        help_text=_(
            "E.g. 2 when Annex 1 is the work plan: the report numbers the annexes it builds "
            "in the places the statements leave free. Empty: unchanged (1 at first)."
        ),
    )

    class Meta:
        model = Statement
        fields = ["meeting", "organizations", "decision", "title", "text", "document", "report"]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and cleaned.get("document") is None:
            self.add_error("text", _("Give the statement's text or the document that holds it."))
        if meeting := cleaned.get("meeting"):
            try:
                services.check_own_meeting(
                    meeting, decision=cleaned.get("decision"), document=cleaned.get("document")
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    self.add_error(field, messages_)
        if "report" not in self.fields:
            return cleaned
        report = cleaned.get("report")
        current = self.instance.report if self.instance.report_id else None
        moving = (
            report != current or cleaned.get("annex_position") or cleaned.get("first_annex_number")
        )
        if report is not None and moving and report.status != ReportStatus.DRAFT:
            self.add_error(
                "report",
                _("“%(report)s” is no longer a draft: its annexes can no longer change.")
                % {"report": report},
            )
        return cleaned


@admin.register(Statement)
class StatementAdmin(PolicyAdminMixin, FormPageMixin, MeetingChoicesMixin, NoRevertHistoryAdmin):
    policy = statement_policy
    form = StatementForm
    list_display = ["title", "meeting", "made_by", "decision", "report", "annex_number"]
    ordering = ["-meeting__start_date", "annex_number", "pk"]
    list_filter = meeting_filters()
    list_select_related = ["meeting__group", "decision__meeting__group", "report"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["organizations", "decision", "document", "report"]
    readonly_fields = ["annex_number"]
    fieldsets = [
        (None, {"fields": ["meeting", "organizations", "decision", "title", "text", "document"]}),
        (
            _("Annex"),
            {"fields": ["report", "annex_number", "annex_position", "first_annex_number"]},
        ),
    ]
    actions = ["move_up", "move_down", "detach"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.report_id and obj.report.status != ReportStatus.DRAFT:
            # Annexed to an approved report: what was approved stays as it was.
            return [*self.readonly_fields, "report", "annex_position", "first_annex_number"]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        readonly = self.get_readonly_fields(request, obj)
        # Form-only fields cannot be shown read-only: leave them out instead.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        field
                        for field in options["fields"]
                        if not (
                            field in ("annex_position", "first_annex_number") and field in readonly
                        )
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("made by"))
    def made_by(self, statement):
        return "; ".join(org.name for org in statement.organizations.all())

    def _save_statement(self, request, obj, form, change):
        """A new statement is recorded by `record_statement`; an edit keeps its history."""
        if change:
            save_edit(request, obj)
            return
        data = form.cleaned_data
        created = services.record_statement(
            meeting=data["meeting"],
            by=request.user,
            title=data["title"],
            organizations=data.get("organizations") or (),
            decision=data.get("decision"),
            text=data.get("text", ""),
            document=data.get("document"),
        )
        adopt(obj, created)

    def save_model(self, request, obj, form, change):
        if "report" not in form.cleaned_data:
            return self._save_statement(request, obj, form, change)
        report = form.cleaned_data["report"]
        position = form.cleaned_data.get("annex_position")
        first_number = form.cleaned_data.get("first_annex_number")
        # The annex is set by the services below; the form saves everything else.
        current = Statement.objects.filter(pk=obj.pk).values_list("report", flat=True).first()
        obj.report_id = current
        self._save_statement(request, obj, form, change)
        try:
            if report is None and current is not None:
                services.detach_statement(statement=obj, by=request.user)
            elif report is not None and (
                report.pk != current or position is not None or first_number is not None
            ):
                services.annex_statement(
                    statement=obj,
                    report=report,
                    by=request.user,
                    position=position,
                    first_number=first_number,
                )
        except REFUSALS as error:
            self.message_user(
                request,
                _("The annex of “%(title)s” was not changed: %(reason)s")
                % {"title": obj.title, "reason": error_reason(error)},
                messages.ERROR,
            )
        obj.refresh_from_db(fields=["report", "annex_number"])

    def _run(self, request, queryset, run, done):
        self.run_each(
            request,
            queryset.select_related("report").order_by("report", "annex_number"),
            run,
            done=done,
            failed=_("“%(title)s”: %(reason)s"),
        )

    def _position(self, statement):
        numbers = list(
            Statement.objects.filter(report=statement.report_id)
            .order_by("annex_number", "pk")
            .values_list("pk", flat=True)
        )
        return numbers.index(statement.pk) + 1

    def _move(self, request, statement, step):
        if statement.report_id is None:
            raise ValidationError(_("This statement is not annexed to a report."))
        services.move_statement(
            statement=statement, position=max(self._position(statement) + step, 1), by=request.user
        )

    @admin.action(description=_("Move up among the report's annexes"))
    def move_up(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda statement: self._move(request, statement, -1),
            _("“%(title)s” moved up."),
        )

    @admin.action(description=_("Move down among the report's annexes"))
    def move_down(self, request, queryset):
        # The last first, so that two neighbours selected together both move down.
        self._run(
            request,
            queryset.reverse(),
            lambda statement: self._move(request, statement, +1),
            _("“%(title)s” moved down."),
        )

    @admin.action(description=_("Take out of the report's annexes"))
    def detach(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda statement: services.detach_statement(statement=statement, by=request.user),
            _("“%(title)s” is no longer annexed."),
        )


class WorkPlanItemInline(MeetingChoicesMixin, admin.TabularInline):
    """Items are written while the plan is proposed; once approved, only their status moves
    (through the services), and a superseded plan no longer changes."""

    model = WorkPlanItem
    fields = ["order", "description", "target_meeting", "target_session", "status"]
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.status == WorkPlanStatus.PROPOSED:
            return []
        if obj.status == WorkPlanStatus.APPROVED:
            return [field for field in self.fields if field != "status"]
        return self.fields

    def has_add_permission(self, request, obj=None):
        proposed = obj is None or obj.status == WorkPlanStatus.PROPOSED
        return proposed and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        proposed = obj is None or obj.status == WorkPlanStatus.PROPOSED
        return proposed and super().has_delete_permission(request, obj)


class ApproveWorkPlanForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("approved by decision"),
        queryset=Decision.objects.none(),
        help_text=_("A decision of a meeting of the group that approves the work plan."),
    )

    def __init__(self, *args, work_plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(
                meeting__group=work_plan.group_id, outcome__in=APPROVING_OUTCOMES
            )
            .select_related("meeting__group")
            .order_by("-meeting__start_date", "order", "pk")
        )


@admin.register(WorkPlan)
class WorkPlanAdmin(PolicyAdminMixin, FormPageMixin, NoRevertHistoryAdmin):
    policy = work_plan_policy
    list_display = ["__str__", "group", "version", "status", "approved_by"]
    list_filter = ["group", "status"]
    list_select_related = ["group", "approved_by__meeting__group"]
    autocomplete_fields = ["proposed_in"]
    fields = [
        "group",
        "version",
        "title",
        "proposed_in",
        "notes",
        "status",
        "approved_by",
        "approval",
    ]
    readonly_fields = ["version", "status", "approved_by", "approval"]
    inlines = [WorkPlanItemInline]
    actions = ["approve"]
    missing_object_message = _("No such work plan.")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != WorkPlanStatus.PROPOSED:
            return [*self.readonly_fields, "group", "title", "proposed_in"]
        if obj is not None:
            # A version belongs to its group for good.
            return [*self.readonly_fields, "group"]
        return self.readonly_fields

    @admin.display(description=_("approval"))
    def approval(self, work_plan):
        if work_plan.pk is None or work_plan.status != WorkPlanStatus.PROPOSED:
            return self.get_empty_value_display()
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:proceedings_workplan_approve", args=[work_plan.pk]),
            _("Approve…"),
        )

    def save_model(self, request, obj, form, change):
        if change:
            save_edit(request, obj)
            return
        data = form.cleaned_data
        created = services.propose_work_plan(
            group=data["group"],
            by=request.user,
            title=data.get("title", ""),
            proposed_in=data.get("proposed_in"),
            notes=data.get("notes", ""),
        )
        adopt(obj, created, "version", "status")

    def save_formset(self, request, form, formset, change):
        if formset.model is not WorkPlanItem:
            return super().save_formset(request, form, formset, change)
        if form.instance.status == WorkPlanStatus.PROPOSED:
            # New items come after the others, through the service; edits keep history.
            items = formset.save(commit=False)
            for item in items:
                if item.pk is None:
                    services.add_work_plan_item(
                        work_plan=form.instance,
                        by=request.user,
                        description=item.description,
                        target_meeting=item.target_meeting,
                        target_session=item.target_session,
                        status=item.status,
                    )
                else:
                    save_edit(request, item)
            for item in formset.deleted_objects:
                item.delete()
            return None
        # An approved plan: only the items' status moves, through the service.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for item_form in formset.forms:
            if item_form.instance.pk and "status" in item_form.changed_data:
                item = services.set_work_plan_item_status(
                    item=item_form.instance,
                    status=item_form.cleaned_data["status"],
                    by=request.user,
                )
                formset.changed_objects.append((item, ["status"]))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name="proceedings_workplan_approve",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Approve… (one work plan)"))
    def approve(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one work plan to approve."), messages.ERROR)
            return None
        return HttpResponseRedirect(
            reverse("admin:proceedings_workplan_approve", args=[queryset.get().pk])
        )

    def approve_view(self, request, object_id):
        work_plan = self.page_object(request, object_id)
        return self.form_page(
            request,
            ApproveWorkPlanForm(
                request.POST if request.method == "POST" else None, work_plan=work_plan
            ),
            act=lambda data: services.approve_work_plan(
                work_plan=work_plan, decision=data["decision"], by=request.user
            ),
            done=lambda approved: _("“%(work_plan)s” is approved.") % {"work_plan": work_plan},
            next_url=self.change_url(work_plan),
            original=work_plan,
            title=_("Approve a work plan"),
            submit_label=_("Approve"),
            template="admin/proceedings/workplan/approve.html",
        )
