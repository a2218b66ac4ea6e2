"""Who may do what with the group's reports: one predicate per action.

Who may see a report is `proceedings.policies.report_policy`. Only the secretariat builds,
approves and publishes reports.
"""

from contributions.enums import TRANSLATION_MOVES
from egitrs.workflow import Roles
from members.rules import is_secretariat
from proceedings.enums import REPORT_MOVES, WORK_PLAN_MOVES, ReportStatus


def manages_reports(user, group):
    """Builds, approves and publishes the group's reports (the state aside)."""
    return is_secretariat(user)


REPORT_ROLES = Roles(
    REPORT_MOVES, secretariat=lambda user, report: manages_reports(user, report.group)
)
WORK_PLAN_ROLES = Roles(WORK_PLAN_MOVES, secretariat=lambda user, work_plan: is_secretariat(user))


def records_proceedings(user, meeting=None):
    """Records decisions and statements of meetings."""
    return is_secretariat(user)


def can_start_report(user, group):
    return manages_reports(user, group)


def can_edit_report(user, report):
    """Change the free-text fields and the added paragraphs: a draft only."""
    return report.status == ReportStatus.DRAFT and manages_reports(user, report.group)


can_approve_report = REPORT_ROLES.can("approve")
can_publish_report = REPORT_ROLES.can("publish")
can_approve_work_plan = WORK_PLAN_ROLES.can("approve")


def can_start_new_version(user, report):
    """A new draft from an approved or published report that no later version follows.

    Uses `report.next_versions`: prefetch it where many reports are asked about.
    """
    return (
        report.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
        and manages_reports(user, report.group)
        and not report.next_versions.all()
    )


# A report is translated once it is approved: a draft still changes with the records. Its
# translations go through the same table of moves as a document's.
TRANSLATED_REPORT_STATUSES = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)

REPORT_TRANSLATION_ROLES = Roles(
    TRANSLATION_MOVES,
    secretariat=lambda user, translation: (
        translation.report.status in TRANSLATED_REPORT_STATUSES
        and manages_reports(user, translation.report.group)
    ),
)


def can_translate_report(user, report):
    """Request, start and post the report's translations: an approved or published one."""
    return report.status in TRANSLATED_REPORT_STATUSES and manages_reports(user, report.group)
