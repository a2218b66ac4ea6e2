"""The secretariat's report pages in the admin: start, edit, approve, publish, new version."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from proceedings import services
from proceedings.enums import ReportKind, ReportStatus
from proceedings.models import Report, ReportParagraph, ReportSection
from tests import factories
from tests.proceedings.conftest import make_decision
from tests.proceedings.test_reports import build_story


@pytest.fixture
def story(group, secretariat, org_a):
    return build_story(group, secretariat, org_a)


@pytest.fixture
def clerk(db):
    """Staff with every permission on reports, but not in the secretariat."""
    user = factories.UserFactory(username="clerk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="proceedings", codename__endswith="report"
        )
    )
    return user


def change_url(report):
    return reverse("admin:proceedings_report_change", args=[report.pk])


def admin_url(name, report):
    return reverse(f"admin:proceedings_report_{name}", args=[report.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def form_data(report, paragraphs=(), **changes):
    """The change form of a draft as the browser posts it, with `paragraphs` to add."""
    data = {
        "group": report.group_id,
        "kind": report.kind,
        "title": report.title,
        "meeting": report.meeting_id or "",
        "original_language": report.original_language,
        "parent_body_session": report.parent_body_session,
        "parent_body_document": report.parent_body_document,
        "purpose": report.purpose,
        "action_required": report.action_required,
        "conclusions": report.conclusions,
        "added_paragraphs-TOTAL_FORMS": str(len(paragraphs)),
        "added_paragraphs-INITIAL_FORMS": "0",
        "added_paragraphs-MIN_NUM_FORMS": "0",
        "added_paragraphs-MAX_NUM_FORMS": "1000",
    }
    for index, (section, text) in enumerate(paragraphs):
        data[f"added_paragraphs-{index}-section"] = section
        data[f"added_paragraphs-{index}-order"] = str(index)
        data[f"added_paragraphs-{index}-text"] = text
    return {**data, **changes}


# Start ---------------------------------------------------------------------------------


def test_the_changelist_offers_to_start_a_progress_report(client, secretariat, story):
    client.force_login(secretariat)

    html = client.get(reverse("admin:proceedings_report_changelist")).content.decode()

    start = reverse("admin:proceedings_report_start")
    assert f'<li><a href="{start}">Start a progress report</a></li>' in html


def test_a_progress_report_starts_from_one_form_with_defaults(client, secretariat, story):
    client.force_login(secretariat)
    url = reverse("admin:proceedings_report_start")

    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "group": story.group.pk,
            "kind": ReportKind.PROGRESS,
            "period_start": "2023-10-01",
            "period_end": "2024-03-31",
            "parent_body_session": "Council 2024",
            "parent_body_document": "C24/24",
            "original_language": "en",
        },
    )

    # The group is the only one: its period since the last progress report, to today.
    assert {name: form[name].value() for name in ["group", "period_start", "period_end"]} == {
        "group": story.group.pk,
        "period_start": datetime.date(2024, 4, 1),
        "period_end": timezone.localdate(),
    }
    report = Report.objects.filter(kind=ReportKind.PROGRESS).latest("pk")
    assert response["Location"] == change_url(report)
    assert (report.parent_body_document, report.status) == ("C24/24", ReportStatus.DRAFT)
    assert report.purpose == story.progress.purpose


def test_a_clerk_outside_the_secretariat_cannot_start_a_report(client, clerk, story):
    client.force_login(clerk)

    response = client.post(
        reverse("admin:proceedings_report_start"),
        {
            "group": story.group.pk,
            "kind": ReportKind.PROGRESS,
            "period_start": "2023-10-01",
            "period_end": "2024-03-31",
            "original_language": "en",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Only the secretariat starts reports."]
    assert Report.objects.filter(kind=ReportKind.PROGRESS).count() == 1


# Edit a draft --------------------------------------------------------------------------


def test_a_draft_takes_paragraphs_and_shows_its_buttons(client, secretariat, story):
    report = story.progress
    client.force_login(secretariat)

    page = client.get(change_url(report)).content.decode()
    response = client.post(
        change_url(report),
        form_data(
            report,
            paragraphs=[(ReportSection.ACTIVITIES, "The Group also met informally.")],
            purpose="A shorter purpose.",
        ),
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.purpose == "A shorter purpose."
    assert [p.text for p in report.added_paragraphs.all()] == ["The Group also met informally."]
    slug = story.group.slug
    assert f'<li><a href="/{slug}/reports/{report.pk}/">Preview</a></li>' in page
    assert f'<li><a href="/{slug}/reports/{report.pk}/docx/">Download DOCX</a></li>' in page
    assert f'<li><a href="/{slug}/reports/{report.pk}/pdf/">Download PDF</a></li>' in page
    assert f'<li><a href="{admin_url("approve", report)}">Approve…</a></li>' in page
    assert admin_url("publish", report) not in page
    assert admin_url("new_version", report) not in page


def test_an_approved_report_is_read_only_with_its_paragraphs(client, secretariat, story):
    report = story.progress
    ReportParagraph.objects.create(
        report=report, section=ReportSection.CONCLUSIONS, text="Thanks."
    )
    services.approve_report(report=report, decision=story.approval, by=secretariat)
    client.force_login(secretariat)

    page = client.get(change_url(report))
    post = client.post(change_url(report), form_data(report, title="Changed"))

    assert list(page.context["adminform"].form.fields) == []
    assert [formset.formset.can_delete for formset in page.context["inline_admin_formsets"]] == [
        False
    ]
    assert not page.context["inline_admin_formsets"][0].has_change_permission
    html = page.content.decode()
    assert f'<a href="{admin_url("publish", report)}">Publish…</a>' in html
    assert f'<form method="post" action="{admin_url("new_version", report)}">' in html
    assert admin_url("approve", report) not in html
    assert "SHA-256 <code>" in html
    assert post.status_code == 403
    report.refresh_from_db()
    assert (report.title, report.status) == ("Progress report of the EG-ITRs", "approved")


# Approve, publish, new version ---------------------------------------------------------


def test_the_secretariat_approves_choosing_a_decision_of_the_group(client, secretariat, story):
    other_group = factories.ExpertGroupFactory(acronym="EG-X")
    make_decision(factories.MeetingFactory(group=other_group), subject="Elsewhere")
    client.force_login(secretariat)
    url = admin_url("approve", story.progress)

    form = client.get(url).context["form"]
    response = client.post(url, {"decision": story.approval.pk})

    assert [str(d) for d in form.fields["decision"].queryset] == [
        str(story.approval),
        str(story.understanding),
        str(story.no_consensus),
    ]
    assert response["Location"] == change_url(story.progress)
    report = Report.objects.get(pk=story.progress.pk)
    assert (report.status, report.approved_by) == (ReportStatus.APPROVED, story.approval)
    assert sorted(report.renditions.values_list("format", flat=True)) == ["docx", "pdf"]
    followed = client.get(response["Location"])
    assert messages_of(followed) == [
        "“Progress report of the EG-ITRs” is approved; its text and files are stored as approved."
    ]


def test_approving_twice_is_refused_on_the_page(client, secretariat, story):
    services.approve_report(report=story.progress, decision=story.approval, by=secretariat)
    client.force_login(secretariat)

    response = client.post(admin_url("approve", story.progress), {"decision": story.approval.pk})

    assert response.context["form"].non_field_errors() == [
        "This report is approved: it cannot become approved."
    ]


def test_the_secretariat_publishes_then_starts_a_new_version(client, secretariat, story):
    report = services.approve_report(
        report=story.progress, decision=story.approval, by=secretariat
    )
    client.force_login(secretariat)

    asked = client.get(admin_url("publish", report))
    still_approved = Report.objects.get(pk=report.pk).status
    published = client.post(admin_url("publish", report))
    new_version = client.post(admin_url("new_version", report))
    again = client.post(admin_url("new_version", report))

    report.refresh_from_db()
    draft = report.next_versions.get()
    assert (asked.status_code, still_approved) == (200, ReportStatus.APPROVED)
    assert "It cannot be undone; a correction is a new version." in asked.text
    assert (report.status, published["Location"]) == (ReportStatus.PUBLISHED, change_url(report))
    assert (draft.version, draft.status, new_version["Location"]) == (
        2,
        ReportStatus.DRAFT,
        change_url(draft),
    )
    assert messages_of(client.get(again["Location"])) == [
        "“Progress report of the EG-ITRs” is published.",
        "Version 2 of “Progress report of the EG-ITRs” is started as a draft.",
        "Version 2 of this report already exists.",
    ]


def test_a_clerk_outside_the_secretariat_is_refused(client, clerk, secretariat, story):
    approved = services.approve_report(
        report=story.meeting_report, decision=story.approval, by=secretariat
    )
    client.force_login(clerk)

    approve = client.post(admin_url("approve", story.progress), {"decision": story.approval.pk})
    publish = client.post(admin_url("publish", approved))
    new_version = client.post(admin_url("new_version", approved))

    # Reports not yet published are not theirs to see (the access policy): not found.
    assert [approve.status_code, publish.status_code, new_version.status_code] == [404] * 3
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        ReportStatus.APPROVED,
        ReportStatus.DRAFT,
    ]


def test_a_clerk_reads_a_published_report_but_starts_no_new_version(
    client, clerk, secretariat, story
):
    services.approve_report(report=story.meeting_report, decision=story.approval, by=secretariat)
    published = services.publish_report(report=story.meeting_report, by=secretariat)
    client.force_login(clerk)

    page = client.get(change_url(published))
    new_version = client.post(admin_url("new_version", published))

    assert page.status_code == 200
    assert new_version["Location"] == change_url(published)
    assert messages_of(client.get(new_version["Location"])) == [
        "Only the secretariat starts a new version of a report."
    ]
    assert list(published.next_versions.all()) == []


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, secretariat, story, role):
    approved = services.approve_report(
        report=story.meeting_report, decision=story.approval, by=secretariat
    )
    if roles[role]:
        client.force_login(roles[role])
    urls = [
        reverse("admin:proceedings_report_start"),
        admin_url("approve", story.progress),
        admin_url("publish", approved),
        admin_url("new_version", approved),
    ]

    responses = [client.post(url, {"decision": story.approval.pk}) for url in urls]

    assert [response["Location"] for response in responses] == [
        f"{reverse('admin:login')}?next={url}" for url in urls
    ]
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        ReportStatus.APPROVED,
        ReportStatus.DRAFT,
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_report_changelist_query_count(
    client, secretariat, group, django_assert_num_queries, rows
):
    for n in range(rows):
        services.start_progress_report(
            group=group, period_start=None, period_end=None, by=secretariat, title=f"Report {n}"
        )
    client.force_login(secretariat)

    # One of them asks whether the user is the secretariat, for the access policy; one
    # loads the authenticator that passed the second step of the sign-in.
    with django_assert_num_queries(10):
        response = client.get(reverse("admin:proceedings_report_changelist"))

    assert response.context["cl"].result_count == rows
