"""Template tags that show what meetings produced on pages of the apps to the left."""

from django import template
from django.db.models import Prefetch, Q

from contributions.models import Contribution
from proceedings.models import Decision

register = template.Library()


@register.inclusion_tag("proceedings/includes/decisions_on.html")
def decisions_on(contribution, user):
    """What was decided on a document, its base document or its revisions and additions.

    Two queries, however many decisions: the decisions, and the documents of the family
    that each concerns and the user may read (to say "on Rev.1" where it is not this one).
    """
    base_id = contribution.base_id or contribution.pk
    family = Q(pk=base_id) | Q(base_id=base_id)
    concerning = Decision.documents.through.objects.filter(
        Q(contribution_id=base_id) | Q(contribution__base_id=base_id)
    ).values("decision_id")
    decisions = (
        Decision.objects.filter(pk__in=concerning)
        .select_related("meeting__group", "agenda_item")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Contribution.objects.visible_to(user)
                .filter(family)
                .select_related("meeting__group"),
                to_attr="family_documents",
            )
        )
        .order_by("meeting__start_date", "meeting__ordinal", "order", "pk")
    )
    return {"decisions": decisions, "contribution": contribution}
