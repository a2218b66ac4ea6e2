"""The forms of the intermediate pages: what the secretariat says when it acts."""

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from contributions.enums import ContributionStatus, Language, LateDecision
from contributions.files import check_document_file
from contributions.models import Contribution
from members.models import Organization


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    abstract = forms.CharField(
        label=_("Abstract"), required=False, widget=forms.Textarea(attrs={"rows": 5, "cols": 80})
    )
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Kept in the document's history with the text it had before."),
    )


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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.check_file(upload)
        return upload

    def check_file(self, upload):
        check_document_file(upload)


class ContributionAdminForm(forms.ModelForm):
    """A register entry as the secretariat makes or edits it; sources as organizations.

    The submitting organization and the co-sponsors are not rows to edit: they are given
    here and set by `contributions.services.set_sources` (through `create_draft` and
    `update_draft`), as in the member area and the import.
    """

    submitter = forms.ModelChoiceField(
        label=_("submitting organization"),
        queryset=Organization.objects.filter(active=True),
        help_text=_("The first source: the organization in whose name the document is made."),
    )
    cosponsors = forms.ModelMultipleChoiceField(
        label=_("co-sponsors"),
        queryset=Organization.objects.filter(active=True),
        required=False,
        widget=FilteredSelectMultiple(_("co-sponsors"), is_stacked=False),
        help_text=_("Each is asked to confirm; until it does, it is not shown as a source."),
    )

    class Meta:
        model = Contribution
        fields = [
            "meeting",
            "kind",
            "title",
            "abstract",
            "original_language",
            "access_level",
            "agenda_items",
            "is_requested",
            "base",
            "amendment_kind",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contribution = self.instance
        if contribution.pk is not None:
            sources = list(contribution.sources.select_related("organization"))
            if sources:
                self.fields["submitter"].initial = sources[0].organization
                self.fields["submitter"].disabled = True
            self.fields["cosponsors"].initial = [s.organization for s in sources[1:]]
            if contribution.status != ContributionStatus.DRAFT:
                # Who co-sponsors is settled with the submission.
                self.fields["cosponsors"].disabled = True

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        new = self.instance.pk is None
        # A meeting's past is brought in as a history file, with its dates.
        if (
            new
            and meeting is not None
            and cleaned.get("base") is None
            and not meeting.accepts_contributions()
        ):
            self.add_error(
                "meeting",
                _("%(meeting)s does not take contributions now.") % {"meeting": meeting},
            )
        return cleaned
