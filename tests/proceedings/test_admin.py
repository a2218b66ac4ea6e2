import pytest
from django.urls import reverse

from proceedings import services
from proceedings.enums import Outcome, ReportKind, ReportStatus, WorkPlanStatus
from proceedings.models import Decision, Report, Statement, WorkPlan, WorkPlanItem
from tests import factories
from tests.proceedings.conftest import make_statement


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
@pytest.mark.parametrize(("model", "queries"), [("decision", 10), ("statement", 11)])
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

    # (One loads the authenticator that passed the second step of the sign-in, one the
    # groups of the group filter.)
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


def test_the_secretariat_marks_a_decision_procedural(client, secretariat, meeting):
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:proceedings_decision_add"),
        {
            "meeting": meeting.pk,
            "subject": "the agenda",
            "outcome": Outcome.APPROVED,
            "procedural": "on",
            "order": "1",
        },
    )

    assert response.status_code == 302
    assert Decision.objects.values_list("subject", "procedural").get() == ("the agenda", True)


# statements --------------------------------------------------------------------------


def _statement_data(statement, **changes):
    return {
        "meeting": statement.meeting_id,
        "organizations": [org.pk for org in statement.organizations.all()],
        "decision": statement.decision_id or "",
        "title": statement.title,
        "text": statement.text,
        "document": "",
        "report": statement.report_id or "",
        "annex_position": "",
        "first_annex_number": "",
        **changes,
    }


def _annexes(report):
    return list(report.statements.order_by("annex_number").values_list("annex_number", "title"))


@pytest.fixture
def draft_report(meeting):
    return Report.objects.create(
        group=meeting.group, kind=ReportKind.MEETING, meeting=meeting, title="Draft report"
    )


@pytest.fixture
def statements(meeting, org_a):
    return [
        make_statement(meeting, organizations=[org_a], title=title) for title in ["A", "B", "C"]
    ]


def test_statement_form_annexes_through_the_services(
    client, secretariat, draft_report, statements
):
    a, b, c = statements
    client.force_login(secretariat)

    def save(statement, **changes):
        url = reverse("admin:proceedings_statement_change", args=[statement.pk])
        statement.refresh_from_db()
        return client.post(url, _statement_data(statement, **changes))

    form = (
        client.get(reverse("admin:proceedings_statement_change", args=[a.pk]))
        .context["adminform"]
        .form
    )
    responses = [
        save(a, report=draft_report.pk, first_annex_number="2"),
        save(b, report=draft_report.pk),
        save(c, report=draft_report.pk, annex_position="1"),
        save(b, annex_position="1", title="B, revised"),
    ]

    assert "annex_number" not in form.fields
    assert [response.status_code for response in responses] == [302] * 4
    assert _annexes(draft_report) == [(2, "B, revised"), (3, "C"), (4, "A")]
    assert b.history.latest().history_user == secretariat

    save(c, report="")

    assert _annexes(draft_report) == [(2, "B, revised"), (3, "A")]


def test_statement_of_an_approved_report_keeps_its_annex(
    client, secretariat, draft_report, statements
):
    a, b, _c = statements
    for statement in [a, b]:
        services.annex_statement(statement=statement, report=draft_report, by=secretariat)
    approved = Report.objects.create(
        group=draft_report.group,
        kind=ReportKind.PROGRESS,
        title="Approved report",
        status=ReportStatus.APPROVED,
    )
    client.force_login(secretariat)
    url = reverse("admin:proceedings_statement_change", args=[a.pk])

    refused = client.post(url, _statement_data(a, report=approved.pk))
    Report.objects.filter(pk=draft_report.pk).update(status=ReportStatus.APPROVED)
    form = client.get(url).context["adminform"].form
    kept = client.post(url, _statement_data(a, report="", title="A, corrected"))

    assert refused.context["adminform"].form.errors["report"] == [
        "“Approved report” is no longer a draft: its annexes can no longer change."
    ]
    assert {"report", "annex_position", "first_annex_number"}.isdisjoint(form.fields)
    assert kept.status_code == 302
    assert _annexes(draft_report) == [(1, "A, corrected"), (2, "B")]


def test_statement_actions_move_and_detach(client, secretariat, draft_report, statements):
    a, b, c = statements
    for statement in statements:
        services.annex_statement(statement=statement, report=draft_report, by=secretariat)
    client.force_login(secretariat)
    url = reverse("admin:proceedings_statement_changelist")

    def act(action, *selected):
        return client.post(
            url, {"action": action, "_selected_action": [s.pk for s in selected]}, follow=True
        )

    act("move_up", c)
    after_up = _annexes(draft_report)
    act("move_down", a, c)
    after_down = _annexes(draft_report)
    response = act("detach", b)

    assert after_up == [(1, "A"), (2, "C"), (3, "B")]
    assert after_down == [(1, "B"), (2, "A"), (3, "C")]
    assert _annexes(draft_report) == [(1, "A"), (2, "C")]
    assert [str(m) for m in response.context["messages"]] == ["“B” is no longer annexed."]


