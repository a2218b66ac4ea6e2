"""A document keeps its meeting's group (`Contribution.group`), which its group's feed and
list read: set when the document is made, and followed when a meeting moves."""

import feedparser
from django.urls import reverse

from contributions.models import Contribution
from tests import factories
from tests.factories import make_contribution, publish_document
from tests.two_factor import Client


def feed_titles(group):
    feed = Client().get(reverse("contributions:document_feed", args=[group.slug]))
    return [entry.title for entry in feedparser.parse(feed.content).entries]


def test_a_document_has_its_meetings_group(meeting, author, secretariat):
    document = publish_document(meeting, delegate=author, secretariat=secretariat)
    assert Contribution.objects.get(pk=document.pk).group_id == meeting.group_id


def test_a_meeting_moved_to_another_group_takes_its_documents(group, meeting, author, secretariat):
    publish_document(meeting, delegate=author, secretariat=secretariat, title="Numbering")
    other = factories.ExpertGroupFactory(acronym="EG-X", slug="eg-x")
    assert feed_titles(group) == [f"EG-ITRs {meeting.ordinal}/1: Numbering"]
    assert feed_titles(other) == []
    meeting.group = other
    meeting.save()
    assert list(Contribution.objects.values_list("group__slug", flat=True)) == ["eg-x"]
    assert feed_titles(group) == []
    assert feed_titles(other) == [f"EG-X {meeting.ordinal}/1: Numbering"]


def test_a_draft_moved_to_a_meeting_of_another_group_takes_its_group(meeting, author):
    draft = make_contribution(meeting=meeting, delegate=author)
    elsewhere = factories.MeetingFactory(group=factories.ExpertGroupFactory(acronym="EG-Y"))
    draft = Contribution.objects.get(pk=draft.pk)
    draft.meeting = elsewhere
    draft.save(update_fields=["meeting"])
    assert Contribution.objects.get(pk=draft.pk).group_id == elsewhere.group_id
