"""The workflow's record: each move of a document from one status to another."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributions.enums import ContributionStatus
from contributions.models.documents import Contribution


class StatusChange(models.Model):
    """One move of a contribution through its workflow. Append-only."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("contribution"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ContributionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ContributionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["contribution_id", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