def test_statement_actions_are_refused_once_the_report_is_approved(
    client, secretariat, draft_report, statements
):
    a, b, _c = statements
    for statement in [a, b]:
        services.annex_statement(statement=statement, report=draft_report, by=secretariat)
    Report.objects.filter(pk=draft_report.pk).update(status=ReportStatus.APPROVED)
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:proceedings_statement_changelist"),
        {"action": "move_up", "_selected_action": [b.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "“B”: “Draft report” is approved: its annexes can no longer change."
    ]
    assert _annexes(draft_report) == [(1, "A"), (2, "B")]


# work plans ----------------------------------------------------------------------------


def _work_plan_data(work_plan, **changes):
    items = list(work_plan.items.all())
    data = {
        "group": work_plan.group_id,
        "title": work_plan.title,
        "notes": work_plan.notes,
        "proposed_in": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
    }
    for n, item in enumerate(items):
        data |= {
            f"items-{n}-id": item.pk,
            f"items-{n}-work_plan": work_plan.pk,
            f"items-{n}-order": item.order,
            f"items-{n}-description": item.description,
            f"items-{n}-target_session": item.target_session,
            f"items-{n}-status": item.status,
        }
    return data | changes


def test_work_plan_status_is_read_only_and_a_new_one_takes_the_next_version(
    client, secretariat, records
):
    client.force_login(secretariat)

    form = client.get(reverse("admin:proceedings_workplan_add")).context["adminform"].form
    response = client.post(
        reverse("admin:proceedings_workplan_add"),
        {
            "group": records["workplan"].group_id,
            "title": "Second proposal",
            "notes": "",
            "status": WorkPlanStatus.APPROVED,
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-order": "0",
            "items-0-description": "Review",
            "items-0-status": "planned",
        },
    )

    assert {"status", "approved_by", "version"}.isdisjoint(form.fields)
    assert response.status_code == 302
    created = WorkPlan.objects.get(title="Second proposal")
    assert (created.version, created.status, created.items.count()) == (
        2,
        WorkPlanStatus.PROPOSED,
        1,
    )


def test_work_plan_is_approved_on_its_page_by_a_decision_of_the_group(
    client, secretariat, meeting, records
):
    work_plan = records["workplan"]
    noted = Decision.objects.create(meeting=meeting, subject="Noted", outcome=Outcome.NOTED)
    elsewhere = factories.MeetingFactory(group=factories.ExpertGroupFactory(acronym="EG-X"))
    Decision.objects.create(meeting=elsewhere, subject="Elsewhere", outcome=Outcome.APPROVED)
    client.force_login(secretariat)
    url = reverse("admin:proceedings_workplan_approve", args=[work_plan.pk])

    change_page = client.get(reverse("admin:proceedings_workplan_change", args=[work_plan.pk]))
    page = client.get(url)
    refused = client.post(url, {"decision": noted.pk})
    approved = client.post(url, {"decision": records["decision"].pk})

    assert f'<a class="button" href="{url}">Approve…</a>' in change_page.content.decode()
    assert list(page.context["form"].fields["decision"].queryset) == [records["decision"]]
    assert refused.context["form"].errors["decision"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert approved["Location"] == reverse(
        "admin:proceedings_workplan_change", args=[work_plan.pk]
    )
    work_plan.refresh_from_db()
    assert (work_plan.status, work_plan.approved_by) == (
        WorkPlanStatus.APPROVED,
        records["decision"],
    )


def test_approving_again_is_refused_on_the_page(client, secretariat, records):
    work_plan = services.approve_work_plan(
        work_plan=records["workplan"], decision=records["decision"], by=secretariat
    )
    client.force_login(secretariat)
    url = reverse("admin:proceedings_workplan_approve", args=[work_plan.pk])

    response = client.post(url, {"decision": records["decision"].pk})

    assert response.context["form"].non_field_errors() == [
        "Only a proposed work plan can be approved; this one is approved."
    ]


def test_approve_action_opens_the_page_for_one_work_plan(client, secretariat, records):
    client.force_login(secretariat)
    url = reverse("admin:proceedings_workplan_changelist")
    work_plan = records["workplan"]

    response = client.post(url, {"action": "approve", "_selected_action": [work_plan.pk]})

    assert response["Location"] == reverse(
        "admin:proceedings_workplan_approve", args=[work_plan.pk]
    )


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "officer"])
def test_approve_page_is_for_the_secretariat(client, roles, records, role):
    if roles[role]:
        client.force_login(roles[role])
    url = reverse("admin:proceedings_workplan_approve", args=[records["workplan"].pk])

    assert client.get(url)["Location"] == f"{reverse('admin:login')}?next={url}"


def test_approved_work_plan_moves_only_its_items_status(client, secretariat, records):
    work_plan = services.approve_work_plan(
        work_plan=records["workplan"], decision=records["decision"], by=secretariat
    )
    item = work_plan.items.get()
    client.force_login(secretariat)
    url = reverse("admin:proceedings_workplan_change", args=[work_plan.pk])

    formset = client.get(url).context["inline_admin_formsets"][0].formset
    response = client.post(
        url, _work_plan_data(work_plan, title="Changed", **{"items-0-status": "done"})
    )

    assert list(formset.forms[0].fields) == ["status", "id", "work_plan"]
    assert response.status_code == 302
    work_plan.refresh_from_db()
    item.refresh_from_db()
    assert (work_plan.title, item.status, item.description) == ("", "done", "Review")
    assert item.history.latest().history_user == secretariat


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
            "added_paragraphs-TOTAL_FORMS": "0",
            "added_paragraphs-INITIAL_FORMS": "0",
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
