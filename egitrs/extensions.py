"""Places on a left app's page where apps to its right add what they know.

The chain (members ← meetings ← contributions ← proceedings) holds for templates too: a
left app's template neither loads a right app's tags nor names its URLs. Such a page
names a *slot* instead, and an app to its right registers, from its AppConfig.ready(),
what goes there:

- a `Panel`: a template, with the function that gives its context from the values the
  page passes (`{% panels "contributions.document_detail" contribution=contribution %}`);
- a `Link`: a label and a URL name, with the function that gives the URL's arguments
  (`{% links "meetings.group_detail" group=group as group_links %}`).

Registering again under the same slot and name replaces the earlier entry, so that a
second ready() (as in some test runners) adds nothing twice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Panel:
    template_name: str
    context: Callable[..., dict] | None = None
    order: int = 0

    def get_context(self, **values):
        """The panel template's context: `context(**values)`, or the values themselves."""
        return self.context(**values) if self.context else values


@dataclass(frozen=True)
class Link:
    label: Any  # a (lazy) translated string
    url_name: str
    args: Callable[..., list]
    order: int = 0

    def url(self, **values):
        return reverse(self.url_name, args=self.args(**values))


_panels: dict[str, dict[str, Panel]] = {}
_links: dict[str, dict[str, Link]] = {}


def register_panel(slot, template_name, *, context=None, order=0):
    """Shows `template_name` in `slot`; `context(**values)` gives its context."""
    _panels.setdefault(slot, {})[template_name] = Panel(template_name, context, order)


def register_link(slot, label, url_name, *, args=None, order=0):
    """Adds a link to `url_name` in `slot`; `args(**values)` gives the URL's arguments."""
    link = Link(label, url_name, args or _no_args, order)
    _links.setdefault(slot, {})[url_name] = link


def _no_args(**values):
    return []


def panels(slot):
    """The panels registered in `slot`, by order then by registration."""
    return sorted(_panels.get(slot, {}).values(), key=lambda panel: panel.order)


def links(slot):
    """The links registered in `slot`, by order then by registration."""
    return sorted(_links.get(slot, {}).values(), key=lambda link: link.order)
