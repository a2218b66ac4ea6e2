"""The site's URLs and the ceiling of the benchmarks, only in bench.settings."""

from django.urls import path

from bench.views import ceiling
from egitrs.urls import handler403, handler500
from egitrs.urls import urlpatterns as site_urlpatterns

# First: the site's `<slug:group_slug>/` patterns would take "bench" for a group.
urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]

__all__ = ["handler403", "handler500", "urlpatterns"]
