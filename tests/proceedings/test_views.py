import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionStatus, Language
from meetings.enums import AccessLevel, MeetingFormat, MeetingStatus
from proceedings.enums import Outcome, ReportKind, ReportStatus
from proceedings.models import Report
from tests import factories
from tests.factories import make_contribution, pdf_upload
from tests.proceedings.conftest import make_decision, make_report, make_statement
from tests.roles import ROLES, get_as


def meeting_url(meeting):
    return reverse("proceedings:meeting_detail", args=[meeting.group.slug, meeting.ordinal])


def report_url(group):
    return reverse("proceedings:report_list", args=[group.slug])


def register_numbers(response):
    return [c.register_number for c in response.context["documents"]]


# meeting_detail ------------------------------------------------------------------------


def test_meeting_page_shows_the_practical_details_in_the_meeting_time_zone(client, group):
    meeting = factories.MeetingFactory(
        group=group,
        start_date=datetime.date(2024, 1, 29),
        end_date=datetime.date(2024, 1, 30),
        venue="ITU Headquarters",
        city="Geneva",
        format=MeetingFormat.HYBRID,
        time_zone="Europe/Zurich",
        # 22:59 UTC is 23:59 in Geneva in winter.
        contribution_deadline=datetime.datetime(2024, 1, 17, 22, 59, tzinfo=datetime.UTC),
        translation_deadline=datetime.datetime(2024, 1, 10, 11, 0, tzinfo=datetime.UTC),
        status=MeetingStatus.HELD,
    )
    factories.AgendaItemFactory(meeting=meeting, number="2", title="Adoption", order=2)
    factories.AgendaItemFactory(meeting=meeting, number="1", title="Opening", order=1)

    response = client.get(meeting_url(meeting))

    assert response.status_code == 200
    assert response.context["group"] == group
    assert [(i.number, i.title) for i in response.context["agenda_items"]] == [
        ("1", "Opening"),
        ("2", "Adoption"),
    ]
    html = response.content.decode()
    assert f"<h1>{meeting.title}</h1>" in html
    assert "Jan. 29, 2024</time> – <time" in html
    assert "Jan. 30, 2024" in html
    assert "ITU Headquarters, Geneva, Switzerland" in html
    assert "Hybrid" in html
    assert "Jan. 17, 2024, 11:59 p.m.</time> (Europe/Zurich)" in html
    assert "Jan. 10, 2024, noon</time> (Europe/Zurich)" in html
    assert (
        "No public documents yet. Delegates "
        f'<a href="/accounts/login/?next={meeting_url(meeting)}">log in</a> to read the '
        "documents for members."
    ) in html
    assert "No decisions recorded yet." in html
    assert "Submit a contribution" not in html


def test_a_one_day_meeting_shows_one_date(client, held_meeting):
    html = client.get(meeting_url(held_meeting)).content.decode()

    assert '<dd><time datetime="2023-10-16">Oct. 16, 2023</time></dd>' in html


def test_unknown_meeting_is_404(client, meeting):
    url = reverse("proceedings:meeting_detail", args=[meeting.group.slug, meeting.ordinal + 50])
    assert client.get(url).status_code == 404
    url = reverse("proceedings:meeting_detail", args=["other-group", meeting.ordinal])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["public"]),
        ("delegate_a", ["public", "members"]),
        ("delegate_b", ["public", "members"]),
        ("officer", ["public", "members"]),
        ("secretariat", ["public", "members", "secretariat"]),
    ],
)
def test_meeting_documents_follow_access_levels(
    client, roles, meeting, author, secretariat, role, expected
):
    for level in ["public", "members", "secretariat"]:
        make_contribution(
            meeting=meeting,
            delegate=author,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            title=level,
            access_level=level,
        )
    # Never in the register: a draft and a submitted document have no number.
    make_contribution(meeting=meeting, delegate=author, title="draft")
    make_contribution(
        meeting=meeting, delegate=author, title="submitted", status=ContributionStatus.SUBMITTED
    )

    response = get_as(client, roles[role], meeting_url(meeting))

    assert [c.title for c in response.context["documents"]] == expected


