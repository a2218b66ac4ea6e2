from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked: ready to import")
    REFUSED = "refused", _("Refused: the file has problems")
    IMPORTED = "imported", _("Imported")


# The moves of an uploaded history: checked once, then imported once, or refused.
TRANSITIONS = {
    ImportStatus.CHECKED: {ImportStatus.IMPORTED, ImportStatus.REFUSED},
    ImportStatus.REFUSED: set(),
    ImportStatus.IMPORTED: set(),
}
