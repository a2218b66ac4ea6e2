"""The steps of work plans and reports: proposed, approved by decisions, published."""

from history.format import parse_date, parse_instant
from history.report_translations import ReportTranslationSteps
from history.validation import pointer
from proceedings import services
from proceedings.services.reports import HEADER_FIELDS

# What a meeting report takes from the file; the rest is built from its meeting.
MEETING_REPORT_FIELDS = [
    "title",
    "parent_body_document",
    "date",
    "original_language",
    "author",
    "notes",
]


class ProceedingsSteps(ReportTranslationSteps):
    """Mixed into `Steps`: uses its `add`, `made`, the group's times and references."""

    def work_plan(self, plan, place):
        key = pointer(*place)
        proposed_in = plan.get("proposed_in") and self.document_key(plan["proposed_in"])
        at = parse_instant(plan["proposed_at"]) if "proposed_at" in plan else self.start
        targets = [
            self.meeting_times[item["target_meeting"]][0]
            for item in plan.get("items", [])
            if "target_meeting" in item
        ]

        def propose():
            self.made[key] = services.propose_work_plan(
                group=self.made[self.group_key],
                by=self.by,
                title=plan.get("title", ""),
                items=[
                    {
                        "description": item["description"],
                        "target_meeting": "target_meeting" in item
                        and self.made[self.meeting_times[item["target_meeting"]][0]]
                        or None,
                        "target_session": item.get("target_session", ""),
                        "status": item.get("status", "planned"),
                    }
                    for item in plan.get("items", [])
                ],
                proposed_in=proposed_in and self.made[proposed_in],
                notes=plan.get("notes", ""),
                at=at,
            )

        needs = [self.group_key, *targets, *filter(None, [proposed_in])]
        self.add(at, 22, key, propose, needs=needs, makes=[key])
        if "approved_by" in plan:
            decision = self.decision_key(plan["approved_by"])
            approved = self.decision_time(plan["approved_by"])
            self.add(
                approved,
                23,
                pointer(*place, "approved_by"),
                lambda: services.approve_work_plan(
                    work_plan=self.made[key], decision=self.made[decision], by=self.by, at=approved
                ),
                needs=[key, decision],
                refresh=key,
            )

    def report(self, report, place):
        key = pointer(*place)
        approved = parse_instant(report["approved_at"]) if "approved_at" in report else None
        created = (
            parse_instant(report["created_at"]) if "created_at" in report else approved or self.end
        )
        # The kind is an argument of its own, and the date is a date.
        header = {f: report[f] for f in HEADER_FIELDS - {"kind", "date"} if f in report}
        if "date" in report:
            header["date"] = parse_date(report["date"])
        meeting_key = "meeting" in report and self.meeting_times[report["meeting"]][0]

        def start():
            if report["kind"] == "meeting":
                self.made[key] = services.start_meeting_report(
                    meeting=self.made[meeting_key],
                    by=self.by,
                    at=created,
                    **{name: header[name] for name in MEETING_REPORT_FIELDS if name in header},
                )
            else:
                self.made[key] = services.start_progress_report(
                    group=self.made[self.group_key],
                    period_start=parse_date(report.get("period_start", "")),
                    period_end=parse_date(report.get("period_end", "")),
                    kind=report["kind"],
                    by=self.by,
                    at=created,
                    **header,
                )

        self.add(
            created,
            30,
            key,
            start,
            needs=[self.group_key, *filter(None, [meeting_key])],
            makes=[key],
        )
        for index, paragraph in enumerate(report.get("paragraphs", [])):
            self.paragraph(key, meeting_key, paragraph, (*place, "paragraphs", index), created)
        for index, annex in enumerate(report.get("annexes", [])):
            statement_meeting = self.meeting_times[annex["statement"]["meeting"]][0]
            statement = f"{statement_meeting}/statements/{annex['statement']['statement'] - 1}"
            self.add(
                created,
                32,
                pointer(*place, "annexes", index),
                lambda statement=statement, annex=annex, first=index == 0: (
                    services.annex_statement(
                        statement=self.made[statement],
                        report=self.made[key],
                        by=self.by,
                        first_number=annex["number"] if first else None,
                        at=created,
                    )
                ),
                needs=[key, statement],
                refresh=key,
            )
        if approved is not None:
            decision = self.decision_key(report["approved_by"])

            def approve():
                approved_report = services.approve_report(
                    report=self.made[key], decision=self.made[decision], by=self.by, at=approved
                )
                self.remember_files(approved_report.renditions.all())

            self.add(
                approved,
                33,
                pointer(*place, "approved_at"),
                approve,
                needs=[key, decision],
                refresh=key,
            )
        if "published_at" in report:
            published = parse_instant(report["published_at"])
            self.add(
                published,
                34,
                pointer(*place, "published_at"),
                lambda: services.publish_report(report=self.made[key], by=self.by, at=published),
                needs=[key],
                refresh=key,
            )
        self.report_translations(report, place, key)

    def paragraph(self, key, meeting_key, paragraph, place, at):
        def add():
            item = paragraph.get("agenda_item")
            services.add_report_paragraph(
                report=self.made[key],
                section=paragraph["section"],
                agenda_item=item and self.agenda[(meeting_key, item)],
                text=paragraph["text"],
                by=self.by,
                at=at,
            )

        self.add(at, 31, pointer(*place), add, needs=[key])
