from django.conf import settings
from django.utils.functional import SimpleLazyObject

from members.rules import is_secretariat


def _only_group():
    from meetings.models import ExpertGroup

    groups = list(ExpertGroup.objects.all()[:2])
    return groups[0] if len(groups) == 1 else None


def site(request):
    """The site's name, the group whose links the header shows on pages outside a group,
    and whether the user works in the secretariat (for its links).

    Both are looked up only when a page asks: the group when a page that has no `group` of
    its own renders the header (only an installation that runs a single group has one).
    """
    return {
        "site_title": settings.SITE_NAME,
        "default_group": SimpleLazyObject(_only_group),
        "is_secretariat": SimpleLazyObject(lambda: is_secretariat(request.user)),
    }
