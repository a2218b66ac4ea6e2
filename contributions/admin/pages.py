"""The intermediate pages about one document share its description and breadcrumbs."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from egitrs.admin import FormPageMixin


class DocumentPagesMixin(FormPageMixin):
    """A page about one document names it by number, title and status above the form."""

    def describe_for_page(self, contribution):
        return format_html(
            "<strong>{}</strong>: {} ({})",
            contribution.register_number or _("Unnumbered"),
            contribution.title,
            contribution.get_status_display(),
        )

    def _document_page(self, request, contribution, form, **page):
        return self.form_page(request, form, original=contribution, objects=[contribution], **page)