def test_a_withdrawn_document_stays_listed_marked_withdrawn(
    client, meeting, delegate_a, org_b, secretariat
):
    draft = make_contribution(
        meeting=meeting, delegate=delegate_a, title="Gone", cosponsors=[org_b]
    )
    services.override_cosponsorship(
        source=draft.sources.get(organization=org_b), by=secretariat, reason="By letter."
    )
    services.submit_contribution(contribution=draft, by=delegate_a)
    services.publish_contribution(contribution=draft, by=secretariat)
    services.withdraw_contribution(contribution=draft, by=secretariat)

    html = client.get(meeting_url(meeting)).content.decode()

    number = f"EG-ITRs {meeting.ordinal}/1"
    assert f'<a href="/eg-itrs/documents/{meeting.ordinal}-1/">{number}</a>' in html
    assert "<del>Gone</del>" in html
    assert "Member State A, Member State B" in html
    assert '<span class="badge status-withdrawn">Withdrawn</span>' in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("delegate_a", True),
        ("delegate_b", True),
        ("officer", False),
        ("secretariat", True),
    ],
)
def test_submit_button_for_who_may_contribute(client, roles, meeting, role, expected):
    html = get_as(client, roles[role], meeting_url(meeting)).content.decode()

    link = f'href="{reverse("contributions:draft_create", args=[meeting.pk])}"'
    assert (link in html) is expected
    assert ("Submit a contribution" in html) is expected


def test_no_submit_button_once_the_meeting_is_closed(client, group, delegate_a):
    meeting = factories.MeetingFactory(group=group, status=MeetingStatus.CLOSED)

    html = get_as(client, delegate_a, meeting_url(meeting)).content.decode()

    assert "Submit a contribution" not in html


@pytest.mark.parametrize("role", ROLES)
def test_decisions_show_outcome_text_visible_documents_and_statements(
    client, roles, meeting, author, org_a, org_b, secretariat, role
):
    public = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Public",
    )
    private = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Private",
        access_level=AccessLevel.SECRETARIAT,
    )
    item = factories.AgendaItemFactory(meeting=meeting, number="4", title="Work plan")
    second = make_decision(
        meeting, subject="Second", outcome=Outcome.NO_CONSENSUS, order=2, agenda_item=item
    )
    first = make_decision(
        meeting,
        subject="First",
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        order=1,
        text="On the understanding that nothing changes.",
    )
    first.documents.set([public, private])
    statement = make_statement(
        meeting, organizations=[org_a, org_b], title="Joint statement", decision=second
    )

    response = get_as(client, roles[role], meeting_url(meeting))

    decisions = list(response.context["decisions"])
    assert [d.subject for d in decisions] == ["First", "Second"]
    visible = [d.title for d in decisions[0].visible_documents]
    assert visible == (["Public", "Private"] if role == "secretariat" else ["Public"])
    html = response.content.decode()
    assert (
        '<span class="badge outcome-approved_with_understanding">'
        "Approved with an understanding</span>" in html
    )
    assert '<span class="badge outcome-no_consensus">No consensus</span>' in html
    assert "<p>On the understanding that nothing changes.</p>" in html
    # The decision links to the statement made on it.
    assert (
        f'<li><a href="#statement-{statement.pk}">Member State A, Member State B: '
        "Joint statement</a></li>" in html
    )
    assert '<span class="agenda-number">4</span> Second' in html
    assert (private.register_number in html) is (role == "secretariat")


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_detail_query_count(
    client, django_assert_num_queries, meeting, delegate_a, org_a, secretariat, rows
):
    for n in range(rows):
        document = make_contribution(
            meeting=meeting,
            delegate=delegate_a,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            title=f"Document {n}",
        )
        services.post_translation(
            contribution=document, language=Language.FRENCH, upload=pdf_upload(), by=secretariat
        )
        factories.AgendaItemFactory(meeting=meeting)
        decision = make_decision(meeting, subject=f"Decision {n}", order=n)
        decision.documents.set([document])
        make_statement(meeting, organizations=[org_a], decision=decision)
    client.force_login(delegate_a)
    url = meeting_url(meeting)

    # session, user, meeting, secretariat?, organizations, officer groups, agenda,
    # documents counted + a page of them + sources + current files + translations,
    # decisions + documents + their sources + statements + organizations
    with django_assert_num_queries(17):
        response = client.get(url)

    assert len(response.context["documents"]) == rows


# report_list ---------------------------------------------------------------------------


