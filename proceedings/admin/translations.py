"""The languages of a report in the admin: where each stands, requests, posting.

A report is built in its original language; the secretariat asks for the others once it
is approved, marks one in translation, and posts what comes back (a DOCX or a PDF, checked
like every document file), each through `proceedings.services`.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from contributions.admin.forms import PostTranslationForm, RequestTranslationsForm
from contributions.admin.translations import (
    language_names,
    language_status,
    languages_table,
    translation_refused,
)
from contributions.enums import Language, TranslationStatus
from egitrs.admin import REFUSALS, error_reason
from proceedings import rules, services
from proceedings.models import ReportTranslation


class PostReportTranslationForm(PostTranslationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The translated report as a DOCX or a PDF. A later file of the same format "
            "supersedes this one; both stay in the record."
        )

    def check_file(self, upload):
        services.check_translation_file(upload)


@dataclass(frozen=True)
class ReportLanguageRow:
    code: str
    label: str
    status: str
    is_original: bool
    translation: ReportTranslation | None
    files: tuple  # the current posting of each format
    earlier: tuple  # the postings they supersede, latest first

    @property
    def is_requested(self):
        return (
            self.translation is not None and self.translation.status == TranslationStatus.REQUESTED
        )


def language_rows(report):
    """The six languages of a report in ITU order: where each stands, and its postings."""
    translations = {
        row.language: row
        for row in report.translations.select_related("report__group").prefetch_related("files")
    }
    rows = []
    for language in Language:
        translation = translations.get(language.value)
        postings = sorted(translation.files.all(), key=lambda f: -f.pk) if translation else []
        current = {}
        for posting in postings:
            current.setdefault(posting.format, posting)
        rows.append(
            ReportLanguageRow(
                code=language.value,
                label=language.label,
                status=language_status(language, report.original_language, translation),
                is_original=language == report.original_language,
                translation=translation,
                files=tuple(current[format] for format in sorted(current)),
                earlier=tuple(p for p in postings if p not in current.values()),
            )
        )
    return rows


def _file_links(postings):
    return format_html_join(
        ", ", '<a href="{}">{}</a>', ((p.get_absolute_url(), p.download_name) for p in postings)
    )


class ReportTranslationPagesMixin:
    """The languages panel of a report's change page and the translation pages behind it.

    Mixed into the report admin, before Django's ModelAdmin: its pages come before the
    change page's catch-all address.
    """

    @admin.display(description=_("languages"))
    def languages_panel(self, report):
        if report.pk is None:
            return self.get_empty_value_display()
        if report.status not in rules.TRANSLATED_REPORT_STATUSES:
            return _(
                "A report is built in its original language; its translations are requested "
                "once it is approved."
            )
        return languages_table(
            language_rows(report),
            _("Current files"),
            lambda row: _file_links(row.files) or self.get_empty_value_display(),
        )

    def get_urls(self):
        def page(route, view, name):
            return path(route, self.admin_site.admin_view(view), name=f"proceedings_report_{name}")

        return [
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
            *super().get_urls(),
        ]

    def _translated_report(self, request, object_id):
        # The report is read-only once approved: these pages ask to see it, then whether
        # the user translates reports (the services ask again, with the report's state).
        report = self.page_object(request, object_id, permission="view")
        if not rules.manages_reports(request.user, report.group):
            raise PermissionDenied
        return report

    def _translations_url(self, report):
        return reverse("admin:proceedings_report_translations", args=[report.pk])

    def translations_view(self, request, object_id):
        report = self._translated_report(request, object_id)
        form = RequestTranslationsForm(
            request.POST if request.method == "POST" else None,
            original_language=report.original_language,
        )
        return self.form_page(
            request,
            form,
            act=lambda data: services.request_report_translations(
                report=report, languages=data["languages"], by=request.user
            ),
            done=lambda result: (
                _("Translations of “%(report)s” into %(languages)s are requested.")
                % {"report": report, "languages": language_names(form.cleaned_data["languages"])}
            ),
            next_url=self._translations_url(report),
            original=report,
            objects=[report],
            title=_("Languages of the report"),
            submit_label=_("Request translations"),
            template="admin/proceedings/report/translations.html",
            language_rows=language_rows(report),
            can_translate=rules.can_translate_report(request.user, report),
        )

    @method_decorator(require_POST)
    def start_translation_view(self, request, object_id):
        report = self._translated_report(request, object_id)
        language = request.POST.get("language", "")
        try:
            services.start_report_translation(report=report, language=language, by=request.user)
        except REFUSALS as error:
            self.message_user(request, error_reason(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The %(language)s translation of “%(report)s” is in translation.")
                % {"language": Language(language).label, "report": report},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._translations_url(report))

    def post_translation_view(self, request, object_id):
        report = self._translated_report(request, object_id)
        if request.method == "POST":
            form = PostReportTranslationForm(
                request.POST, request.FILES, original_language=report.original_language
            )
        else:
            form = PostReportTranslationForm(
                initial={"language": request.GET.get("language")},
                original_language=report.original_language,
            )
        return self.form_page(
            request,
            form,
            act=lambda data: services.post_report_translation(
                report=report, language=data["language"], upload=data["file"], by=request.user
            ),
            on_error=translation_refused,
            done=lambda posted: (
                _("The %(language)s translation of “%(report)s” is posted as %(name)s.")
                % {
                    "language": Language(form.cleaned_data["language"]).label,
                    "report": report,
                    "name": posted.download_name,
                }
            ),
            next_url=self._translations_url(report),
            original=report,
            objects=[report],
            title=_("Post a translation of the report"),
            submit_label=_("Post the translation"),
        )
