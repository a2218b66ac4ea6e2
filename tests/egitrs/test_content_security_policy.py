"""Every page carries the strict Content-Security-Policy: everything from the site itself,
nothing inline, no framing, forms only to the site (the browser test checks that Chromium
reports no violation of it, tests/e2e/test_content_security_policy.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.roles import ROLES, get_as

POLICY = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
]


def policy_of(response):
    # django-csp writes the directives in no fixed order; their order means nothing.
    return sorted(response["Content-Security-Policy"].split("; "))


def pages(role, group):
    paths = [
        reverse("home"),
        reverse("meetings:group_detail", args=[group.slug]),
        reverse("contributions:document_list", args=[group.slug]),
        reverse("login"),
        reverse("health"),
        "/no-such-page/",
    ]
    if role != "anonymous":
        paths.append(reverse("contributions:mine"))
    if role == "secretariat":
        paths += [reverse("contributions:desk"), reverse("admin:index")]
    return paths


@pytest.mark.parametrize("role", ROLES)
def test_every_page_carries_the_policy(client, roles, group, role):
    policies = {}
    for path in pages(role, group):
        policies[path] = policy_of(get_as(client, roles[role], path))

    assert policies == dict.fromkeys(pages(role, group), sorted(POLICY))


def test_the_error_pages_carry_it_too(settings, db):
    settings.ROOT_URLCONF = "tests.egitrs.failing_urls"
    client = Client(raise_request_exception=False)

    assert [
        policy_of(client.get("/broken/")),
        policy_of(client.get("/database-unreachable/")),
    ] == [sorted(POLICY)] * 2
