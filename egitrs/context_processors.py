from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _only_group():
    from meetings.models import ExpertGroup

    groups = list(ExpertGroup.objects.all()[:2])
    return groups[0] if len(groups) == 1 else None


def site(request):
    """The site's name, and the group whose links the header shows on pages outside a group.

    The group is looked up only when a page that has no `group` of its own renders the
    header, and only an installation that runs a single group has one.
    """
    return {"site_title": settings.SITE_NAME, "default_group": SimpleLazyObject(_only_group)}
