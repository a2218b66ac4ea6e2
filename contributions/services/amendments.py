"""Revisions, addenda and corrigenda of published documents.

An amendment is its own entry of the register: a draft that goes through the same
workflow as any contribution. Its ordinal ("Rev.2") is drawn when it is published
(`workflow.publish_contribution`), per base document and kind, from 1.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import AmendmentKind, ContributionStatus, SourceConfirmation
from contributions.services.workflow import create_draft


@transaction.atomic
def start_amendment(*, base, kind, by, at=None):
    """A new draft revising, adding to or correcting the published document `base`.

    It copies what the base says about itself (title, abstract, kind, original language,
    access, agenda items) and its sources; co-sponsors are asked again, since they agreed
    to the base, not to the change. A co-sponsor that declined the base is left out. The
    file is not copied: the amendment is a new text. The secretariat may amend a document
    at any time (how errors are fixed after a meeting); delegates while its meeting takes
    contributions.
    """
    at = at or timezone.now()
    kind = AmendmentKind(kind)
    if base.status != ContributionStatus.PUBLISHED or base.number is None:
        raise ValidationError(
            _("Only a published document can be revised, added to or corrected.")
        )
    if base.base_id is not None:
        raise ValidationError(
            _("Amend the original document, not one of its revisions, addenda or corrigenda.")
        )
    if not rules.can_start_amendment(by, base, at=at) and not base.meeting.accepts_contributions(
        at=at
    ):
        raise ValidationError(
            _("%(meeting)s does not take contributions now, so its documents cannot be amended.")
            % {"meeting": base.meeting},
            code="meeting_closed",
        )
    if not rules.can_start_amendment(by, base, at=at):
        raise PermissionDenied(
            _("Only the submitting organization's delegates or the secretariat can do this.")
        )
    sources = list(
        base.sources.exclude(confirmation=SourceConfirmation.DECLINED)
        .select_related("organization")
        .order_by("order", "pk")
    )
    amendment = create_draft(
        meeting=base.meeting,
        organization=sources[0].organization,
        by=by,
        title=base.title,
        abstract=base.abstract,
        kind=base.kind,
        original_language=base.original_language,
        access_level=base.access_level,
        cosponsors=[source.organization for source in sources[1:]],
        agenda_items=list(base.agenda_items.all()),
        base=base,
        amendment_kind=kind,
        at=at,
    )
    return amendment
