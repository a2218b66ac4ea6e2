"""Every change to the document register: atomic, checked against the rules, audited.

Nothing else writes a contribution's `status`, `number`, timestamps or flags. Callers use
this package (`from contributions import services`); the modules group the functions by
the part of the work they serve.
"""

from contributions.services.workflow import (
    TransitionNotAllowed,
    add_file,
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
    "create_draft",
    "publish_contribution",
    "return_for_changes",
    "submit_contribution",
    "update_draft",
    "withdraw_contribution",
]
