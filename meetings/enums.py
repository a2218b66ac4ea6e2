from django.db import models
from django.utils.translation import gettext_lazy as _

from egitrs.workflow import Move, StateMachine


class AccessLevel(models.TextChoices):
    """Who may read a published document (the group sets the default, each document may differ)."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members (login)")
    SECRETARIAT = "secretariat", _("Secretariat only")


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    SECRETARY = "secretary", _("Secretary")


class AgendaItemKind(models.TextChoices):
    """What an agenda item is for, so that a meeting report writes its section."""

    OPENING = "opening", _("Opening of the meeting")
    AGENDA = "agenda", _("Adoption of the agenda")
    ITEM = "item", _("Item of business")
    OTHER_BUSINESS = "other_business", _("Any other business")
    CLOSING = "closing", _("Closing of the meeting")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    VIRTUAL = "virtual", _("Virtual")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for contributions")
    CLOSED = "closed", _("Closed for contributions")
    HELD = "held", _("Held")


# A meeting is planned, opens for contributions, may close to them (and open again), and
# is held. A meeting recorded after the fact may go from planned straight to held.
_M = MeetingStatus
# fmt: off
MEETING_MOVES = StateMachine(_M, [
    #    name      from        to         who
    Move("open",   _M.PLANNED, _M.OPEN,   "secretariat"),
    Move("close",  _M.OPEN,    _M.CLOSED, "secretariat"),
    Move("reopen", _M.CLOSED,  _M.OPEN,   "secretariat"),
    Move("hold",   _M.PLANNED, _M.HELD,   "secretariat"),
    Move("hold",   _M.OPEN,    _M.HELD,   "secretariat"),
    Move("hold",   _M.CLOSED,  _M.HELD,   "secretariat"),
], not_allowed=_("A meeting that is %(from)s cannot become %(to)s."))
# fmt: on


class RegistrationRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
