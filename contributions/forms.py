from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contributions.enums import ContributionKind, Language
from contributions.files import allowed_extensions_text, check_document_file, size_text
from meetings.enums import AccessLevel
from members.models import Organization
from members.rules import is_secretariat, organizations_of

# What a delegate may make; the secretariat prepares the other kinds.
DELEGATE_KINDS = (ContributionKind.CONTRIBUTION, ContributionKind.INFORMATION)
DELEGATE_ACCESS_LEVELS = (AccessLevel.PUBLIC, AccessLevel.MEMBERS)


def _choices(enum, allowed, current=None):
    """The allowed members of `enum`, plus the current value so an edit never loses it."""
    keep = set(allowed)
    if current:
        keep.add(current)
    return [(value, label) for value, label in enum.choices if value in keep]


class ContributionForm(forms.Form):
    """Create a draft (``contribution=None``) or edit one, for `user` and `meeting`.

    After ``is_valid()``, ``submitter`` is the submitting organization and
    ``service_arguments()`` the keyword arguments of ``services.create_draft`` /
    ``services.update_draft`` that the form fills.
    """

    title = forms.CharField(label=_("Title"), max_length=500)
    abstract = forms.CharField(
        label=_("Abstract"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences on what the document proposes or reports."),
    )
    kind = forms.ChoiceField(label=_("Kind of document"))
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=Language.choices, initial=Language.ENGLISH
    )
    access_level = forms.ChoiceField(
        label=_("Who may read it once published"),
        help_text=_("“Members” means delegates who log in; the public cannot read it."),
    )
    organization = forms.ModelChoiceField(
        label=_("Submitted by (organization)"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose the organization"),
    )
    cosponsors = forms.ModelMultipleChoiceField(
        label=_("Co-sponsoring organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Optional. Hold Ctrl (Cmd on a Mac) to choose more than one; type a name's first "
            "letters to jump to it. Each co-sponsor is asked to confirm."
        ),
    )
    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Agenda items"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_requested = forms.BooleanField(
        label=_("Requested contribution"),
        required=False,
        help_text=_(
            "Requested by the meeting or the chair: never marked late. Only the secretariat "
            "sees this choice."
        ),
    )
    file = forms.FileField(label=_("File in the original language"), required=False)
    # The draft's `updated_at` when the form was loaded: the stale-form guard.
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, meeting, contribution=None, **kwargs):
        self.user = user
        self.meeting = meeting
        self.contribution = contribution
        if contribution is not None:
            kwargs.setdefault("initial", self._initial_from(contribution))
        super().__init__(*args, **kwargs)
        secretariat = is_secretariat(user)

        self.fields["kind"].choices = _choices(
            ContributionKind,
            ContributionKind.values if secretariat else DELEGATE_KINDS,
            getattr(contribution, "kind", None),
        )
        self.fields["access_level"].choices = _choices(
            AccessLevel,
            AccessLevel.values if secretariat else DELEGATE_ACCESS_LEVELS,
            getattr(contribution, "access_level", None),
        )
        if contribution is None:
            default = meeting.group.default_access
            allowed = dict(self.fields["access_level"].choices)
            self.fields["access_level"].initial = (
                default if default in allowed else AccessLevel.MEMBERS
            )

        if not secretariat:
            del self.fields["is_requested"]
        self.submitter = self._setup_organization(secretariat)
        self.chooses_organization = "organization" in self.fields
        cosponsors = Organization.objects.filter(active=True)
        if self.submitter is not None:
            cosponsors = cosponsors.exclude(pk=self.submitter.pk)
        self.fields["cosponsors"].queryset = cosponsors

        if meeting.agenda_items.exists():
            self.fields["agenda_items"].queryset = meeting.agenda_items.all()
        else:
            del self.fields["agenda_items"]

        limit = size_text(settings.CONTRIBUTION_MAX_UPLOAD_BYTES)
        types = allowed_extensions_text()
        if contribution is None:
            self.fields["file"].help_text = _(
                "%(types)s, at most %(limit)s. You may save the draft without it and add "
                "it later; it is needed to submit."
            ) % {"types": types, "limit": limit}
        else:
            self.fields["file"].help_text = _(
                "%(types)s, at most %(limit)s. Leave empty to keep the current file; a new "
                "file replaces it."
            ) % {"types": types, "limit": limit}
        if contribution is None:
            del self.fields["updated_at"]

    @staticmethod
    def _initial_from(contribution):
        return {
            "title": contribution.title,
            "abstract": contribution.abstract,
            "kind": contribution.kind,
            "original_language": contribution.original_language,
            "access_level": contribution.access_level,
            "cosponsors": [source.organization for source in contribution.sources.all()[1:]],
            "agenda_items": list(contribution.agenda_items.all()),
            "is_requested": contribution.is_requested,
            "updated_at": contribution.updated_at.isoformat(),
        }

    def _setup_organization(self, secretariat):
        """Offer a choice of submitter only when there is one to make; else fix it."""
        field = self.fields["organization"]
        if self.contribution is not None:
            del self.fields["organization"]
            return self.contribution.submitting_organization
        if secretariat:
            field.queryset = Organization.objects.filter(active=True)
            return None
        mine = list(organizations_of(self.user))
        if len(mine) == 1:
            del self.fields["organization"]
            return mine[0]
        field.queryset = organizations_of(self.user)
        return None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document_file(upload)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if "organization" in self.fields and cleaned_data.get("organization"):
            self.submitter = cleaned_data["organization"]
        cosponsors = cleaned_data.get("cosponsors") or []
        if self.submitter is not None and self.submitter in cosponsors:
            self.add_error(
                "cosponsors",
                _("%(organization)s submits the document; it cannot also co-sponsor it.")
                % {"organization": self.submitter},
            )
        if self.contribution is not None:
            self._check_not_stale()
        return cleaned_data

    def _check_not_stale(self):
        current = self.contribution.updated_at.isoformat()
        if self.cleaned_data.get("updated_at") != current:
            # Show the current version's stamp, so saving again, on purpose, goes through.
            self.data = self.data.copy()
            self.data[self.add_prefix("updated_at")] = current
            raise ValidationError(
                _(
                    "Someone changed this draft after you opened it. Your changes were not "
                    "saved: check the draft in another tab, then save again to overwrite it."
                ),
                code="stale",
            )

    def service_arguments(self):
        data = self.cleaned_data
        arguments = {
            "title": data["title"],
            "abstract": data["abstract"],
            "kind": data["kind"],
            "original_language": data["original_language"],
            "access_level": data["access_level"],
            "cosponsors": list(data["cosponsors"]),
            "agenda_items": list(data.get("agenda_items") or []),
            "upload": data.get("file") or None,
        }
        if "is_requested" in self.fields:
            arguments["is_requested"] = data["is_requested"]
        return arguments


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the document is withdrawn; recorded in its history."),
    )
