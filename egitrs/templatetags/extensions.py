"""`{% panels %}` and `{% links %}`: what apps to the right add to a page (see
`egitrs.extensions`)."""

from dataclasses import dataclass

from django import template
from django.utils.safestring import mark_safe

from egitrs import extensions

register = template.Library()


@dataclass(frozen=True)
class RenderedLink:
    label: str
    url: str


@register.simple_tag(takes_context=True)
def panels(context, slot, **values):
    """Every panel of `slot`, each rendered with only the context its function gives."""
    engine = context.template.engine
    rendered = [
        engine.get_template(panel.template_name).render(context.new(panel.get_context(**values)))
        for panel in extensions.panels(slot)
    ]
    # Each part is a rendered template, escaped by its own autoescaping.
    return mark_safe("".join(rendered))


@register.simple_tag
def links(slot, **values):
    """The links of `slot` as (label, url), for the page to lay out as it likes."""
    return [RenderedLink(link.label, link.url(**values)) for link in extensions.links(slot)]
