"""What proceedings add to the pages of the apps to the left (see `egitrs.extensions`).

Registered from `ProceedingsConfig.ready()`: the decisions on a document, on the
document's page; the work plan, on the group's page; the reports waiting for approval or
publication, on the secretariat's desk.
"""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.timesince import timesince

from contributions.policies import contribution_policy
from egitrs import extensions
from proceedings.enums import ReportStatus
from proceedings.models import Decision, Report


def decisions_on(*, contribution, user):
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
                queryset=contribution_policy.visible_to(user)
                .filter(family)
                .select_related("meeting__group"),
                to_attr="family_documents",
            )
        )
        .order_by("meeting__start_date", "meeting__ordinal", "order", "pk")
    )
    return {"decisions": decisions, "contribution": contribution}


def reports_waiting(*, user):
    """Drafts to approve and approved reports to publish, the longest waiting first.

    A report waits since it was started (a draft) or approved; one query.
    """
    started = (
        Report.history.model.objects.filter(id=OuterRef("pk"))
        .order_by("history_date", "history_id")
        .values("history_date")[:1]
    )
    reports = list(
        Report.objects.filter(status__in=[ReportStatus.DRAFT, ReportStatus.APPROVED])
        .select_related("group", "meeting__group")
        .annotate(started_at=Subquery(started))
        .order_by("pk")
    )
    now = timezone.now()
    for report in reports:
        report.since = (
            report.approved_at if report.status == ReportStatus.APPROVED else report.started_at
        ) or now
        report.age = timesince(report.since, now, depth=1)
    reports.sort(key=lambda report: (report.since, report.pk))
    return {"reports": reports}


def register():
    extensions.register_panel(
        "contributions.document_detail",
        "proceedings/includes/decisions_on.html",
        context=decisions_on,
    )
    extensions.register_panel("meetings.group_detail", "proceedings/includes/group_work_plan.html")
    extensions.register_panel(
        "contributions.desk", "proceedings/includes/desk_reports.html", context=reports_waiting
    )
