from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    SECTOR_MEMBER = "sector_member", _("Sector Member")
    ASSOCIATE = "associate", _("Associate")
    ACADEMIA = "academia", _("Academia")
    SECRETARIAT = "secretariat", _("ITU secretariat")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ARAB_STATES = "arab_states", _("Arab States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific")
    CIS = "cis", _("CIS")
    EUROPE = "europe", _("Europe")


class MembershipRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    DELEGATE = "delegate", _("Delegate")
