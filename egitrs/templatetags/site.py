from django import template
from django.conf import settings

register = template.Library()


@register.filter
def absolute(path):
    """`/eg-itrs/documents/2-5/` → the full address, for links in e-mails."""
    return f"{settings.SITE_URL}{path}"
