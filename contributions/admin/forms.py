"""The forms of the intermediate pages: what the secretariat says when it acts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contributions.enums import Language, LateDecision


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
