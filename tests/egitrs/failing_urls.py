"""The site's URLs and two that fail as a view can: with a bug, and with the database
unreachable (what Django raises then), for the tests of the error pages."""

from django.db import OperationalError
from django.urls import path

from egitrs.urls import handler500, urlpatterns


def broken(request):
    raise ValueError("a bug")


def database_unreachable(request):
    raise OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed')


urlpatterns = [
    path("broken/", broken),
    path("database-unreachable/", database_unreachable),
    *urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
