import pytest
from django.urls import reverse

from proceedings.enums import Outcome, ReportKind, ReportStatus, WorkPlanStatus
from proceedings.models import Decision, Report, Statement, WorkPlan, WorkPlanItem
from tests import factories


@pytest.fixture
def records(meeting, org_a, org_b):
    decision = Decision.objects.create(
        meeting=meeting, subject="Work plan", outcome=Outcome.APPROVED, order=1
    )
    report = Report.objects.create(
        group=meeting.group, kind=ReportKind.MEETING, meeting=meeting, title="Meeting report"
    )
    statement = Statement.objects.create(
        meeting=meeting, title="Statement", decision=decision, report=report, annex_number=1
    )
    statement.organizations.set([org_a, org_b])
    work_plan = WorkPlan.objects.create(group=meeting.group, version=1)
    WorkPlanItem.objects.create(work_plan=work_plan, description="Review", target_meeting=meeting)
    return {"decision": decision, "statement": statement, "workplan": work_plan, "report": report}


def _pages(records):
    pages = []
    for model, obj in records.items():
        pages += [
            reverse(f"admin:proceedings_{model}_changelist"),
            reverse(f"admin:proceedings_{model}_add"),
            reverse(f"admin:proceedings_{model}_change", args=[obj.pk]),
            reverse(f"admin:proceedings_{model}_history", args=[obj.pk]),
        ]
    return pages


def test_secretariat_opens_the_proceedings_admin(client, secretariat, records):
    client.force_login(secretariat)
    pages = _pages(records)

    assert [client.get(url).status_code for url in pages] == [200] * len(pages)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, records, role):
    if roles[role]:
        client.force_login(roles[role])
    pages = _pages(records)

    responses = [client.get(url) for url in pages]

    assert [response["Location"] for response in responses] == [
        f"{reverse('admin:login')}?next={url}" for url in pages
    ]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("model", "queries"), [("decision", 8), ("statement", 9)])
def test_changelist_query_count(
    client, secretariat, meeting, org_a, org_b, django_assert_num_queries, rows, model, queries
):
    for n in range(rows):
        decision = Decision.objects.create(
            meeting=meeting, subject=f"Subject {n}", outcome=Outcome.NOTED, order=n
        )
        statement = Statement.objects.create(meeting=meeting, title=f"S{n}", decision=decision)
        statement.organizations.set([org_a, org_b])
    client.force_login(secretariat)

    with django_assert_num_queries(queries):
        response = client.get(reverse(f"admin:proceedings_{model}_changelist"))

    assert response.context["cl"].result_count == rows


def test_statement_changelist_names_who_made_it(client, secretariat, records):
    client.force_login(secretariat)

    response = client.get(reverse("admin:proceedings_statement_changelist"))

    assert '<td class="field-made_by">Member State A; Member State B</td>' in response.text


def test_decision_records_its_documents(client, secretariat, meeting, delegate_a):
    document = factories.make_contribution(
        meeting=meeting, delegate=delegate_a, status="published", secretariat=secretariat
    )
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:proceedings_decision_add"),
        {
            "meeting": meeting.pk,
            "subject": "Draft work plan",
            "outcome": Outcome.APPROVED_WITH_UNDERSTANDING,
            "text": "On the understanding that ...",
            "documents": [document.pk],
            "order": "2",
        },
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.documents.all()) == [document]
    assert decision.history.count() == 1


def test_work_plan_cannot_be_approved_without_its_decision(client, secretariat, records):
    work_plan = records["workplan"]
    client.force_login(secretariat)
    url = reverse("admin:proceedings_workplan_change", args=[work_plan.pk])
    item = work_plan.items.get()
    data = {
        "group": work_plan.group_id,
        "version": "1",
        "title": "",
        "status": WorkPlanStatus.APPROVED,
        "notes": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-0-id": item.pk,
        "items-0-work_plan": work_plan.pk,
        "items-0-order": "0",
        "items-0-description": "Review",
        "items-0-status": "planned",
    }

    refused = client.post(url, data)
    accepted = client.post(url, {**data, "approved_by": records["decision"].pk})

    assert refused.status_code == 200
    assert accepted.status_code == 302
    work_plan.refresh_from_db()
    assert (work_plan.status, work_plan.approved_by) == (
        WorkPlanStatus.APPROVED,
        records["decision"],
    )


def test_draft_report_edits_its_free_text_but_not_its_status(client, secretariat, records):
    report = records["report"]
    client.force_login(secretariat)
    url = reverse("admin:proceedings_report_change", args=[report.pk])

    form = client.get(url).context["adminform"].form
    response = client.post(
        url,
        {
            "group": report.group_id,
            "kind": report.kind,
            "title": report.title,
            "meeting": report.meeting_id,
            "original_language": "en",
            "purpose": "To report on the meeting.",
            "status": ReportStatus.PUBLISHED,
        },
    )

    assert {"status", "rendered_html", "rendered_sha256", "approved_by"}.isdisjoint(form.fields)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.purpose, report.status) == ("To report on the meeting.", ReportStatus.DRAFT)


def test_approved_report_is_frozen(client, secretariat, records):
    report = records["report"]
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.APPROVED, rendered_html="<p>Approved.</p>"
    )
    client.force_login(secretariat)
    url = reverse("admin:proceedings_report_change", args=[report.pk])

    response = client.get(url)
    delete = client.get(reverse("admin:proceedings_report_delete", args=[report.pk]))
    revert = client.post(
        reverse(
            "admin:proceedings_report_simple_history",
            args=[report.pk, report.history.earliest().history_id],
        ),
        {"title": "Changed"},
    )

    assert list(response.context["adminform"].form.fields) == []
    assert (delete.status_code, revert.status_code) == (403, 403)
    report.refresh_from_db()
    assert (report.title, report.status) == ("Meeting report", ReportStatus.APPROVED)
