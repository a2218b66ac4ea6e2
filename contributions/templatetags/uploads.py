"""What the admin says about how uploads are checked."""

from django import template

from contributions.files import antivirus

register = template.Library()


@register.simple_tag
def virus_scanning_configured():
    return antivirus.is_configured()
