"""The test settings for an application server that a test starts itself
(tests/test_database_faults.py, tests/test_two_servers.py), on a database it needs in
seconds: the tables of a fresh one are made straight from the models (`manage.py migrate
--run-syncdb`) instead of by running every migration, and static files are served from the
source folders, as in development, with no `collectstatic`.

What several such servers share comes from the environment: the folder of uploaded files
(MEDIA_ROOT) and, with REDIS_URL, the cache, under a key prefix of the test's own
(CACHE_KEY_PREFIX) so that it can remove what it wrote and nothing else.
"""

import os

from egitrs.settings.test import *  # noqa: F403
from egitrs.settings.test import CACHES, INSTALLED_APPS, MEDIA_ROOT

MIGRATION_MODULES = {app.rsplit(".", 1)[-1]: None for app in INSTALLED_APPS}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "")
# The servers speak plain HTTP on the loopback, where a browser keeps no Secure cookie.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
