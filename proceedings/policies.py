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

from egitrs.policies import ViewPolicy
from members.rules import is_secretariat
from proceedings.enums import ReportStatus


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
