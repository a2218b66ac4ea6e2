"""Who may see what meetings produce: reports, decisions, statements, work plans.

Each rule once (see `egitrs.policies`):

- reports: published ones for everyone; drafts and approved ones, not yet published,
  for the secretariat, which builds them;
- decisions, statements and work plans are the record of meetings and are public;
  what they name is shown only as far as its own policy allows (a decision's documents
  through `contributions.policies.contribution_policy`, a statement's report through
  `report_policy`).
"""

from django.db.models import Q

from egitrs.policies import ViewPolicy, prefixed
from members.rules import is_secretariat
from proceedings.enums import ReportStatus
from proceedings.models import is_current_translation_file


class ReportPolicy(ViewPolicy):
    model = "proceedings.Report"

    def rule(self, user):
        if is_secretariat(user):
            return Q()
        return Q(status=ReportStatus.PUBLISHED)


class PublicRecordPolicy(ViewPolicy):
    """Records every visitor reads."""

    def __init__(self, model):
        self.model = model

    def rule(self, user):
        return Q()


report_policy = ReportPolicy()
decision_policy = PublicRecordPolicy("proceedings.Decision")
statement_policy = PublicRecordPolicy("proceedings.Statement")
work_plan_policy = PublicRecordPolicy("proceedings.WorkPlan")


class ReportTranslationPolicy(ViewPolicy):
    """A report's translations, and where each stands, go with the report."""

    model = "proceedings.ReportTranslation"

    def rule(self, user):
        return prefixed(report_policy.rule(user), "report")


class ReportTranslationFilePolicy(ViewPolicy):
    """A posted translation goes with its report (so the public gets it once the report
    is published); superseded postings are kept for the secretariat's record only."""

    model = "proceedings.ReportTranslationFile"

    def sees_superseded(self, user):
        return is_secretariat(user)

    def rule(self, user):
        if self.sees_superseded(user):
            return Q()
        return prefixed(report_policy.rule(user), "translation__report") & Q(
            is_current_translation_file()
        )


report_translation_policy = ReportTranslationPolicy()
report_translation_file_policy = ReportTranslationFilePolicy()
