"""What meetings produced, in a history file: decisions, statements, work plans, reports."""

from history.export_register import ExportError
from history.format import compact, format_instant
from history.report_translations import ReportTranslationExport
from proceedings.enums import ReportKind
from proceedings.models import Decision, Report, Statement, WorkPlan

REPORT_KIND_ORDER = [ReportKind.MEETING, ReportKind.PROGRESS, ReportKind.FINAL]


def first_recorded(model, ids):
    """When each row was created, by its first history row: {id: time}."""
    rows = model.history.model.objects.filter(id__in=list(ids), history_type="+")
    first = {}
    for row_id, at in rows.order_by("history_date", "history_id").values_list(
        "id", "history_date"
    ):
        first.setdefault(row_id, at)
    return first


class ProceedingsExport(ReportTranslationExport):
    """Mixed into the exporter; `decision_refs` and `statement_refs` are filled per group."""

    # What the meetings produced.

    def _number_of(self, document, where):
        if document.number is None:
            raise ExportError(
                f"{where} refers to a document without a register number ({document.title}); "
                "the format refers to documents by their numbers."
            )
        return document.register_number

    def decisions(self, meeting):
        decisions = list(
            Decision.objects.filter(meeting=meeting)
            .select_related("agenda_item")
            .prefetch_related("documents__meeting__group")
            .order_by("order", "pk")
        )
        recorded = first_recorded(Decision, [d.pk for d in decisions])
        exported = []
        for position, decision in enumerate(decisions, start=1):
            self.decision_refs[decision.pk] = {"meeting": meeting.ordinal, "decision": position}
            where = f"Decision “{decision.subject}” of {meeting}"
            documents = sorted(
                decision.documents.all(),
                key=lambda d: (d.number or 0, d.amendment_kind, d.amendment_ordinal),
            )
            exported.append(
                {
                    "subject": decision.subject,
                    **compact(agenda_item=decision.agenda_item and decision.agenda_item.number),
                    "outcome": decision.outcome,
                    **compact(
                        procedural=decision.procedural,
                        text=decision.text,
                        documents=[self._number_of(d, where) for d in documents],
                        recorded_at=format_instant(recorded.get(decision.pk)),
                    ),
                }
            )
        return exported

    def statements(self, meeting):
        statements = list(
            Statement.objects.filter(meeting=meeting)
            .select_related("document__meeting__group", "decision")
            .prefetch_related("organizations")
        )
        recorded = first_recorded(Statement, [s.pk for s in statements])
        statements.sort(key=lambda s: (recorded.get(s.pk) is None, recorded.get(s.pk), s.pk))
        exported = []
        for position, statement in enumerate(statements, start=1):
            self.statement_refs[statement.pk] = {
                "meeting": meeting.ordinal,
                "statement": position,
            }
            decision = self.decision_refs.get(statement.decision_id)
            exported.append(
                {
                    "title": statement.title,
                    **compact(text=statement.text),
                    "organizations": sorted(
                        self.ref(organization) for organization in statement.organizations.all()
                    ),
                    **compact(
                        decision=decision and decision["decision"],
                        document=statement.document
                        and self._number_of(statement.document, f"Statement “{statement}”"),
                        recorded_at=format_instant(recorded.get(statement.pk)),
                    ),
                }
            )
        return exported

    def work_plans(self, group):
        plans = list(
            WorkPlan.objects.filter(group=group)
            .select_related("proposed_in__meeting__group")
            .prefetch_related("items__target_meeting")
            .order_by("version")
        )
        proposed = first_recorded(WorkPlan, [plan.pk for plan in plans])
        return [
            {
                "version": plan.version,
                **compact(title=plan.title),
                "status": plan.status,
                **compact(
                    proposed_in=plan.proposed_in
                    and self._number_of(plan.proposed_in, f"Work plan {plan.version}"),
                    proposed_at=format_instant(proposed.get(plan.pk)),
                    approved_by=plan.approved_by_id and self.decision_refs[plan.approved_by_id],
                    notes=plan.notes,
                    items=[
                        {
                            "description": item.description,
                            **compact(
                                target_meeting=item.target_meeting and item.target_meeting.ordinal,
                                target_session=item.target_session,
                            ),
                            "status": item.status,
                        }
                        for item in sorted(plan.items.all(), key=lambda i: (i.order, i.pk))
                    ],
                ),
            }
            for plan in plans
        ]

    def reports(self, group):
        reports = list(Report.objects.filter(group=group).select_related("meeting"))
        if any(report.version > 1 for report in reports):
            raise ExportError(
                f"{group} has reports in more than one version; version 1 of the history "
                "format holds one version of each report."
            )
        created = first_recorded(Report, [report.pk for report in reports])
        reports.sort(
            key=lambda r: (
                REPORT_KIND_ORDER.index(r.kind),
                r.meeting.ordinal if r.meeting else 0,
                str(r.period_start or r.period_end or r.date or ""),
                r.title,
            )
        )
        return [self.report(report, created.get(report.pk)) for report in reports]

    def report(self, report, created):
        paragraphs = report.added_paragraphs.select_related("agenda_item").order_by(
            "section", "order", "pk"
        )
        annexes = Statement.objects.filter(report=report).order_by("annex_number", "pk")
        return {
            "kind": report.kind,
            **compact(meeting=report.meeting and report.meeting.ordinal),
            "title": report.title,
            **compact(
                period_start=report.period_start and report.period_start.isoformat(),
                period_end=report.period_end and report.period_end.isoformat(),
                parent_body_session=report.parent_body_session,
                parent_body_document=report.parent_body_document,
                parent_body_agenda_item=report.parent_body_agenda_item,
                date=report.date and report.date.isoformat(),
            ),
            "original_language": report.original_language,
            **compact(
                author=report.author,
                purpose=report.purpose,
                action_required=report.action_required,
                strategic_plan_links=report.strategic_plan_links,
                financial_implications=report.financial_implications,
                conclusions=report.conclusions,
                notes=report.notes,
                paragraphs=[
                    compact(
                        section=paragraph.section,
                        agenda_item=paragraph.agenda_item and paragraph.agenda_item.number,
                        text=paragraph.text,
                    )
                    for paragraph in paragraphs
                ],
                annexes=[
                    {"statement": self.statement_refs[s.pk], "number": s.annex_number}
                    for s in annexes
                ],
            ),
            "status": report.status,
            **compact(
                created_at=format_instant(created),
                approved_by=report.approved_by_id and self.decision_refs[report.approved_by_id],
                approved_at=format_instant(report.approved_at),
                published_at=format_instant(report.published_at),
                translations=self.report_translations(report),
            ),
        }
