"""Every change to what meetings produce: atomic, checked against the rules, audited.

Callers use this package (`from proceedings import services`); each module serves one part
of the work and adds its public functions here.
"""

from proceedings.services.records import (  # noqa: F401
    check_own_meeting,
    record_decision,
    record_statement,
)
from proceedings.services.reports import (  # noqa: F401
    add_report_paragraph,
    approve_report,
    check_approving_decision,
    new_report_version,
    publish_report,
    record_header_basis,
    start_meeting_report,
    start_progress_report,
)
from proceedings.services.statements import (  # noqa: F401
    annex_statement,
    detach_statement,
    move_statement,
    number_statements_from,
)
from proceedings.services.translations import (  # noqa: F401
    check_translation_file,
    post_report_translation,
    request_report_translations,
    start_report_translation,
)
from proceedings.services.work_plans import (  # noqa: F401
    add_work_plan_item,
    approve_work_plan,
    propose_work_plan,
    set_work_plan_item_status,
)
