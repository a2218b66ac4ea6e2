"""Settings for the test suite: the main settings, made fast and self-contained."""

import tempfile

from egitrs.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="egitrs-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The public pages, and the rows pages count and choose from, are kept in the cache (the
# local memory, each test's emptied), so that every test that changes records and reads a
# page again checks they are not out of date.
PUBLIC_PAGE_SECONDS = 60
KEPT_ROWS_SECONDS = 60
