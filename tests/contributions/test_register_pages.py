"""A group's register in pages, read meeting by meeting (contributions.paging): every page
holds what the whole register sorted holds at its place, for every reader and filter."""

import datetime

import pytest
from django.utils import timezone

from contributions.enums import AmendmentKind, ContributionKind
from meetings.enums import AccessLevel
from meetings.models import Meeting
from tests import factories
from tests.contributions.test_public_views import list_url
from tests.factories import publish_document


def titles(response):
    return [document.title for document in response.context["page_obj"]]


@pytest.fixture
def register(group, author, secretariat, monkeypatch):
    """Three meetings held in an order that is not their ordinals': the 2nd last, the 3rd
    before it, the 1st first; 3, 1 and 4 documents, a revised one, a members-only one."""
    monkeypatch.setattr("contributions.views.public.DOCUMENTS_PER_PAGE", 2)
    documents = {}
    for ordinal, count in [(1, 3), (2, 1), (3, 4)]:
        meeting = factories.MeetingFactory(group=group, ordinal=ordinal)
        for n in range(1, count + 1):
            kind = ContributionKind.INFORMATION if n == 2 else ContributionKind.CONTRIBUTION
            documents[ordinal, n] = publish_document(
                meeting,
                delegate=author,
                secretariat=secretariat,
                title=f"{ordinal}/{n}",
                kind=kind,
            )
    first = documents[1, 1]
    publish_document(
        first.meeting,
        delegate=author,
        secretariat=secretariat,
        title="1/1 (Rev.1)",
        base=first,
        amendment_kind=AmendmentKind.REVISION,
    )
    publish_document(
        documents[3, 1].meeting,
        delegate=author,
        secretariat=secretariat,
        title="3/5 members",
        access_level=AccessLevel.MEMBERS,
    )
    today = timezone.localdate()
    for ordinal, days in [(1, -300), (2, -10), (3, -100)]:
        Meeting.objects.filter(group=group, ordinal=ordinal).update(
            start_date=today + datetime.timedelta(days), end_date=today + datetime.timedelta(days)
        )
    return group


def all_pages(client, group, **query):
    pages, number = [], 1
    while True:
        response = client.get(list_url(group), {**query, "page": number})
        pages.append(titles(response))
        if not response.context["page_obj"].has_next():
            return pages, response.context["page_obj"].paginator.count
        number += 1


def test_the_pages_follow_the_meetings_newest_first_and_cross_from_one_to_the_next(
    client, register
):
    pages, count = all_pages(client, register)

    assert pages == [
        ["2/1", "3/1"],
        ["3/2", "3/3"],
        ["3/4", "1/1 (Rev.1)"],
        ["1/2", "1/3"],
    ]
    assert count == 8


def test_a_member_reads_the_members_only_document_in_its_place(client, register, delegate_a):
    client.force_login(delegate_a)

    pages, count = all_pages(client, register)

    assert pages == [
        ["2/1", "3/1"],
        ["3/2", "3/3"],
        ["3/4", "3/5 members"],
        ["1/1 (Rev.1)", "1/2"],
        ["1/3"],
    ]
    assert count == 9


def test_a_filter_pages_what_it_finds_across_the_meetings(client, register):
    pages, count = all_pages(client, register, kind=ContributionKind.CONTRIBUTION)

    assert pages == [["2/1", "3/1"], ["3/3", "3/4"], ["1/1 (Rev.1)", "1/3"]]
    assert count == 6


def test_meetings_held_the_same_day_go_by_ordinal_newest_first(client, register):
    today = timezone.localdate()
    Meeting.objects.filter(group=register).update(start_date=today, end_date=today)

    pages, _count = all_pages(client, register)

    assert pages[0] == ["3/1", "3/2"]
    assert pages[-1] == ["1/2", "1/3"]


def test_a_page_past_the_end_shows_the_last_one_and_an_empty_register_one_empty_page(
    client, register
):
    assert titles(client.get(list_url(register), {"page": 99})) == ["1/2", "1/3"]
    empty = factories.ExpertGroupFactory(acronym="EG-New")
    response = client.get(list_url(empty))
    assert (titles(response), response.context["page_obj"].paginator.count) == ([], 0)
