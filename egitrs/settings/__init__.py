"""Settings for the secretariat application, read from the environment.

With nothing set it runs on SQLite in the checkout with DEBUG on: the embedded default
for a demo and for development. In production set at least ``SECRET_KEY``,
``DEBUG=0``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

import datetime
import importlib.util
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

_INSECURE_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _INSECURE_KEY
elif not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("SECRET_KEY must be a real secret of at least 32 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, on a site that asks for the second step of the sign-in.
    "egitrs.apps.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Forms render with the site's templates (FORM_RENDERER), which find Django's own here.
    "django.forms",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    # Two-factor sign-in: an authenticator app (TOTP) and recovery codes (static tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "health_check",
    "django_tasks",
    "django_tasks_db",
    "egitrs",
    "members",
    "meetings",
    "contributions",
    "proceedings",
    "history",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before anything that could touch the database, so
    # they are served while it is down.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "members.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The site's templates may replace Django's widget templates (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "egitrs.urls"
WSGI_APPLICATION = "egitrs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "egitrs.context_processors.site",
            ],
        },
    },
]

# CONN_MAX_AGE seconds a connection is kept for the next requests (0: one per request); a
# kept one is checked before it is reused, so that a database restart costs no request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A PostgreSQL that does not answer fails a request in seconds instead of holding a worker
# until the server kills it: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds,
# a statement after DATABASE_STATEMENT_TIMEOUT milliseconds (0: never). Three seconds
# (psycopg's least is two) keep the "temporarily unavailable" page within five.
# JIT is off for the application's connections: its short queries over a large register
# were estimated costly enough to compile, and compiling took longer than running them
# (426 ms of a 741 ms documents list at 100,000 documents). So is parallel query: the
# pages are many short queries answered by a few workers at once, and a plan that takes
# the other cores for one of them makes the rest wait (the newest 1,000 documents a
# common word finds, at 100,000 documents: 155 ms in parallel, 61 ms without). Reading a
# page at random costs the database little more than reading it in turn (solid-state
# disks, a register held in memory): with the default estimate, four times as much, it
# read all the sources of the register to find those of one group's documents (80 ms
# at 100,000 documents, 10 ms through the index).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
            "options": "-c statement_timeout="
            + str(int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "30000")))
            + " -c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (egitrs.tasks): run at once, in the process that asks for it, by default
# (the embedded default and the tests); TASKS_BACKEND=database queues it in the database,
# for the workers (`manage.py db_worker`) to run.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}
# A failed task runs again after TASKS_RETRY_DELAY seconds, doubled at each attempt, up to
# TASKS_MAX_ATTEMPTS runs in all. A task still running TASKS_STALE_AFTER seconds after it
# started lost its worker: `manage.py recover_tasks` queues it again.
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "5"))
TASKS_RETRY_DELAY = int(os.environ.get("TASKS_RETRY_DELAY", "30"))
TASKS_STALE_AFTER = int(os.environ.get("TASKS_STALE_AFTER", "600"))

# One app server: each process's own memory. Several (or counts that must survive a
# restart, as the password-reset limits): a shared Redis, REDIS_URL=redis://127.0.0.1:6379/0.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The public pages and what they count (egitrs.page_cache) have a cache of their own, which
# may drop what it holds when full: PAGE_CACHE_URL, at best a Redis of its own that evicts
# (maxmemory, allkeys-lru), so that a flood of addresses never evicts the limits kept in
# the default cache. The same Redis as the rest unless given.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", REDIS_URL)


def _cache(url, name):
    if url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}


CACHES = {"default": _cache(REDIS_URL, "default"), "pages": _cache(PAGE_CACHE_URL, "pages")}
# The public pages an anonymous visitor asks for are kept this many seconds, or until the
# records change (egitrs.page_cache): by default only with a shared cache, which every app
# server sees, since a process cannot tell another that a page it keeps is out of date.
PUBLIC_PAGE_SECONDS = int(os.environ.get("PUBLIC_PAGE_SECONDS", "60" if PAGE_CACHE_URL else "0"))
# What pages count and choose from many records (egitrs.page_cache.kept_rows), kept as
# long and on the same condition.
KEPT_ROWS_SECONDS = int(os.environ.get("KEPT_ROWS_SECONDS", PUBLIC_PAGE_SECONDS))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes refuses a login for a while after too many failures (members.lockout says
# how they are counted); the site's login, the admin's and every `authenticate` call.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "members.lockout.LoginLockoutHandler"
AXES_LOCKOUT_CALLABLE = "members.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "members.security.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
# Failures within the cool-off that lock, for each way of counting them.
LOGIN_FAILURE_LIMITS = {
    "username+ip_address": int(os.environ.get("LOGIN_FAILURE_LIMIT", "5")),
    "username": int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", "20")),
    "ip_address": int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20")),
}
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS["username+ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# A refused attempt does not push the end of the lock further: the page's time holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets that account's failures from that address (only).
AXES_RESET_ON_SUCCESS = True
# The security log (members.SecurityEvent) records logins; axes keeps only its counts,
# which the secretariat sees and lifts in its own admin (members.admin).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_HTTP_RESPONSE_CODE = 429
# Password-reset mail: at most so many per address and per client address in a period.
PASSWORD_RESET_RATE_PER_EMAIL = 3
PASSWORD_RESET_RATE_PER_IP = 20
PASSWORD_RESET_RATE_PERIOD = 3600

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "contributions:mine"
SECRETARIAT_LOGIN_REDIRECT_URL = "contributions:desk"
LOGOUT_REDIRECT_URL = "home"

# Times are stored in UTC and shown in each meeting's own time zone.
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = True
# The six official languages of the ITU.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))


def uploaded_file_storage():
    """Where uploaded and generated files are kept: the folder MEDIA_ROOT by default (shared
    by every app server when there are several), or an S3-compatible bucket when
    AWS_STORAGE_BUCKET_NAME is set (django-storages: `pip install ".[s3]"`).

    The bucket stays private: every file is served by the application's views, which check
    who asks, and no page links to the bucket. A name already taken gets another, as in the
    folder: a stored file is never overwritten. Keys come the way boto3 finds them
    (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role); AWS_S3_ENDPOINT_URL
    names a server other than AWS's (MinIO, Ceph, ...), which often wants
    AWS_S3_ADDRESSING_STYLE=path.
    """
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set but django-storages is not installed: "
            'pip install ".[s3]".'
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": uploaded_file_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development whitenoise serves straight from the apps' and project's static folders,
# so no `collectstatic` is needed to try the application.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded documents: the largest file accepted, and the limits an Office file (a ZIP
# package) must stay within once unpacked, against decompression bombs.
CONTRIBUTION_MAX_UPLOAD_BYTES = int(os.environ.get("CONTRIBUTION_MAX_UPLOAD_MB", "20")) * 2**20
CONTRIBUTION_MAX_UNPACKED_BYTES = 200 * 2**20
CONTRIBUTION_MAX_ZIP_ENTRIES = 2000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
# Django's own handlers, behind one that lets a file with an over-long name reach the form
# (to be refused there with the form kept) instead of failing the whole request.
FILE_UPLOAD_HANDLERS = [
    "egitrs.uploads.LongFileNameUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The ClamAV daemon that scans every upload: its socket, or its host and port. Without
# one, uploads are not scanned for viruses (the admin says so); with one that does not
# answer within CLAMD_TIMEOUT seconds, uploads are refused.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "10"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@localhost")
SECRETARIAT_EMAIL = os.environ.get("SECRETARIAT_EMAIL", DEFAULT_FROM_EMAIL)
SITE_NAME = os.environ.get("SITE_NAME", "Expert groups")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Two-factor sign-in (django-otp): the name an authenticator app shows beside the code, and
# the admin of devices shows no secret (a lost phone is reset by deleting its device).
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Exported spreadsheets never carry live formulas: egitrs.exports marks every such cell as
# text (the library's own escape only drops one leading "=" and turns numbers into text).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Everything a page uses comes from the site itself, nothing inline: an injected <script>
# or style="" does not run, and no other site may frame a page or receive a form.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        # The admin's autocomplete widgets ask the site for their choices.
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# HTTPS=1: the site is served over HTTPS only, by a proxy that terminates TLS and says so
# in X-Forwarded-Proto (the header is trusted only then: without a proxy a client could
# send it). Plain HTTP is redirected, and browsers are told to use HTTPS for a year, on
# every subdomain, and may preload it.
HTTPS = env_bool("HTTPS", default=False)
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each step of every PDF it makes at INFO: only its warnings matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes says at INFO that it started; its warnings (failures) stay.
        "axes": {"level": "WARNING"},
        # pypdf reports each oddity of a damaged upload; the refusal says it already.
        "pypdf": {"level": "ERROR"},
    },
}
