"""A group's slug is the first part of its pages' paths: it may not be a path of the site."""

from django.urls import URLPattern, get_resolver

from meetings.models import RESERVED_SLUGS


def fixed_first_parts(resolver, prefix=""):
    """The first part of every path of the site that does not start with a group's slug."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLPattern):
            first = route.split("/")[0]
            if first and not first.startswith(("<", "^")):
                yield first
        else:
            yield from fixed_first_parts(pattern, route)


def test_every_fixed_path_of_the_site_is_reserved():
    assert set(fixed_first_parts(get_resolver())) - RESERVED_SLUGS == set()
