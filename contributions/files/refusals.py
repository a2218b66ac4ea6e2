"""How a file is refused: one exception for every rule, and the rules several kinds share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Browsers take a file for a web page when these appear near its start, whatever its type.
HTML_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg")
SNIFFED_BYTES = 1024


class FileRefused(ValidationError):
    """A file broke one of the rules for documents; the message names the rule."""


def content_mismatch(name, extension):
    return FileRefused(
        _("“%(name)s” is named %(extension)s but its content is not a %(kind)s document."),
        code="content",
        params={"name": name, "extension": extension, "kind": extension.lstrip(".").upper()},
    )


def damaged(name):
    return FileRefused(
        _("“%(name)s” is damaged or incomplete; save it again and upload the new file."),
        code="damaged",
        params={"name": name},
    )


def looks_like_html(head):
    head = head[:SNIFFED_BYTES].lower()
    return any(marker in head for marker in HTML_MARKERS)


def also_a_web_page(name):
    return FileRefused(
        _("“%(name)s” is also a web page (it carries HTML or script code); it was refused."),
        code="polyglot_html",
        params={"name": name},
    )
