"""Every change to the document register: atomic, checked against the rules, audited.

Nothing else writes a contribution's `status`, `number`, timestamps or flags. Callers use
this package (`from contributions import services`); the modules group the functions by
the part of the work they serve.
"""

from contributions.services.amendments import start_amendment
from contributions.services.cosponsors import (
    confirm_cosponsorship,
    decline_cosponsorship,
    decline_for_organization,
    name_first_sources,
    override_cosponsorship,
    reset_confirmations,
    set_sources,
)
from contributions.services.lateness import decide_late_contribution
from contributions.services.translations import (
    post_translation,
    request_translations,
    start_translation,
)
from contributions.services.workflow import (
    TransitionNotAllowed,
    add_file,
    correct_contribution,
    create_draft,
    publish_contribution,
    return_for_changes,
    submit_contribution,
    update_draft,
    withdraw_contribution,
)

__all__ = [
    "TransitionNotAllowed",
    "add_file",
    "confirm_cosponsorship",
    "correct_contribution",
    "create_draft",
    "decide_late_contribution",
    "decline_cosponsorship",
    "decline_for_organization",
    "name_first_sources",
    "override_cosponsorship",
    "post_translation",
    "request_translations",
    "reset_confirmations",
    "set_sources",
    "start_amendment",
    "start_translation",
    "publish_contribution",
    "return_for_changes",
    "submit_contribution",
    "update_draft",
    "withdraw_contribution",
]
