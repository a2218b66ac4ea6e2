"""Registered with the admin site on import (Django autodiscovers `proceedings.admin`)."""

from proceedings.admin import records, reports  # noqa: F401
