"""The words of a report: its sentences from the wording templates, and the small things
every sentence takes (ordinals, lists, dates), in the active language.

A sentence is a whole message per language: a file of `templates/reports/wording/` with
`{% blocktranslate %}` and named placeholders (see its README). A group or a parent body
words it its own way with a file of the same name in its own directory, found first.
"""

import re

from django.contrib.humanize.templatetags.humanize import ordinal as numeric_ordinal
from django.template import Context
from django.template.loader import select_template
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

WORDING = "reports/wording"

# Django's code for each document language (Chinese is simplified Chinese).
DJANGO_LANGUAGE = {"zh": "zh-hans"}


def django_language(language):
    """Django's language code for a document language ("zh" is "zh-hans")."""
    return DJANGO_LANGUAGE.get(language, language)


class Wording:
    """The sentences of one group's reports: `wording("decision", outcome=..., ...)`."""

    def __init__(self, group):
        self.directories = [
            f"{WORDING}/groups/{group.slug}",
            f"{WORDING}/bodies/{slugify(group.parent_body)}",
            WORDING,
        ]
        self.templates = {}

    def __call__(self, name, **context):
        """The sentence `name` says of `context`, as plain text on one line."""
        if name not in self.templates:
            names = [f"{directory}/{name}.txt" for directory in self.directories]
            self.templates[name] = select_template(names).template
        text = self.templates[name].render(Context(context, autoescape=False))
        return fold(text)


# The white space a template or a form puts in text; a no-break space (French puts one
# before ":" and ";") is the text's own and stays.
FOLDED = re.compile(r"[ \t\r\n]+")


def fold(text):
    """`text` on one line, each run of spaces, tabs and line breaks one space."""
    return FOLDED.sub(" ", text).strip()


def ordinal(number):
    # Built at each call: the words are those of the language active now.
    words = {
        1: pgettext("ordinal", "first"),
        2: pgettext("ordinal", "second"),
        3: pgettext("ordinal", "third"),
        4: pgettext("ordinal", "fourth"),
        5: pgettext("ordinal", "fifth"),
        6: pgettext("ordinal", "sixth"),
        7: pgettext("ordinal", "seventh"),
        8: pgettext("ordinal", "eighth"),
        9: pgettext("ordinal", "ninth"),
        10: pgettext("ordinal", "tenth"),
        11: pgettext("ordinal", "eleventh"),
        12: pgettext("ordinal", "twelfth"),
    }
    return words.get(number) or numeric_ordinal(number)


def ordinal_title(number):
    """The ordinal as a title writes it ("the Second Meeting Report")."""
    words = {
        1: pgettext("ordinal in a title", "First"),
        2: pgettext("ordinal in a title", "Second"),
        3: pgettext("ordinal in a title", "Third"),
        4: pgettext("ordinal in a title", "Fourth"),
        5: pgettext("ordinal in a title", "Fifth"),
        6: pgettext("ordinal in a title", "Sixth"),
        7: pgettext("ordinal in a title", "Seventh"),
        8: pgettext("ordinal in a title", "Eighth"),
        9: pgettext("ordinal in a title", "Ninth"),
        10: pgettext("ordinal in a title", "Tenth"),
        11: pgettext("ordinal in a title", "Eleventh"),
        12: pgettext("ordinal in a title", "Twelfth"),
    }
    return words.get(number) or numeric_ordinal(number)


def join(words):
    """'a', 'a and b', 'a, b and c' in the active language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def date_format_string():
    # "E" is the month as a date uses it ("16 октября 2023"); the translation of this
    # string sets the order and the month form per language (French: "j F Y").
    return pgettext("date in a report", "j E Y")


def format_date(day):
    return formats.date_format(day, date_format_string())


def format_dates(start, end):
    """'16 October 2023', '29-30 January 2024', '30 January - 2 February 2024'.

    Each language says how much of the first day a range repeats (the translations of
    the "first day of dates" formats) and how it joins the two days.
    """
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        first = pgettext("first day of dates in one month", "j")
        joined = pgettext("dates in one month", "%(start)s-%(end)s")
    elif start.year == end.year:
        first = pgettext("first day of dates in one year", "j E")
        joined = pgettext("dates in one year", "%(start)s - %(end)s")
    else:
        first = date_format_string()
        joined = pgettext("dates across years", "%(start)s - %(end)s")
    return joined % {"start": formats.date_format(start, first), "end": format_date(end)}


def paragraph_blocks(text):
    """The blank-line-separated blocks of a free-text field, each one paragraph."""
    blocks = [fold(block) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def clause(text):
    """A clause the secretariat wrote to end a sentence, without its own full stop."""
    return fold(text).rstrip(".。")
