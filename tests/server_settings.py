"""The test settings for an application server that a test starts itself
(tests/test_database_faults.py), on a fresh database it needs in seconds: the tables are
made straight from the models (`manage.py migrate --run-syncdb`) instead of by running
every migration, and static files are served from the source folders, as in development,
with no `collectstatic`."""

from egitrs.settings.test import *  # noqa: F403
from egitrs.settings.test import INSTALLED_APPS

MIGRATION_MODULES = {app.rsplit(".", 1)[-1]: None for app in INSTALLED_APPS}
WHITENOISE_USE_FINDERS = True
