"""Who holds an office in a group, and who moves meetings through their states."""

from egitrs.workflow import Roles
from meetings.enums import MEETING_MOVES
from meetings.models import Officer
from members.rules import is_secretariat


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


def _secretariat(user, obj):
    return is_secretariat(user)


# Who is who in the tables of meetings/enums.py.
MEETING_ROLES = Roles(MEETING_MOVES, secretariat=_secretariat)

can_open_meeting = MEETING_ROLES.can("open")
can_close_meeting = MEETING_ROLES.can("close")
can_reopen_meeting = MEETING_ROLES.can("reopen")
can_hold_meeting = MEETING_ROLES.can("hold")


def can_manage_group(user, group=None):
    """Set up groups, officers, meetings, agendas and participants."""
    return is_secretariat(user)
