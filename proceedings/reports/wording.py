"""Words and phrases of a report, in the active language (gettext, `translation.override`).

Helpers that know nothing of the records beyond a meeting's place: ordinals, lists,
dates, capitals and full stops, the names of organizations in a sentence.
"""

from django.contrib.humanize.templatetags.humanize import ordinal as numeric_ordinal
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings.enums import MeetingFormat

# Django's code for each document language (Chinese is simplified Chinese).
DJANGO_LANGUAGE = {"zh": "zh-hans"}


def django_language(language):
    """Django's language code for a document language ("zh" is "zh-hans")."""
    return DJANGO_LANGUAGE.get(language, language)


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
    """'16 October 2023', '29-30 January 2024', '30 January - 2 February 2024'."""
    if start == end:
        return format_date(start)
    day_first = date_format_string() in ("j E Y", "j F Y")
    if day_first and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{format_date(end)}"
    if day_first and start.year == end.year:
        month = date_format_string()[2]
        return f"{formats.date_format(start, f'j {month}')} - {format_date(end)}"
    return f"{format_date(start)} - {format_date(end)}"


def sentence_start_lowered(text):
    """The text after 'In the first meeting of the EG-ITRs, ': an initial article lowered.

    Only the words translators list are lowered, so that a name keeps its capital.
    """
    first, _space, rest = text.partition(" ")
    lowerable = pgettext("sentence-initial words that may be lowercased", "The A An This It")
    if first in lowerable.split():
        return f"{first.lower()} {rest}" if rest else first.lower()
    return text


def lower_initial(text):
    """'Work plan of the EG-ITRs' -> 'work plan of the EG-ITRs'; 'ITU budget' stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def full_stop(text):
    text = text.strip()
    return text if not text or text[-1] in ".!?…。" else f"{text}."


def organization_in_sentence(organization):
    """'the Russian Federation', 'Brazil': English takes an article before some names."""
    name = organization.name
    if not translation.get_language().startswith("en") or "(" in name:
        return name
    words = name.replace(".", "").split()
    takes_article = words[0] == "United" or {
        "Federation",
        "Republic",
        "Rep",
        "Kingdom",
        "Emirates",
        "Islands",
    } & set(words)
    plural_or_customary = {
        "Bahamas",
        "Comoros",
        "Gambia",
        "Holy See",
        "Maldives",
        "Netherlands",
        "Niger",
        "Philippines",
        "Sudan",
    }
    return f"the {name}" if takes_article or name in plural_or_customary else name


def paragraph_blocks(text):
    """The blank-line-separated blocks of a free-text field, each one paragraph."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def meeting_place(meeting):
    """'at the ITU Headquarters in Geneva, Switzerland', 'online'."""
    if meeting.format == MeetingFormat.VIRTUAL:
        return _("online")
    place = ", ".join(part for part in [meeting.city, meeting.country] if part)
    if meeting.venue and place:
        where = _("at the %(venue)s in %(place)s") % {"venue": meeting.venue, "place": place}
    elif meeting.venue:
        where = _("at the %(venue)s") % {"venue": meeting.venue}
    elif place:
        where = _("in %(place)s") % {"place": place}
    else:
        return _("online") if meeting.format == MeetingFormat.HYBRID else ""
    if meeting.format == MeetingFormat.HYBRID:
        return _("%(place)s and online") % {"place": where}
    return where
