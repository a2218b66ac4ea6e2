"""The languages of a document in the admin: where each stands, requests, posting."""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from contributions import services
from contributions.admin.forms import PostTranslationForm, RequestTranslationsForm
from contributions.admin.pages import DocumentPagesMixin
from contributions.enums import Language, TranslationStatus
from contributions.files import FileRefused
from contributions.models import ContributionFile, Translation
from egitrs.admin import REFUSALS, add_refusal, error_reason


def translation_refused(form, error):
    """A refusal of the file shows on the file field, any other above the form."""
    if isinstance(error, FileRefused):
        form.add_error("file", error)
    else:
        add_refusal(form, error)


def language_status(language, original_language, translation):
    """Where one language of a document or a report stands, as its row in the admin says."""
    if language == original_language:
        return _("Original")
    if translation is not None:
        return translation.get_status_display()
    return TranslationStatus.NOT_REQUIRED.label


def languages_table(rows, files_heading, file_cell):
    """The languages panel of a change page: each language, where it stands, its files."""
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        ((row.label, row.status, file_cell(row)) for row in rows),
    )
    return format_html(
        '<table class="languages"><thead><tr><th scope="col">{}</th><th scope="col">{}'
        '</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("Language"),
        _("Status"),
        files_heading,
        body,
    )


def language_names(codes):
    return ", ".join(str(Language(code).label) for code in codes)


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
        rows.append(
            LanguageRow(
                code=language.value,
                label=language.label,
                status=language_status(language, contribution.original_language, translation),
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


class TranslationPagesMixin(DocumentPagesMixin):
    """The languages panel of the change page and the translation pages behind it."""

    @admin.display(description=_("languages"))
    def languages_panel(self, contribution):
        if contribution.pk is None:
            return self.get_empty_value_display()
        return languages_table(
            language_rows(contribution),
            _("Current file"),
            lambda row: _file_link(row.file) or self.get_empty_value_display(),
        )

    def _translations_url(self, contribution):
        return reverse("admin:contributions_contribution_translations", args=[contribution.pk])

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
                    "languages": language_names(form.cleaned_data["languages"]),
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
            on_error=translation_refused,
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
