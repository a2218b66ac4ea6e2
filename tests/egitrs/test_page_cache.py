"""The public pages kept for anonymous visitors (egitrs.page_cache): answered from the
cache without a query, and never out of date, nor anyone's own page shown to another."""

import re

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contributions.models import Contribution
from egitrs import page_cache
from meetings.enums import AccessLevel
from tests import factories
from tests.contributions.test_public_views import source_choices
from tests.factories import publish_document
from tests.two_factor import Client

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def publish(author, secretariat, django_capture_on_commit_callbacks):
    def publish(meeting, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_document(meeting, delegate=author, secretariat=secretariat, **fields)

    return publish


@pytest.fixture
def documents_url(group):
    return reverse("contributions:document_list", args=[group.slug])


def test_an_anonymous_visitor_is_answered_from_the_cache_without_a_query(
    meeting, publish, documents_url, django_assert_num_queries
):
    publish(meeting, title="Numbering plans")
    first = Client().get(documents_url)
    with django_assert_num_queries(0):
        again = Client().get(documents_url)
    assert again.status_code == 200
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert TOKEN.sub("", again.text) == TOKEN.sub("", first.text)
    assert "Numbering plans" in again.text


def test_a_publication_is_on_the_next_answer(meeting, publish, documents_url):
    publish(meeting, title="Numbering plans")
    assert "Roaming charges" not in Client().get(documents_url).text
    document = publish(meeting, title="Roaming charges")
    assert "Roaming charges" in Client().get(documents_url).text
    detail = Client().get(document.get_absolute_url())
    assert "Roaming charges" in detail.text


def test_a_withdrawal_and_a_correction_are_on_the_next_answer(
    meeting, publish, secretariat, documents_url
):
    from contributions import services

    document = publish(meeting, title="Numbering plans")
    page = document.get_absolute_url()
    assert "Withdrawn" not in Client().get(page).text
    services.withdraw_contribution(contribution=document, by=secretariat)
    assert "Withdrawn" in Client().get(page).text
    Contribution.objects.filter(pk=document.pk).get().save()  # any save is a new generation
    assert Client().get(page).status_code == 200


def test_a_page_that_was_missing_is_found_once_made(db):
    url = reverse("meetings:group_detail", args=["eg-new"])
    assert Client().get(url).status_code == 404
    factories.ExpertGroupFactory(slug="eg-new", acronym="EG-NEW")
    assert Client().get(url).status_code == 200


def test_a_signed_in_reader_is_never_answered_from_the_cache_nor_kept(
    meeting, publish, delegate_b, documents_url
):
    publish(meeting, title="For members", access_level=AccessLevel.MEMBERS)
    publish(meeting, title="For everyone")
    anonymous = Client().get(documents_url)
    assert "For members" not in anonymous.text
    member = Client()
    member.force_login(delegate_b)
    assert "For members" in member.get(documents_url).text
    # What the member saw was not kept for the visitor either.
    assert "For members" not in Client().get(documents_url).text


def test_each_visitor_gets_a_token_of_their_own_that_the_language_switch_accepts(
    meeting, publish, documents_url
):
    publish(meeting, title="Numbering plans")
    Client().get(documents_url)  # kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(documents_url)
    token = TOKEN.findall(page.text)
    assert len(token) == 1
    assert token[0] != page_cache.CSRF_PLACEHOLDER.decode()
    switched = visitor.post(
        reverse("set_language"),
        {"language": "fr", "next": documents_url, "csrfmiddlewaretoken": token[0]},
    )
    assert switched.status_code == 302
    french = visitor.get(documents_url)
    assert french["Content-Language"] == "fr"
    assert '<html lang="fr"' in french.text


def test_each_language_is_kept_apart(meeting, publish, documents_url):
    publish(meeting, title="Numbering plans")
    english = Client().get(documents_url)
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get(documents_url)
    assert '<html lang="en"' in english.text
    assert '<html lang="fr"' in french.text
    assert '<html lang="en"' in Client().get(documents_url).text


def test_a_visitor_with_a_message_waiting_gets_the_page_rendered_for_them(
    meeting, publish, documents_url
):
    publish(meeting, title="Numbering plans")
    Client().get(documents_url)  # kept
    visitor = Client()
    visitor.cookies["messages"] = "a message"
    page = visitor.get(documents_url)
    assert page.status_code == 200
    assert page.context is not None  # rendered, not the kept copy


def test_the_feed_is_kept_with_its_type_and_its_cache_header(meeting, publish, group):
    publish(meeting, title="Numbering plans")
    url = reverse("contributions:document_feed", args=[group.slug])
    first = Client().get(url)
    again = Client().get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert again["Cache-Control"] == "public, max-age=300"


def test_a_lost_generation_starts_a_new_one_and_no_page_outlives_it(
    meeting, publish, documents_url
):
    publish(meeting, title="Numbering plans")
    Client().get(documents_url)
    kept = page_cache.generation()
    page_cache.cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() != kept


def test_the_search_page_follows_the_index(meeting, publish):
    url = reverse("contributions:search") + "?q=roaming"
    assert "Roaming charges" not in Client().get(url).text
    publish(meeting, title="Roaming charges")
    assert "Roaming charges" in Client().get(url).text


def test_the_sign_in_and_the_security_log_do_not_start_a_generation(
    meeting, publish, secretariat, documents_url
):
    publish(meeting, title="Numbering plans")
    kept = page_cache.generation()
    Client().force_login(secretariat)
    factories.UserFactory(username="newcomer")  # nor a user: no public page shows one
    assert page_cache.generation() == kept


def test_nothing_is_kept_when_the_setting_is_off(meeting, publish, documents_url, settings):
    settings.PUBLIC_PAGE_SECONDS = 0
    publish(meeting, title="Numbering plans")
    Client().get(documents_url)
    assert Client().get(documents_url).context is not None


def test_the_test_settings_keep_pages_so_that_the_whole_suite_checks_they_are_current():
    assert settings.PUBLIC_PAGE_SECONDS == 60
    assert settings.KEPT_ROWS_SECONDS == 60


def caption(response):
    return response.context["page_obj"].paginator.count, source_choices(response)


def test_a_signed_in_reader_counts_and_chooses_once_per_generation(
    meeting, publish, delegate_b, documents_url
):
    publish(meeting, title="Numbering plans")
    member = Client()
    member.force_login(delegate_b)
    with CaptureQueriesContext(connection) as first:
        counted = member.get(documents_url)
    with CaptureQueriesContext(connection) as second:
        kept = member.get(documents_url + "?page=1")
    # Neither the count per meeting nor the organizations among the sources is read again.
    assert len(second) == len(first) - 2
    assert caption(kept) == caption(counted) == (1, ["All organizations", "Member State C"])


def test_the_kept_counts_and_choices_follow_a_publication(
    meeting, publish, delegate_b, org_b, documents_url
):
    publish(meeting, title="Numbering plans")
    member = Client()
    member.force_login(delegate_b)
    member.get(documents_url)
    publish(meeting, title="Roaming charges", cosponsors=[org_b])
    assert caption(member.get(documents_url)) == (
        2,
        ["All organizations", "Member State B", "Member State C"],
    )


def test_what_a_member_counts_is_not_what_a_visitor_is_told(
    meeting, publish, delegate_b, org_b, documents_url
):
    publish(meeting, title="For everyone")
    publish(meeting, title="For members", access_level=AccessLevel.MEMBERS, cosponsors=[org_b])
    member = Client()
    member.force_login(delegate_b)
    assert caption(member.get(documents_url)) == (
        2,
        ["All organizations", "Member State B", "Member State C"],
    )
    assert caption(Client().get(documents_url)) == (1, ["All organizations", "Member State C"])


def test_nothing_is_counted_from_the_cache_when_its_setting_is_off(
    meeting, publish, delegate_b, documents_url, settings
):
    settings.KEPT_ROWS_SECONDS = 0
    publish(meeting, title="Numbering plans")
    member = Client()
    member.force_login(delegate_b)
    with CaptureQueriesContext(connection) as first:
        member.get(documents_url)
    with CaptureQueriesContext(connection) as second:
        member.get(documents_url)
    assert len(second) == len(first)


def test_without_its_cache_every_page_is_rendered_and_every_write_goes_ahead(
    meeting, publish, delegate_b, documents_url, monkeypatch
):
    # A Redis no one listens to: each call fails at once with a connection error.
    monkeypatch.setattr(page_cache, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    publish(meeting, title="Numbering plans")
    member = Client()
    member.force_login(delegate_b)

    assert caption(Client().get(documents_url)) == (1, ["All organizations", "Member State C"])
    assert caption(member.get(documents_url)) == (1, ["All organizations", "Member State C"])
    search = Client().get(reverse("contributions:search"), {"q": "numbering"})
    assert search.status_code == 200
    assert search.context["page_obj"].paginator.count == 1
