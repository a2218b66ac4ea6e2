"""The Atom feed of a group's published documents: public, never personalized."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import AmendmentKind, ContributionStatus
from contributions.models import Contribution
from meetings.enums import AccessLevel
from tests import factories
from tests.contributions.test_public_views import list_url
from tests.factories import make_contribution, publish_document
from tests.roles import ROLES, get_as

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def register(author, secretariat):
    def publish(meeting, **fields):
        return publish_document(meeting, delegate=author, secretariat=secretariat, **fields)

    return publish


def feed_url(group):
    return reverse("contributions:document_feed", args=[group.slug])


def entries(response):
    root = ET.fromstring(response.content)
    return root.findall(f"{ATOM}entry")


def entry_titles(response):
    return [entry.findtext(f"{ATOM}title") for entry in entries(response)]


@pytest.mark.parametrize("role", ROLES)
def test_feed_holds_what_an_anonymous_visitor_may_read_whoever_asks(
    client, roles, meeting, author, register, role
):
    for level in AccessLevel:
        register(meeting, title=level.value, access_level=level)
    register(meeting, title="withdrawn", withdraw=True)
    make_contribution(
        meeting=meeting, delegate=author, title="submitted", status=ContributionStatus.SUBMITTED
    )
    make_contribution(meeting=meeting, delegate=roles["delegate_a"], title="draft of A")

    response = get_as(client, roles[role], feed_url(meeting.group))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Cookie" not in response.get("Vary", "")
    assert entry_titles(response) == [f"EG-ITRs {meeting.ordinal}/1: public"]


def test_feed_is_valid_atom_with_each_entry(client, meeting, org_b, register):
    document = register(meeting, title="Work plan", cosponsors=[org_b])

    response = client.get(feed_url(meeting.group))

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "EG-ITRs documents"
    assert root.findtext(f"{ATOM}id") == f"http://testserver{list_url(meeting.group)}"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "alternate": f"http://testserver{list_url(meeting.group)}",
        "self": f"http://testserver{feed_url(meeting.group)}",
    }
    assert root.findtext(f"{ATOM}updated") == document.published_at.isoformat()
    [entry] = entries(response)
    assert entry.findtext(f"{ATOM}title") == f"EG-ITRs {meeting.ordinal}/1: Work plan"
    url = f"http://testserver{document.get_absolute_url()}"
    assert entry.find(f"{ATOM}link").get("href") == url
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.findtext(f"{ATOM}updated") == document.published_at.isoformat()
    assert entry.findtext(f"{ATOM}published") == document.published_at.isoformat()
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Member State C, Member State B"
    assert entry.findtext(f"{ATOM}summary") == "About Work plan."


def test_feed_names_confirmed_sources_only(
    client, meeting, author, org_a, delegate_a, secretariat
):
    draft = make_contribution(meeting=meeting, delegate=author, cosponsors=[org_a])
    services.decline_cosponsorship(source=draft.sources.get(organization=org_a), by=delegate_a)
    services.submit_contribution(contribution=draft, by=author)
    services.publish_contribution(contribution=draft, by=secretariat)

    [entry] = entries(client.get(feed_url(meeting.group)))

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Member State C"


def test_feed_lists_the_latest_50_newest_first_with_every_revision(client, meeting, register):
    base = register(meeting, title="Base")
    register(meeting, title="Revised", base=base, amendment_kind=AmendmentKind.REVISION)
    for n in range(49):
        register(meeting, title=f"Document {n}")
    # The oldest publication falls out of the 50.
    Contribution.objects.filter(pk=base.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=1)
    )

    titles = entry_titles(client.get(feed_url(meeting.group)))

    assert len(titles) == 50
    assert titles[0] == f"EG-ITRs {meeting.ordinal}/50: Document 48"
    assert titles[-1] == f"EG-ITRs {meeting.ordinal}/1 (Rev.1): Revised"


def test_feed_of_another_group_holds_only_its_documents(client, meeting, register):
    other = factories.MeetingFactory(group=factories.ExpertGroupFactory(acronym="CWG", slug="cwg"))
    register(meeting, title="ours")
    register(other, title="theirs")

    assert entry_titles(client.get(feed_url(meeting.group))) == [
        f"EG-ITRs {meeting.ordinal}/1: ours"
    ]


def test_feed_of_unknown_group_is_404(client, db):
    assert client.get(reverse("contributions:document_feed", args=["nope"])).status_code == 404


def test_feed_is_empty_without_documents(client, group):
    response = client.get(feed_url(group))

    assert response.status_code == 200
    assert entries(response) == []


def test_document_list_links_the_feed(client, group):
    html = client.get(list_url(group)).content.decode()

    url = feed_url(group)
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="EG-ITRs documents" '
        f'href="{url}">' in html
    )
    assert f'<a href="{url}" type="application/atom+xml">Follow new documents' in html


@pytest.mark.parametrize("rows", [1, 3])
def test_feed_query_count(client, django_assert_num_queries, meeting, org_b, register, rows):
    for n in range(rows):
        register(meeting, title=f"Document {n}", cosponsors=[org_b])

    # the group, the documents, their sources
    with django_assert_num_queries(3):
        response = client.get(feed_url(meeting.group))

    assert len(entries(response)) == rows


def test_a_feed_reader_reads_an_abstract_as_plain_text(client, meeting, register):
    document = register(meeting, title="Markup")
    abstract = "<script>alert(1)</script> & <b>bold</b> stays as typed"
    Contribution.objects.filter(pk=document.pk).update(abstract=abstract)

    feed = feedparser.parse(client.get(feed_url(meeting.group)).content)

    [entry] = feed.entries
    assert (entry.summary_detail.type, entry.summary) == ("text/plain", abstract)
