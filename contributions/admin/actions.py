"""What the secretariat does to documents: publish, return, withdraw, decide on
lateness, request translations, confirm a co-sponsor; each through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from contributions import services
from contributions.admin.forms import (
    CorrectionForm,
    LateDecisionForm,
    OverrideCosponsorshipForm,
    RequestTranslationsForm,
    ReturnForChangesForm,
    WithdrawForm,
)
from contributions.admin.pages import DocumentPagesMixin
from contributions.enums import LateDecision
from contributions.models import Source
from egitrs.admin import REFUSALS, error_reason


class ContributionActionsMixin(DocumentPagesMixin):
    """The changelist's actions and the one-document pages of the same moves."""

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
        ordered = list(queryset.order_by("meeting", submitted_first, "pk"))
        if "apply" not in request.POST:
            # Publication cannot be undone: first say what it does, then do it.
            return self.render_form_page(
                request,
                forms.Form(),
                title=_("Publish documents"),
                submit_label=_("Publish"),
                objects=ordered,
                objects_title=_("Documents to publish"),
                hidden=[
                    *((admin.helpers.ACTION_CHECKBOX_NAME, obj.pk) for obj in ordered),
                    ("action", request.POST["action"]),
                    ("apply", "1"),
                ],
                template="admin/contributions/contribution/publish.html",
            )
        for contribution in ordered:
            self._publish(request, contribution)
        return None

    def correct_view(self, request, object_id):
        """Correct the title or abstract of a published document, with the reason."""
        contribution = self.page_object(request, object_id)
        initial = {"title": contribution.title, "abstract": contribution.abstract}
        form = CorrectionForm(request.POST if request.method == "POST" else None, initial=initial)
        return self.form_page(
            request,
            form,
            act=lambda data: services.correct_contribution(
                contribution=contribution,
                by=request.user,
                title=data["title"],
                abstract=data["abstract"],
                reason=data["reason"],
            ),
            done=_("The register entry is corrected; its history keeps the earlier text."),
            next_url=self.change_url(contribution),
            original=contribution,
            title=_("Correct the register entry"),
            submit_label=_("Correct"),
        )

    def publish_view(self, request, object_id):
        """Publication cannot be undone: the page says what it will do, then does it."""
        contribution = self.page_object(request, object_id)
        if request.method == "POST":
            self._publish(request, contribution)
            return HttpResponseRedirect(self.change_url(contribution))
        return self.render_form_page(
            request,
            forms.Form(),
            title=_("Publish the document"),
            submit_label=_("Publish"),
            original=contribution,
            template="admin/contributions/contribution/publish.html",
        )

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
