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


class SecurityEventKind(models.TextChoices):
    """What the security log records. Two-factor sign-in records its own kinds through
    `members.security.record_security_event`, like every other."""

    LOGIN_SUCCEEDED = "login_succeeded", _("Login succeeded")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOCKED_OUT = "locked_out", _("Login refused: too many failures")
    UNLOCKED = "unlocked", _("Login unlocked by the secretariat")
    LOGGED_OUT = "logged_out", _("Logged out")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    PASSWORD_RESET_COMPLETED = "password_reset_completed", _("Password reset completed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PERMISSION_DENIED = "permission_denied", _("Permission denied")
    EXPORTED = "exported", _("Data exported")
    IMPORTED = "imported", _("Data imported")
    TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor sign-in enabled")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor sign-in disabled")
    TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("Recovery codes renewed")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
