"""The settings read the environment, and refuse to run in production without a secret."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parent.parent
SHOW = (
    "import egitrs.settings as s;"
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS, s.EMAIL_BACKEND)"
)


def load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_nothing_set_runs_locally_on_sqlite_with_debug():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["True", "django.db.backends.sqlite3"]
    assert "console.EmailBackend" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="0")
    assert result.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_refuses_a_short_secret_key():
    result = load_settings(DEBUG="0", SECRET_KEY="short")
    assert result.returncode == 1
    assert "SECRET_KEY must be a real secret" in result.stderr


def test_production_reads_database_hosts_and_smtp_from_the_environment():
    result = load_settings(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="egitrs.example.org, www.example.org",
        DATABASE_URL="postgres://u:p@db.example.org:5432/egitrs",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False django.db.backends.postgresql ['egitrs.example.org', 'www.example.org'] "
        "django.core.mail.backends.smtp.EmailBackend"
    )


def deploy_check(**env):
    """`manage.py check --deploy` in a production environment of only what is given (the
    test run's own variables, such as Playwright's DJANGO_ALLOW_ASYNC_UNSAFE, left out)."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DEBUG": "0",
            "SECRET_KEY": "kX9#pQ2!mZ7&" * 4 + "ab",
            "ALLOWED_HOSTS": "egitrs.example.org",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_https_switch_passes_the_deployment_check_with_no_warning():
    result = deploy_check(HTTPS="1")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_without_the_https_switch_the_deployment_check_asks_for_it():
    result = deploy_check()

    assert (result.returncode, re.findall(r"\(security\.W\d+\)", result.stderr)) == (
        0,
        ["(security.W004)", "(security.W008)"],
    )


def database_options(**env):
    return shown("s.DATABASES['default'].get('OPTIONS')", **env)


def shown(expression, **env):
    """`expression` of the settings module `s`, as printed in the environment `env`."""
    show = f"import egitrs.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", show],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


PLANS = "-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"


def test_postgresql_connections_give_up_in_seconds_and_plan_for_short_queries():
    url = "postgres://u:p@db.example.org:5432/egitrs"

    assert database_options(DATABASE_URL=url) == (
        f"{{'connect_timeout': 3, 'options': '-c statement_timeout=30000 {PLANS}'}}"
    )
    assert (
        database_options(
            DATABASE_URL=url, DATABASE_CONNECT_TIMEOUT="2", DATABASE_STATEMENT_TIMEOUT="0"
        )
        == f"{{'connect_timeout': 2, 'options': '-c statement_timeout=0 {PLANS}'}}"
    )
    # SQLite has neither: its file is local, Django's busy timeout applies.
    assert database_options() == "None"


def test_the_cache_is_the_processs_own_unless_a_redis_is_given():
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    redis = "django.core.cache.backends.redis.RedisCache"
    assert shown("s.CACHES") == (
        f"{{'default': {{'BACKEND': '{locmem}', 'LOCATION': 'default'}}, "
        f"'pages': {{'BACKEND': '{locmem}', 'LOCATION': 'pages'}}}}"
    )
    assert shown("s.CACHES", REDIS_URL="redis://127.0.0.1:6379/0") == (
        f"{{'default': {{'BACKEND': '{redis}', 'LOCATION': 'redis://127.0.0.1:6379/0'}}, "
        f"'pages': {{'BACKEND': '{redis}', 'LOCATION': 'redis://127.0.0.1:6379/0'}}}}"
    )
    # The pages in a Redis of their own, which may evict them without touching the limits.
    assert shown(
        "s.CACHES['pages']['LOCATION'], s.PUBLIC_PAGE_SECONDS",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PAGE_CACHE_URL="redis://127.0.0.1:6380/0",
    ) == ("redis://127.0.0.1:6380/0 60")


def test_pages_and_their_counts_are_kept_only_with_a_shared_cache():
    kept = "s.PUBLIC_PAGE_SECONDS, s.KEPT_ROWS_SECONDS"
    redis = "redis://127.0.0.1:6379/0"
    assert [
        shown(kept),
        shown(kept, REDIS_URL=redis),
        shown(kept, REDIS_URL=redis, PUBLIC_PAGE_SECONDS="30"),
        shown(kept, REDIS_URL=redis, KEPT_ROWS_SECONDS="0"),
    ] == ["0 0", "60 60", "30 30", "60 0"]


def test_kept_connections_are_checked_before_they_are_reused():
    kept = "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS']"
    assert [shown(kept), shown(kept, CONN_MAX_AGE="60")] == ["0 True", "60 True"]


def test_files_are_kept_in_the_folder_unless_a_bucket_is_given():
    assert shown("s.STORAGES['default']") == (
        "{'BACKEND': 'django.core.files.storage.FileSystemStorage'}"
    )
    bucket = {
        "AWS_STORAGE_BUCKET_NAME": "egitrs-files",
        "AWS_S3_ENDPOINT_URL": "http://minio.internal:9000",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    assert shown("s.STORAGES['default']", **bucket) == (
        "{'BACKEND': 'storages.backends.s3.S3Storage', 'OPTIONS': {'bucket_name': "
        "'egitrs-files', 'endpoint_url': 'http://minio.internal:9000', 'region_name': None, "
        "'addressing_style': 'path', 'location': '', 'file_overwrite': False}}"
    )


@pytest.mark.postgresql
def test_the_database_ends_a_statement_that_runs_too_long_and_plans_for_short_ones(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
        cursor.execute("SET LOCAL statement_timeout = 50")
        with pytest.raises(OperationalError, match="canceling statement due to statement timeout"):
            cursor.execute("SELECT pg_sleep(1)")
