from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from egitrs.admin import FormPageMixin
from history import services
from history.enums import ImportStatus
from history.models import HistoryImport


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("History file"),
        help_text=_(
            "The history file (history.json), or a ZIP of it with its documents' files. "
            "Nothing is imported yet: you will see what the file holds first."
        ),
    )


class ConfirmForm(forms.Form):
    pass


@admin.register(HistoryImport)
class HistoryImportAdmin(FormPageMixin, admin.ModelAdmin):
    list_display = ["file_name", "status", "uploaded_by", "uploaded_at", "imported_at"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    review_template = "admin/history/historyimport/review.html"
    missing_object_message = _("No such history import.")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="history_historyimport_review",
            ),
            *super().get_urls(),
        ]

    def review_url(self, obj):
        return reverse("admin:history_historyimport_review", args=[obj.pk])

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        return self.form_page(
            request,
            form,
            act=lambda data: services.check_upload(upload=data["file"], by=request.user),
            done=lambda checked: (
                (
                    _("Checked “%(name)s”: read what it would create, then import it.")
                    if checked.status == ImportStatus.CHECKED
                    else _("“%(name)s” has problems: nothing can be imported from it.")
                )
                % {"name": checked.file_name}
            ),
            next_url=self.review_url,
            title=_("Upload a history file"),
            submit_label=_("Check the file"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.review_view(request, object_id)

    def review_view(self, request, object_id):
        history_import = self.page_object(request, object_id, permission="view")
        # A file already imported or refused shows its summary, with nothing to confirm.
        importable = history_import.is_importable
        posted = request.POST if request.method == "POST" and importable else None
        form = ConfirmForm(posted)
        return self.form_page(
            request,
            form,
            act=lambda data: services.confirm_import(
                history_import=history_import, by=request.user
            ),
            done=lambda done: (
                (
                    _("Imported “%(name)s”.")
                    if done.status == ImportStatus.IMPORTED
                    else _("“%(name)s” was not imported: see the problems below.")
                )
                % {"name": done.file_name}
            ),
            next_url=self.review_url,
            title=_("History file “%(name)s”") % {"name": history_import.file_name},
            submit_label=_("Import it now"),
            original=history_import,
            template=self.review_template,
            history_import=history_import,
            importable=history_import.is_importable,
        )
