"""The checks of what meetings produced: decisions, statements, work plans and reports."""

from history.format import parse_date
from history.report_translations import ReportTranslationChecks
from history.validation import pointer
from proceedings.enums import Outcome

APPROVING_OUTCOMES = (Outcome.APPROVED, Outcome.APPROVED_WITH_UNDERSTANDING)
PROGRESS_ONLY_FIELDS = {
    "period_start",
    "period_end",
    "parent_body_session",
    "parent_body_agenda_item",
    "purpose",
    "action_required",
    "strategic_plan_links",
    "financial_implications",
    "conclusions",
}


class ProceedingsChecks(ReportTranslationChecks):
    """Mixed into the checker: it provides `problem`, `meetings`, `documents`, `in_order`."""

    def proceedings(self, meeting, where):
        agenda = {item["number"] for item in meeting.get("agenda", [])}
        for index, decision in enumerate(meeting.get("decisions", [])):
            place = (*where, "decisions", index)
            item = decision.get("agenda_item")
            if item is not None and item not in agenda:
                self.problem(
                    pointer(*place, "agenda_item"),
                    "Agenda item %(item)s is not on the agenda of meeting %(meeting)s: a decision "
                    "is taken on an item of its own meeting.",
                    item=item,
                    meeting=meeting["number"],
                )
            for position, number in enumerate(decision.get("documents", [])):
                self.own_document(meeting, number, (*place, "documents", position), "decision")
        decisions = len(meeting.get("decisions", []))
        for index, statement in enumerate(meeting.get("statements", [])):
            place = (*where, "statements", index)
            for position, reference in enumerate(statement["organizations"]):
                self.organization(reference, (*place, "organizations", position))
            if statement.get("decision", 1) > decisions:
                self.problem(
                    pointer(*place, "decision"),
                    "Meeting %(meeting)s has no decision %(decision)s.",
                    meeting=meeting["number"],
                    decision=statement["decision"],
                )
            if "document" in statement:
                self.own_document(
                    meeting, statement["document"], (*place, "document"), "statement"
                )

    def own_document(self, meeting, number, place, what):
        found = self.documents.get(number)
        if found is None:
            self.problem(
                pointer(*place), "There is no document %(number)s in this history.", number=number
            )
        elif found[0] != meeting["number"]:
            self.problem(
                pointer(*place),
                "%(number)s is a document of meeting %(other)s; a %(what)s of meeting %(meeting)s "
                "concerns documents of its own meeting.",
                number=number,
                other=found[0],
                what=what,
                meeting=meeting["number"],
            )

    def decision(self, reference, place):
        """The decision a {meeting, decision} reference names, or None (with the problem)."""
        found = self.meetings.get(reference["meeting"])
        decisions = found[0].get("decisions", []) if found else []
        if reference["decision"] > len(decisions):
            self.problem(
                pointer(*place),
                "Meeting %(meeting)s has no decision %(decision)s.",
                meeting=reference["meeting"],
                decision=reference["decision"],
            )
            return None
        return decisions[reference["decision"] - 1]

    def approving(self, reference, place, what):
        decision = self.decision(reference, place)
        if decision is not None and decision["outcome"] not in APPROVING_OUTCOMES:
            self.problem(
                pointer(*place),
                "Decision %(decision)s of meeting %(meeting)s is recorded as “%(outcome)s”: it "
                "approves no %(what)s.",
                decision=reference["decision"],
                meeting=reference["meeting"],
                outcome=Outcome(decision["outcome"]).label,
                what=what,
            )

    def target_meeting(self, number, place):
        if number not in self.meetings:
            self.problem(
                pointer(*place), "There is no meeting %(number)s in this group.", number=number
            )

    def work_plans(self, group, place):
        plans = group.get("work_plans", [])
        approved = [i for i, plan in enumerate(plans) if plan["status"] == "approved"]
        for index, plan in enumerate(plans):
            where = (*place, "work_plans", index)
            if plan["version"] != index + 1:
                self.problem(
                    pointer(*where, "version"),
                    "Work plan versions are numbered 1, 2, 3 … in the order of the list: this one "
                    "is version %(expected)s.",
                    expected=index + 1,
                )
            if "proposed_in" in plan and plan["proposed_in"] not in self.documents:
                self.problem(
                    pointer(*where, "proposed_in"),
                    "There is no document %(number)s in this history.",
                    number=plan["proposed_in"],
                )
            status = plan["status"]
            if status == "proposed" and "approved_by" in plan:
                self.problem(
                    pointer(*where, "approved_by"), "A proposed work plan is not approved yet."
                )
            if status != "proposed" and "approved_by" not in plan:
                self.problem(
                    pointer(*where),
                    "An %(status)s work plan names the decision that approved it.",
                    status=status,
                )
            if "approved_by" in plan:
                self.approving(plan["approved_by"], (*where, "approved_by"), "work plan")
            if status == "superseded" and not any(i > index for i in approved):
                self.problem(
                    pointer(*where, "status"),
                    "A work plan is superseded by a later approved version; there is none.",
                )
            for position, item in enumerate(plan.get("items", [])):
                if "target_meeting" in item:
                    self.target_meeting(
                        item["target_meeting"], (*where, "items", position, "target_meeting")
                    )
        for index in approved[:-1]:
            self.problem(
                pointer(*place, "work_plans", index, "status"),
                "One version of the work plan is approved at a time: a later one is approved too.",
            )

    def reports(self, group, place):
        annexed = {}
        for index, report in enumerate(group.get("reports", [])):
            where = (*place, "reports", index)
            kind, status = report["kind"], report["status"]
            if kind == "meeting" and "meeting" not in report:
                self.problem(pointer(*where), "A meeting report names its meeting.")
            elif kind != "meeting" and "meeting" in report:
                self.problem(pointer(*where, "meeting"), "Only a meeting report has a meeting.")
            elif "meeting" in report:
                self.target_meeting(report["meeting"], (*where, "meeting"))
            if kind == "meeting":
                for field in PROGRESS_ONLY_FIELDS & set(report):
                    self.problem(
                        pointer(*where, field),
                        "A meeting report is written from its meeting: it has no “%(field)s”.",
                        field=field,
                    )
            start, end = (
                parse_date(report.get("period_start", "")),
                parse_date(report.get("period_end", "")),
            )
            if start and end and end < start:
                self.problem(
                    pointer(*where, "period_end"), "The report's period ends before it starts."
                )
            for field, needed in (
                ("approved_by", status != "draft"),
                ("approved_at", status != "draft"),
                ("published_at", status == "published"),
            ):
                if needed and field not in report:
                    self.problem(pointer(*where), "“%(field)s” is missing.", field=field)
                if not needed and field in report:
                    self.problem(
                        pointer(*where, field),
                        "A %(status)s report has no “%(field)s”.",
                        status=status,
                        field=field,
                    )
            if "approved_by" in report:
                self.approving(report["approved_by"], (*where, "approved_by"), "report")
            self.in_order(
                report.get("created_at"),
                report.get("approved_at"),
                (*where, "approved_at"),
                "The report is approved before it is started.",
            )
            self.in_order(
                report.get("approved_at"),
                report.get("published_at"),
                (*where, "published_at"),
                "The report is published before it is approved.",
            )
            self.paragraphs(report, where)
            self.annexes(report, where, annexed)
            self.report_translations(report, where)

    def paragraphs(self, report, where):
        meeting = self.meetings.get(report.get("meeting"))
        agenda = {item["number"] for item in meeting[0].get("agenda", [])} if meeting else set()
        for index, paragraph in enumerate(report.get("paragraphs", [])):
            place = (*where, "paragraphs", index)
            item = paragraph.get("agenda_item")
            if (paragraph["section"] == "agenda_item") != (item is not None):
                self.problem(
                    pointer(*place),
                    "A paragraph names an agenda item exactly when its section is “agenda_item”.",
                )
            elif item is not None and item not in agenda:
                self.problem(
                    pointer(*place, "agenda_item"),
                    "Agenda item %(item)s is not on the agenda of the report's meeting.",
                    item=item,
                )

    def annexes(self, report, where, annexed):
        numbers = []
        for index, annex in enumerate(report.get("annexes", [])):
            place = (*where, "annexes", index)
            reference = annex["statement"]
            found = self.meetings.get(reference["meeting"])
            statements = found[0].get("statements", []) if found else []
            key = (reference["meeting"], reference["statement"])
            if reference["statement"] > len(statements):
                self.problem(
                    pointer(*place, "statement"),
                    "Meeting %(meeting)s has no statement %(statement)s.",
                    meeting=reference["meeting"],
                    statement=reference["statement"],
                )
            elif key in annexed:
                self.problem(
                    pointer(*place, "statement"),
                    "This statement is already annexed at %(other)s.",
                    other=annexed[key],
                )
            annexed.setdefault(key, pointer(*place))
            numbers.append(annex["number"])
        if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            self.problem(
                pointer(*where, "annexes"),
                "The annex numbers of a report follow each other in the list (2, 3, 4 …).",
            )
