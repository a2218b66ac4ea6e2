import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from history.enums import ImportStatus


def upload_to(instance, filename):
    # A generated name: what the secretariat uploaded is kept, never overwritten.
    return f"history-imports/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class HistoryImport(models.Model):
    """A history file the secretariat uploaded: what its dry run found, and its import."""

    file = models.FileField(_("file"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("name as uploaded"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, editable=False
    )
    summary = models.JSONField(_("dry-run summary"), default=dict, editable=False)
    problems = models.JSONField(_("problems"), default=list, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("history import")
        verbose_name_plural = _("history imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_importable(self):
        return self.status == ImportStatus.CHECKED
