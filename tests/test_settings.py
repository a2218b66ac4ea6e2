"""The settings read the environment, and refuse to run in production without a secret."""

import os
import subprocess
import sys
from pathlib import Path

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
