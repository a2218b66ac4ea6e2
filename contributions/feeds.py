"""The Atom feed of a group's newly published documents."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contributions.enums import ContributionStatus
from contributions.policies import contribution_policy
from meetings.models import ExpertGroup

FEED_LENGTH = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (`type="text"`).

    Django writes summaries as `type="html"`, so a reader renders an abstract's "<b>" as
    markup; an abstract is what its author typed, and reads as typed.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class DocumentFeed(Feed):
    """The latest documents published in a group, as an anonymous visitor may read them.

    Feed readers fetch without a session and shared caches keep the answer: the feed is
    never personalized, whoever asks for it.
    """

    feed_type = PlainTextAtomFeed

    def get_object(self, request, group_slug):
        return get_object_or_404(ExpertGroup, slug=group_slug)

    def title(self, group):
        return _("%(acronym)s documents") % {"acronym": group.acronym}

    def subtitle(self, group):
        return _("Documents published by %(name)s") % {"name": group.name}

    def link(self, group):
        return reverse("contributions:document_list", args=[group.slug])

    def feed_url(self, group):
        return reverse("contributions:document_feed", args=[group.slug])

    def items(self, group):
        return (
            contribution_policy.visible_to(AnonymousUser())
            .filter(group=group, status=ContributionStatus.PUBLISHED)
            .with_register_data()
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, contribution):
        return pgettext_lazy("feed entry", "%(number)s: %(title)s") % {
            "number": contribution.register_number,
            "title": contribution.title,
        }

    def item_description(self, contribution):
        return contribution.abstract

    def item_link(self, contribution):
        return contribution.get_absolute_url()

    def item_pubdate(self, contribution):
        return contribution.published_at

    def item_updateddate(self, contribution):
        return contribution.published_at

    def item_author_name(self, contribution):
        return ", ".join(str(organization) for organization in contribution.public_sources)
