import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from contributions import search
from contributions.enums import AmendmentKind, ContributionKind, Language
from contributions.models import ContributionFile, Source
from egitrs.page_cache import kept_rows
from meetings.models import ExpertGroup
from members.models import Organization

# "2/5": meeting 2, document 5 of the register.
REGISTER_NUMBER = re.compile(r"(\d+)/(\d+)")
# "Rev.1", "(Add.2)", "corr3": an amendment and its ordinal.
AMENDMENT = re.compile(r"\(?(rev|add|corr)\.?(\d+)\)?", re.IGNORECASE)


def names_a_version(query):
    """Whether a search names a register number ("2/5", "Rev.1"): it then finds every version.

    The register lists only the latest version of a revised document, but someone who
    types the number of a superseded one is looking for that very document.
    """
    return any(
        REGISTER_NUMBER.fullmatch(word) or AMENDMENT.fullmatch(word) for word in query.split()
    )


def _number_rule(word):
    """What a word of a register number matches ("2/5", "Rev.1"); None for other words."""
    if match := REGISTER_NUMBER.fullmatch(word):
        return Q(meeting__ordinal=int(match[1]), number=int(match[2]))
    if match := AMENDMENT.fullmatch(word):
        return Q(amendment_kind=AmendmentKind(match[1].lower()), amendment_ordinal=int(match[2]))
    return None


def searched_words(value):
    """The words of a search that are not parts of a register number: the words the
    full-text search looks for, and ranks by."""
    return " ".join(word for word in value.split() if _number_rule(word) is None)


def filter_by_words(queryset, value):
    """The documents that the words of `value` find: parts of a register number, and the
    other words in the register number, title, abstract or files (`contributions.search`).
    """
    for word in value.split():
        if (rule := _number_rule(word)) is not None:
            queryset = queryset.filter(rule)
    if search.words_of(words := searched_words(value)):
        return search.matching(queryset, words)
    return queryset


class RegisterFilter(django_filters.FilterSet):
    """The filters of any list of registered documents; `queryset` is what the user may read."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_words",
        help_text=_("Words of the title, abstract or files, or a number such as 2/5."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ContributionKind.choices, empty_label=_("All kinds")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Language.choices,
        method="filter_language",
        empty_label=_("All languages"),
    )

    def filter_words(self, queryset, name, value):
        return filter_by_words(queryset, value)

    def filter_language(self, queryset, name, value):
        """Documents with a file in that language: requested or in translation do not count.

        Files are never deleted, so a language with any file has a current one: no need
        for the costlier `current()` here.
        """
        has_file = ContributionFile.objects.filter(contribution=OuterRef("pk"), language=value)
        return queryset.filter(Exists(has_file))


class DocumentFilter(RegisterFilter):
    """The filters of a group's public register."""

    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), queryset=None, empty_label=_("All meetings")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), method="filter_source", empty_label=_("All organizations")
    )

    def __init__(self, data=None, queryset=None, *, group, **kwargs):
        super().__init__(data, queryset, **kwargs)
        order = ["q", "meeting", "kind", "source", "language"]
        self.filters = {name: self.filters[name] for name in order}
        self.filters["meeting"].queryset = group.meetings.order_by("-start_date", "-ordinal")
        # Only organizations shown as sources of a document the user can see: a draft's
        # sources stay private, and a co-sponsor is named only once it has confirmed.
        # Distinct, so that the database reads the sources of this group's documents
        # once, instead of each organization's sources across the whole register; and
        # kept until the records change, since they are the same on every page.
        sources = Source.objects.confirmed().filter(contribution__in=self.queryset)
        organizations = Organization.objects.filter(
            pk__in=sources.order_by().values("organization_id").distinct()
        )
        self.filters["source"].extra["choices"] = kept_rows(
            organizations.values_list("pk", "name")
        )

    def filter_source(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Source.objects.confirmed().filter(
                    contribution=OuterRef("pk"), organization_id=value
                )
            )
        )


class SearchFilter(RegisterFilter):
    """The filters of the search across every group's register."""

    group = django_filters.ModelChoiceFilter(
        label=_("Group"),
        queryset=ExpertGroup.objects.order_by("acronym"),
        field_name="group",
        empty_label=_("All groups"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: self.filters[name] for name in ["q", "group", "kind", "language"]}
