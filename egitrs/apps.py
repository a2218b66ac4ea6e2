from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SecretariatAdminConfig(admin_apps.AdminConfig):
    """Django's admin whose default site (`admin.site`, where every app registers its
    models) opens only to staff who have passed both steps of the sign-in."""

    # Not the configuration of the `egitrs` app itself, which this module also holds.
    default = False
    default_site = "egitrs.admin.SecretariatAdminSite"


class EgitrsConfig(AppConfig):
    name = "egitrs"

    def ready(self):
        # Retries failed tasks (a receiver of django-tasks' task_finished).
        from egitrs import page_cache, tasks  # noqa: F401

        page_cache.connect()