@pytest.fixture
def reports(group, held_meeting):
    approval = make_decision(
        held_meeting, subject="Report of the first meeting", outcome=Outcome.APPROVED, order=2
    )
    make_decision(held_meeting, subject="Work plan", outcome=Outcome.NO_CONSENSUS, order=1)
    make_report(
        group,
        title="Report of the first meeting",
        meeting=held_meeting,
        date=datetime.date(2023, 10, 20),
        approved_by=approval,
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    make_report(
        group,
        title="Progress report to Council",
        kind=ReportKind.PROGRESS,
        period_start=datetime.date(2023, 6, 1),
        period_end=datetime.date(2024, 5, 31),
        parent_body_document="C24/23",
        date=datetime.date(2024, 5, 1),
    )
    make_report(group, title="Draft report", status=ReportStatus.DRAFT)
    make_report(group, title="Approved report", status=ReportStatus.APPROVED)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["Progress report to Council", "Report of the first meeting"]),
        ("delegate_a", ["Progress report to Council", "Report of the first meeting"]),
        ("delegate_b", ["Progress report to Council", "Report of the first meeting"]),
        ("officer", ["Progress report to Council", "Report of the first meeting"]),
        (
            "secretariat",
            [
                "Progress report to Council",
                "Report of the first meeting",
                "Approved report",
                "Draft report",
            ],
        ),
    ],
)
def test_report_list_shows_published_reports_and_drafts_to_the_secretariat(
    client, roles, group, reports, role, expected
):
    response = get_as(client, roles[role], report_url(group))

    assert [r.title for r in response.context["reports"]] == expected
    html = response.content.decode()
    is_secretariat = role == "secretariat"
    assert ('<span class="badge report-status-draft">Draft</span>' in html) is is_secretariat
    assert ('<span class="badge report-status-published">Published</span>' in html) is (
        is_secretariat
    )


def test_report_list_shows_what_each_report_covers(client, group, held_meeting, reports):
    html = client.get(report_url(group)).content.decode()

    assert "<dd>Progress report to the parent body</dd>" in html
    assert "<dd>June 1, 2023 – May 31, 2024</dd>" in html
    assert "<dd>C24/23</dd>" in html
    assert f'<a href="{meeting_url(held_meeting)}">{held_meeting.title}</a>' in html
    # The meeting's decisions, in the meeting's order, under its report.
    assert html.index("<li>Work plan <span") < html.index("<li>Report of the first meeting <span")
    assert '<span class="badge outcome-no_consensus">No consensus</span>' in html
    assert f"<dd>Report of the first meeting, {held_meeting.title}</dd>" in html


def test_report_list_links_each_report_to_its_page_and_downloads(client, group, reports):
    report = Report.objects.get(title="Report of the first meeting")
    page = reverse("proceedings:report_detail", args=[group.slug, report.pk])

    html = client.get(report_url(group)).content.decode()

    assert f'<h2><a href="{page}">Report of the first meeting</a></h2>' in html
    assert (
        f'<a class="button" href="{page}">Read<span class="visually-hidden"> '
        "Report of the first meeting</span></a>"
    ) in html
    assert (
        f'<a class="button secondary" href="{page}docx/">DOCX<span class="visually-hidden"> '
        "of Report of the first meeting</span></a>"
    ) in html
    assert (
        f'<a class="button secondary" href="{page}pdf/">PDF<span class="visually-hidden"> '
        "of Report of the first meeting</span></a>"
    ) in html


def test_report_list_empty(client, group):
    assert "No reports yet." in client.get(report_url(group)).content.decode()


def test_report_list_of_unknown_group_is_404(client, db):
    assert client.get(reverse("proceedings:report_list", args=["nope"])).status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_report_list_query_count(client, django_assert_num_queries, group, secretariat, rows):
    for n in range(rows):
        meeting = factories.MeetingFactory(group=group)
        approval = make_decision(meeting, subject=f"Approval {n}")
        make_decision(meeting, subject=f"Other {n}", order=1)
        make_report(group, title=f"Meeting report {n}", meeting=meeting, approved_by=approval)
        make_report(group, title=f"Progress report {n}", status=ReportStatus.DRAFT)
    client.force_login(secretariat)

    # session, user, the authenticator that passed the second step, group, secretariat?,
    # reports, decisions of their meetings
    with django_assert_num_queries(7):
        response = client.get(report_url(group))

    assert len(response.context["reports"]) == 2 * rows


def test_a_meeting_of_many_documents_lists_them_a_page_at_a_time(
    client, monkeypatch, meeting, delegate_a, secretariat
):
    monkeypatch.setattr("proceedings.views.meetings.MEETING_DOCUMENTS_PER_PAGE", 2)
    for n in range(3):
        make_contribution(
            meeting=meeting,
            delegate=delegate_a,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            title=f"Document {n}",
        )

    first = client.get(meeting_url(meeting))
    second = client.get(meeting_url(meeting), {"page": 2})

    assert [c.title for c in first.context["documents"]] == ["Document 0", "Document 1"]
    assert [c.title for c in second.context["documents"]] == ["Document 2"]
    html = first.content.decode()
    assert "<caption>Documents of the meeting: 3 documents</caption>" in html
    assert '<a href="?page=2" rel="next">Next</a>' in html
