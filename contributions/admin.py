"""The secretariat's register: documents are edited here, but moved only by the services."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from contributions import services
from contributions.enums import (
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.models import (
    Contribution,
    ContributionFile,
    Source,
    StatusChange,
    Translation,
)
from contributions.resources import ContributionResource, posted_translations
from egitrs.admin import (
    REFUSALS,
    FormPageMixin,
    NoRevertHistoryAdmin,
    add_refusal,
    error_reason,
)
from meetings.admin import MeetingChoicesMixin, MeetingListFilter


class SourceInline(admin.TabularInline):
    """Sources in order; a confirmation changes only through the co-sponsorship services."""

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
    readonly_fields = [
        "confirmation",
        "confirmed_by",
        "confirmed_at",
        "override_reason",
        "confirm_for_organization",
    ]
    autocomplete_fields = ["organization"]
    extra = 0

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


class LateListFilter(admin.SimpleListFilter):
    title = _("late contribution")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Late, to decide")),
            (LateDecision.ACCEPTED, _("Late, accepted")),
            (LateDecision.REFUSED, _("Late, not accepted")),
            ("no", _("Not late")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "no":
            return queryset.filter(is_late=False)
        if value == "pending":
            return queryset.filter(is_late=True, late_decision=LateDecision.PENDING)
        if value in (LateDecision.ACCEPTED, LateDecision.REFUSED):
            return queryset.filter(is_late=True, late_decision=value)
        return queryset


class TranslationRequestedListFilter(admin.SimpleListFilter):
    """Documents with a translation still to post: requested or in translation."""

    title = _("translation requested")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        waiting = Exists(
            Translation.objects.filter(
                contribution=OuterRef("pk"),
                status__in=[TranslationStatus.REQUESTED, TranslationStatus.IN_TRANSLATION],
            )
        )
        if self.value() == "yes":
            return queryset.filter(waiting)
        if self.value() == "no":
            return queryset.exclude(waiting)
        return queryset


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


class LateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (LateDecision.ACCEPTED, _("Accept for the meeting")),
            (LateDecision.REFUSED, _("Do not accept")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("Kept with the document; a later decision keeps this one in its history."),
    )


class OverrideCosponsorshipForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("For example: confirmed by letter of 12 January."),
    )


def _language_choices(excluded=None):
    return [(code, label) for code, label in Language.choices if code != excluded]


class RequestTranslationsForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=_language_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, original_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = _language_choices(original_language)


class PostTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, original_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices(original_language)


# Codes of contributions.files.check_document_file: errors that belong to the file field.
FILE_ERROR_CODES = {"extension", "size", "content", "entries", "unpacked_size", "macros"}


def _translation_refused(form, error):
    if isinstance(error, ValidationError):
        field = "file" if getattr(error, "code", None) in FILE_ERROR_CODES else None
        form.add_error(field, error)
    else:
        add_refusal(form, error)


@dataclass(frozen=True)
class LanguageRow:
    code: str
    label: str
    status: str
    translation: Translation | None
    file: ContributionFile | None

    @property
    def is_requested(self):
        return (
            self.translation is not None and self.translation.status == TranslationStatus.REQUESTED
        )


def language_rows(contribution):
    """The six languages of a document in ITU order: where each stands, and its file."""
    translations = {t.language: t for t in contribution.translations.all()}
    files = {
        file.language: file
        for file in ContributionFile.objects.current()
        .filter(contribution=contribution)
        .select_related("contribution__meeting__group")
    }
    rows = []
    for language in Language:
        translation = translations.get(language.value)
        if language == contribution.original_language:
            status = _("Original")
        elif translation is not None:
            status = translation.get_status_display()
        else:
            status = TranslationStatus.NOT_REQUIRED.label
        rows.append(
            LanguageRow(
                code=language.value,
                label=language.label,
                status=status,
                translation=translation,
                file=files.get(language.value),
            )
        )
    return rows


def _file_link(contribution_file):
    if contribution_file is None:
        return ""
    return format_html(
        '<a href="{}">{}</a>',
        contribution_file.get_absolute_url(),
        contribution_file.download_name,
    )


def _language_names(codes):
    return ", ".join(str(Language(code).label) for code in codes)


@admin.register(Contribution)
class ContributionAdmin(
    FormPageMixin, MeetingChoicesMixin, ImportExportModelAdmin, NoRevertHistoryAdmin
):
    resource_classes = [ContributionResource]
    formats = [CSV, XLSX]
    list_display = [
        "register_number_display",
        "title",
        "meeting",
        "sources_display",
        "kind",
        "status",
        "late_display",
        "submitted_at",
        "published_at",
    ]
    list_display_links = ["register_number_display", "title"]
    list_filter = [
        ("meeting", MeetingListFilter),
        "status",
        "kind",
        LateListFilter,
        TranslationRequestedListFilter,
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
                    "is_requested",
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
                    "submitted_at",
                    "published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (
            _("Late contribution"),
            {
                "fields": [
                    "is_late",
                    "late_decision_display",
                    "late_reason",
                    "late_decided_by",
                    "late_decided_at",
                    "after_translation_deadline",
                ]
            },
        ),
        (_("Languages"), {"fields": ["languages_panel"]}),
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
        "late_decision_display",
        "late_reason",
        "late_decided_by",
        "late_decided_at",
        "after_translation_deadline",
        "languages_panel",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
        "amendment_ordinal",
    ]
    inlines = [SourceInline, ContributionFileInline, StatusChangeInline]
    missing_object_message = _("No such document.")
    actions = [
        "publish_selected",
        "return_selected",
        "withdraw_selected",
        "decide_late_selected",
        "request_translations_selected",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("sources", queryset=Source.objects.select_related("organization"))
            )
        )

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related(posted_translations())

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
        def page(route, view, name):
            return path(
                route,
                self.admin_site.admin_view(view),
                name=f"contributions_contribution_{name}",
            )

        return [
            page("<path:object_id>/publish/", self.publish_view, "publish"),
            page("<path:object_id>/late/", self.late_decision_view, "late_decision"),
            page("<path:object_id>/translations/", self.translations_view, "translations"),
            page(
                "<path:object_id>/translations/start/",
                self.start_translation_view,
                "translation_start",
            ),
            page(
                "<path:object_id>/translations/post/",
                self.post_translation_view,
                "translation_post",
            ),
            page(
                "<path:object_id>/sources/<int:source_id>/confirm/",
                self.source_override_view,
                "source_override",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("number"), ordering="number")
    def register_number_display(self, contribution):
        return contribution.register_number or "–"

    @admin.display(description=_("sources"))
    def sources_display(self, contribution):
        return "; ".join(org.name for org in contribution.source_list)

    @admin.display(description=_("late"))
    def late_display(self, contribution):
        if not contribution.is_late:
            return self.get_empty_value_display()
        return contribution.get_late_decision_display()

    @admin.display(description=_("decision on lateness"))
    def late_decision_display(self, contribution):
        if not contribution.is_late:
            return _("Not late")
        return contribution.get_late_decision_display()

    @admin.display(description=_("languages"))
    def languages_panel(self, contribution):
        if contribution.pk is None:
            return self.get_empty_value_display()
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            (
                (row.label, row.status, _file_link(row.file) or self.get_empty_value_display())
                for row in language_rows(contribution)
            ),
        )
        return format_html(
            '<table class="languages"><thead><tr><th scope="col">{}</th><th scope="col">{}'
            '</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("Language"),
            _("Status"),
            _("Current file"),
            rows,
        )

    def describe_for_page(self, contribution):
        return format_html(
            "<strong>{}</strong>: {} ({})",
            contribution.register_number or _("Unnumbered"),
            contribution.title,
            contribution.get_status_display(),
        )

    def _translations_url(self, contribution):
        return reverse("admin:contributions_contribution_translations", args=[contribution.pk])

    def _document_page(self, request, contribution, form, **page):
        return self.form_page(request, form, original=contribution, objects=[contribution], **page)

    def late_decision_view(self, request, object_id):
        contribution = self.page_object(request, object_id)
        return self._document_page(
            request,
            contribution,
            LateDecisionForm(request.POST if request.method == "POST" else None),
            act=lambda data: services.decide_late_contribution(
                contribution=contribution,
                by=request.user,
                accepted=data["decision"] == LateDecision.ACCEPTED,
                reason=data["reason"],
            ),
            done=_("The decision on “%(title)s” is recorded.") % {"title": contribution.title},
            next_url=self.change_url(contribution),
            title=_("Decide on a late contribution"),
            submit_label=_("Record the decision"),
            template="admin/contributions/contribution/late_decision.html",
        )

    def translations_view(self, request, object_id):
        contribution = self.page_object(request, object_id)
        form = RequestTranslationsForm(
            request.POST if request.method == "POST" else None,
            original_language=contribution.original_language,
        )
        return self._document_page(
            request,
            contribution,
            form,
            act=lambda data: services.request_translations(
                contribution=contribution, languages=data["languages"], by=request.user
            ),
            done=lambda result: (
                _("Translations of “%(title)s” into %(languages)s are requested.")
                % {
                    "title": contribution.title,
                    "languages": _language_names(form.cleaned_data["languages"]),
                }
            ),
            next_url=self._translations_url(contribution),
            title=_("Languages of the document"),
            submit_label=_("Request translations"),
            template="admin/contributions/contribution/translations.html",
            language_rows=language_rows(contribution),
        )

    @method_decorator(require_POST)
    def start_translation_view(self, request, object_id):
        contribution = self.page_object(request, object_id)
        language = request.POST.get("language", "")
        try:
            services.start_translation(
                contribution=contribution, language=language, by=request.user
            )
        except REFUSALS as error:
            self.message_user(request, error_reason(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The %(language)s translation of “%(title)s” is in translation.")
                % {"language": Language(language).label, "title": contribution.title},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._translations_url(contribution))

    def post_translation_view(self, request, object_id):
        contribution = self.page_object(request, object_id)
        if request.method == "POST":
            form = PostTranslationForm(
                request.POST, request.FILES, original_language=contribution.original_language
            )
        else:
            form = PostTranslationForm(
                initial={"language": request.GET.get("language")},
                original_language=contribution.original_language,
            )
        return self._document_page(
            request,
            contribution,
            form,
            act=lambda data: services.post_translation(
                contribution=contribution,
                language=data["language"],
                upload=data["file"],
                by=request.user,
            ),
            on_error=_translation_refused,
            done=lambda result: (
                _("The %(language)s translation of “%(title)s” is posted.")
                % {
                    "language": Language(form.cleaned_data["language"]).label,
                    "title": contribution.title,
                }
            ),
            next_url=self._translations_url(contribution),
            title=_("Post a translation"),
            submit_label=_("Post the translation"),
        )

    def source_override_view(self, request, object_id, source_id):
        contribution = self.page_object(request, object_id)
        source = get_object_or_404(
            Source.objects.select_related("organization"), pk=source_id, contribution=contribution
        )
        return self._document_page(
            request,
            contribution,
            OverrideCosponsorshipForm(request.POST if request.method == "POST" else None),
            act=lambda data: services.override_cosponsorship(
                source=source, by=request.user, reason=data["reason"]
            ),
            done=_("%(organization)s is confirmed as a source of “%(title)s”.")
            % {"organization": source.organization, "title": contribution.title},
            next_url=self.change_url(contribution),
            title=_("Confirm a co-sponsor for the organization"),
            submit_label=_("Confirm for the organization"),
            template="admin/contributions/contribution/source_override.html",
            source=source,
        )

    def _publish(self, request, contribution):
        try:
            contribution = services.publish_contribution(
                contribution=contribution, by=request.user
            )
        except REFUSALS as error:
            self.message_user(
                request,
                _("“%(title)s” was not published: %(reason)s")
                % {"title": contribution.title, "reason": error_reason(error)},
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
        contribution = self.page_object(request, object_id)
        self._publish(request, contribution)
        return HttpResponseRedirect(self.change_url(contribution))

    @admin.action(description=_("Return selected documents for changes"), permissions=["change"])
    def return_selected(self, request, queryset):
        return self._action_page(
            request,
            queryset,
            ReturnForChangesForm,
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
        return self._action_page(
            request,
            queryset,
            WithdrawForm,
            title=_("Withdraw documents"),
            submit_label=_("Withdraw"),
            run=lambda contribution, data: services.withdraw_contribution(
                contribution=contribution, by=request.user, note=data["note"]
            ),
            done=_("“%(title)s” is withdrawn."),
            failed=_("“%(title)s” was not withdrawn: %(reason)s"),
        )

    @admin.action(description=_("Decide on late contributions"), permissions=["change"])
    def decide_late_selected(self, request, queryset):
        return self._action_page(
            request,
            queryset,
            LateDecisionForm,
            title=_("Decide on late contributions"),
            submit_label=_("Record the decision"),
            run=lambda contribution, data: services.decide_late_contribution(
                contribution=contribution,
                by=request.user,
                accepted=data["decision"] == LateDecision.ACCEPTED,
                reason=data["reason"],
            ),
            done=_("The decision on “%(title)s” is recorded."),
            failed=_("No decision on “%(title)s”: %(reason)s"),
        )

    @admin.action(description=_("Request translations into …"), permissions=["change"])
    def request_translations_selected(self, request, queryset):
        def run(contribution, data):
            # One choice for documents written in different languages: each skips its own.
            languages = [
                code for code in data["languages"] if code != contribution.original_language
            ]
            if not languages:
                raise ValidationError(
                    _("it is written in %(language)s."),
                    params={"language": contribution.get_original_language_display()},
                )
            services.request_translations(
                contribution=contribution, languages=languages, by=request.user
            )

        return self._action_page(
            request,
            queryset,
            RequestTranslationsForm,
            title=_("Request translations"),
            submit_label=_("Request translations"),
            run=run,
            done=_("Translations of “%(title)s” are requested."),
            failed=_("No translation of “%(title)s” was requested: %(reason)s"),
        )

    def _action_page(self, request, queryset, form_class, **action):
        """An action on the selected documents, in register order, after a form."""
        contributions = queryset.order_by("meeting", "number", "pk")
        return self.action_form_page(
            request,
            contributions,
            form_class,
            objects_title=_("Documents"),
            contributions=contributions,
            **action,
        )
