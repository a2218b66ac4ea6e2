from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    """Who may read a published document (the group sets the default, each document may differ)."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members (login)")
    SECRETARIAT = "secretariat", _("Secretariat only")


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    SECRETARY = "secretary", _("Secretary")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    VIRTUAL = "virtual", _("Virtual")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for contributions")
    CLOSED = "closed", _("Closed for contributions")
    HELD = "held", _("Held")


class RegistrationRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
