"""The public pages as an anonymous visitor sees them, kept in the cache until the
records change.

Most of the register's readers are not signed in, and they all see the same page for
the same address and language. `public_page` keeps that page in the cache, under the
current *generation* of the records: a random token, replaced whenever a model of the
register's apps is saved or deleted (and by the few bulk writes that bypass the model,
through `records_changed`). A new generation orphans every page kept under the old one,
so a publication is on every app server's next answer at once, provided they share the
cache (Redis, REDIS_URL): a process's local memory is seen by that process alone, so
without a shared cache the pages are kept only when the site runs in a single process
(see PUBLIC_PAGE_SECONDS in the settings). Pages also expire after PUBLIC_PAGE_SECONDS,
for what changes with the clock alone (a deadline passing).

What differs between two anonymous visitors of the same page is their CSRF token (the
language form posts): the kept page holds a placeholder, replaced by the visitor's own
token on the way out.

What a page reads of many records to show a few numbers or choices (a group's count of
documents per meeting, the organizations among its sources) is kept under the same
generation by `kept_rows`, for signed-in readers and for every address that shows them.
"""

import functools
import hashlib
import logging
import re
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from redis.exceptions import RedisError

# Its own cache (PAGE_CACHE_URL), which may evict when full: a lost generation is a new one.
cache = caches["pages"]
logger = logging.getLogger(__name__)
GENERATION_KEY = "public-pages:generation"
# The apps whose records the public pages show.
REGISTER_APPS = {"members", "meetings", "contributions", "proceedings", "history"}
# Records of those apps that no public page shows (the security log would otherwise start
# a new generation at every sign-in), and the search entries, written in bulk by
# `contributions.search`, which says so itself.
UNSHOWN_MODELS = {
    "members.securityevent",
    "members.profile",
    "history.historyimport",
    "contributions.searchentry",
}
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
# What the view's answer says of itself; the middleware adds the rest on every answer.
KEPT_HEADERS = {"content-type", "content-disposition", "last-modified", "etag"}


def _cached(operation, *args, **kwargs):
    """`cache.<operation>(...)`, or None while the cache cannot be reached.

    Nothing kept here is needed: without the cache, pages are rendered and rows read
    anew, and a write goes ahead without starting a generation. What the cache kept from
    before it went away is therefore answered again if it comes back with it, until
    PUBLIC_PAGE_SECONDS end it.
    """
    try:
        return getattr(cache, operation)(*args, **kwargs)
    except RedisError as error:
        logger.warning("The cache of the public pages cannot be reached: %s", error)
        return None


def generation():
    """The current generation, started here if the cache holds none (or lost it)."""
    current = _cached("get", GENERATION_KEY)
    if current is None:
        _cached("add", GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = _cached("get", GENERATION_KEY)
    return current


def records_changed():
    """Start a new generation now, and again once the transaction commits.

    After the commit, because a page another request renders meanwhile still reads the
    records as they were and would be kept under a generation started before the commit.
    Now as well, for what reads inside the writer's transaction (the test suite runs
    each test in one that never commits).
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def kept_rows(queryset):
    """The rows of `queryset`, read once per generation of the records.

    Kept under the query's SQL and parameters, which name everything its rows depend on,
    the reader's access included, for KEPT_ROWS_SECONDS (off: always read). For small
    answers read from many rows, such as counts and a filter's choices.
    """
    if not settings.KEPT_ROWS_SECONDS:
        return list(queryset)
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    digest = hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()
    key = f"kept-rows:{generation()}:{digest}"
    rows = _cached("get", key)
    if rows is None:
        rows = list(queryset)
        _cached("set", key, rows, timeout=settings.KEPT_ROWS_SECONDS)
    return rows


def _new_generation():
    _cached("set", GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _on_write(sender, **kwargs):
    records_changed()


def connect():
    """Follow every write of the register's models (called once, from the app's ready).

    Each model is followed by name: a receiver for every model would make Django load
    each row that a bulk delete removes, to tell it of them.
    """
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in REGISTER_APPS or meta.label_lower in UNSHOWN_MODELS:
            continue
        if hasattr(model, "instance_type"):
            continue  # django-simple-history's copy of a row, saved with the row itself
        post_save.connect(_on_write, sender=model, dispatch_uid="public-pages")
        post_delete.connect(_on_write, sender=model, dispatch_uid="public-pages")
        for field in meta.local_many_to_many:
            m2m_changed.connect(
                _on_write, sender=field.remote_field.through, dispatch_uid="public-pages"
            )


def _is_anonymous(request):
    # Decided by the cookies alone: a session (a signed-in person, or messages kept for
    # someone) or a message waiting in its cookie makes the page someone's own. Reading
    # `request.user` would cost a query whenever a session cookie is sent.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"public-page:{generation()}:{request.LANGUAGE_CODE}:{digest}"


def _keep(key, response):
    """Keep `response` under `key` if it is the same for every anonymous visitor."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in response.get("Cache-Control", "")
    ):
        return
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    headers = [(name, value) for name, value in response.items() if name.lower() in KEPT_HEADERS]
    _cached("set", key, (content, headers), timeout=settings.PUBLIC_PAGE_SECONDS)


def _answer(request, kept):
    content, headers = kept
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def public_page(view):
    """Keep the anonymous visitor's answer of `view` for PUBLIC_PAGE_SECONDS, per address
    and language, until the records change."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if (
            not settings.PUBLIC_PAGE_SECONDS
            or request.method not in ("GET", "HEAD")
            or not _is_anonymous(request)
        ):
            return view(request, *args, **kwargs)
        key = _key(request)
        if (kept := _cached("get", key)) is not None:
            return _answer(request, kept)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: _keep(key, rendered))
        else:
            _keep(key, response)
        return response

    return wrapped
