"""Who holds an office in a group."""

from meetings.models import Officer


def officer_group_ids(user):
    """Ids of the groups in which the user currently holds an office (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_officer_group_ids", None)
    if cached is None:
        cached = user._officer_group_ids = frozenset(
            Officer.objects.current().filter(user=user).values_list("group_id", flat=True)
        )
    return cached


def is_officer(user, group):
    return group.pk in officer_group_ids(user)
