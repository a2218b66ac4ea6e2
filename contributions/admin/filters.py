"""The register's changelist filters that are not plain fields."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from contributions.enums import LateDecision, TranslationStatus
from contributions.models import Translation


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
