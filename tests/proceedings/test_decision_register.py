"""The decision register: each meeting's decisions and statements, and on each document page
what was decided on it."""

import re

import pytest
from django.urls import reverse

from contributions.enums import AmendmentKind, ContributionStatus
from meetings.enums import AccessLevel
from proceedings import services
from proceedings.enums import Outcome, ReportStatus
from tests import factories
from tests.factories import make_contribution, publish_document
from tests.proceedings.conftest import make_decision, make_report, make_statement
from tests.roles import ROLES, get_as


def meeting_url(meeting):
    return reverse("proceedings:meeting_detail", args=[meeting.group.slug, meeting.ordinal])


def section(html, element_id):
    """The HTML of the element with `id`, up to the next sibling of the same kind."""
    start = html.index(f'id="{element_id}"')
    tag = html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:]).group(1)
    return html[tag : html.index(f"</{name}>", start) + len(name) + 3]


@pytest.fixture
def records(meeting, author, org_a, org_b, secretariat):
    """Two decisions (agenda items 3 and 4), a public and a secretariat document, three
    statements: one annexed to the published meeting report, one to a draft progress report,
    one on the meeting as a whole made as a members-only document."""
    item3 = factories.AgendaItemFactory(meeting=meeting, number="3", title="Work plan", order=3)
    item4 = factories.AgendaItemFactory(meeting=meeting, number="4", title="Reports", order=4)
    public = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Draft work plan",
    )
    private = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Note by the secretariat",
        access_level=AccessLevel.SECRETARIAT,
    )
    statement_document = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Statement of Member State C",
        access_level=AccessLevel.MEMBERS,
    )
    # Taken second, recorded first: the page follows the meeting's order.
    reports = make_decision(meeting, subject="Reports", outcome=Outcome.NOTED, order=2)
    reports.agenda_item = item4
    reports.save()
    work_plan = make_decision(
        meeting,
        subject="Work plan",
        agenda_item=item3,
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text="On the understanding that nothing changes.",
        order=1,
    )
    work_plan.documents.set([public, private])
    meeting_report = make_report(
        meeting.group, title="Report of the meeting", meeting=meeting, status=ReportStatus.DRAFT
    )
    progress = make_report(
        meeting.group, title="Progress report", status=ReportStatus.DRAFT, meeting=None
    )
    joint = make_statement(
        meeting,
        organizations=[org_a, org_b],
        title="Joint statement",
        text="We join the consensus.",
        decision=work_plan,
    )
    single = make_statement(
        meeting, organizations=[org_b], title="Statement of B", text="B.", decision=work_plan
    )
    general = make_statement(
        meeting,
        organizations=[factories.OrganizationFactory(name="Member State C")],
        title="General statement",
        document=statement_document,
    )
    services.annex_statement(
        statement=single, report=meeting_report, by=secretariat, first_number=2
    )
    services.annex_statement(statement=joint, report=meeting_report, by=secretariat, position=1)
    services.annex_statement(statement=general, report=progress, by=secretariat)
    meeting_report.status = ReportStatus.PUBLISHED
    meeting_report.save()
    return {
        "public": public,
        "private": private,
        "statement_document": statement_document,
        "work_plan": work_plan,
        "reports": reports,
        "joint": joint,
        "single": single,
        "general": general,
        "meeting_report": meeting_report,
        "progress": progress,
    }


# the meeting page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meeting_page_lists_the_decisions_in_order(client, roles, meeting, records, role):
    response = get_as(client, roles[role], meeting_url(meeting))

    decisions = response.context["decisions"]
    assert [(d.agenda_item.number, d.subject) for d in decisions] == [
        ("3", "Work plan"),
        ("4", "Reports"),
    ]
    html = response.content.decode()
    work_plan = section(html, f"decision-{records['work_plan'].pk}")
    assert '<h3><span class="agenda-number">3</span> Work plan</h3>' in work_plan
    assert (
        '<span class="badge outcome-approved_with_understanding">'
        "Approved with an understanding</span>"
        ' <span class="muted">Agenda item: Work plan</span>' in work_plan
    )
    assert "<p>On the understanding that nothing changes.</p>" in work_plan
    public, private = records["public"], records["private"]
    assert f'<a href="{public.get_absolute_url()}">{public.register_number}</a>' in work_plan
    assert (private.register_number in html) is (role == "secretariat")
    assert re.findall(r'<li><a href="#statement-(\d+)">(.*?)</a></li>', work_plan) == [
        (str(records["joint"].pk), "Member State A, Member State B: Joint statement"),
        (str(records["single"].pk), "Member State B: Statement of B"),
    ]
    reports = section(html, f"decision-{records['reports'].pk}")
    assert '<span class="badge outcome-noted">Noted</span>' in reports
    assert "Statements" not in reports


@pytest.mark.parametrize("role", ROLES)
def test_statements_show_who_made_them_what_they_say_and_where_they_are_annexed(
    client, roles, meeting, records, role
):
    html = get_as(client, roles[role], meeting_url(meeting)).content.decode()

    joint = section(html, f"statement-{records['joint'].pk}")
    assert "<h3>Joint statement</h3>" in joint
    assert "<dd>Member State A, Member State B</dd>" in joint
    assert f'<dd><a href="#decision-{records["work_plan"].pk}">Work plan</a></dd>' in joint
    report = records["meeting_report"]
    report_url = reverse("proceedings:report_detail", args=[meeting.group.slug, report.pk])
    # Numbered from 2, the joint statement put first: Annex 2, and B's Annex 3.
    assert f'<dd>Annex 2 to <a href="{report_url}">Report of the meeting</a></dd>' in joint
    assert "<p>We join the consensus.</p>" in joint
    single = section(html, f"statement-{records['single'].pk}")
    assert f'Annex 3 to <a href="{report_url}">Report of the meeting</a>' in single

    general = section(html, f"statement-{records['general'].pk}")
    assert "<dd>The meeting as a whole</dd>" in general
    # Annexed to a draft: only the secretariat sees where (the numbers are not final).
    progress_url = reverse(
        "proceedings:report_detail", args=[meeting.group.slug, records["progress"].pk]
    )
    secretariat = role == "secretariat"
    assert (
        f'Annex 1 to <a href="{progress_url}">Progress report</a> '
        '<span class="badge report-status-draft">Draft</span>' in general
    ) is secretariat
    assert ("Annexed to" in general) is secretariat
    # Made as a members-only document: linked for those who may read it.
    document = records["statement_document"]
    link = f'<dd><a href="{document.get_absolute_url()}">{document.register_number}</a></dd>'
    assert (link in general) is (role != "anonymous")


def test_meeting_page_without_statements_has_no_statement_section(client, meeting):
    make_decision(meeting, subject="Agenda")

    html = client.get(meeting_url(meeting)).content.decode()

    assert 'id="statements"' not in html
    assert "<h3>Agenda</h3>" in html


@pytest.mark.parametrize("rows", [1, 3])
def test_meeting_page_decisions_query_count(
    client, django_assert_num_queries, meeting, author, org_a, delegate_a, secretariat, rows
):
    report = make_report(meeting.group, title="Report", meeting=meeting, status=ReportStatus.DRAFT)
    for n in range(rows):
        document = make_contribution(
            meeting=meeting,
            delegate=author,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            title=f"Document {n}",
        )
        decision = make_decision(meeting, subject=f"Decision {n}", order=n)
        decision.documents.set([document])
        statement = make_statement(
            meeting, organizations=[org_a], decision=decision, document=document
        )
        services.annex_statement(statement=statement, report=report, by=secretariat)
    report.status = ReportStatus.PUBLISHED
    report.save()
    client.force_login(delegate_a)

    # session, user, meeting, secretariat?, organizations, officer groups, agenda,
    # documents counted + a page of them + sources + current files + translations,
    # decisions + documents + their sources, statements + organizations + documents
    with django_assert_num_queries(18):
        response = client.get(meeting_url(meeting))

    assert len(response.context["statements"]) == rows
    assert response.content.decode().count("Annex ") == rows


# the document page ---------------------------------------------------------------------


@pytest.fixture
def family(meeting, author, secretariat):
    """2/1 (public) with its Rev.1 (members only), and an unrelated 2/2."""

    def publish(**fields):
        return publish_document(meeting, delegate=author, secretariat=secretariat, **fields)

    base = publish(title="Work plan")
    revision = publish(
        title="Work plan (revised)",
        base=base,
        amendment_kind=AmendmentKind.REVISION,
        access_level=AccessLevel.MEMBERS,
    )
    other = publish(title="Other")
    return {"base": base, "revision": revision, "other": other}


@pytest.fixture
def decided(meeting, family):
    """Decisions of two meetings on the family: one on the base, one on its revision."""
    later = factories.MeetingFactory(group=meeting.group)
    on_base = make_decision(meeting, subject="First reading", outcome=Outcome.NO_CONSENSUS)
    on_base.documents.set([family["base"], family["other"]])
    on_revision = make_decision(
        later,
        subject="Work plan",
        agenda_item=factories.AgendaItemFactory(meeting=later, number="5"),
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text="On the understanding that nothing changes.",
    )
    on_revision.documents.set([family["revision"]])
    make_decision(meeting, subject="Unrelated").documents.set([family["other"]])
    return {"on_base": on_base, "on_revision": on_revision, "later": later}


@pytest.mark.parametrize("role", ROLES)
def test_document_page_says_what_was_decided_on_it_and_its_family(
    client, roles, meeting, family, decided, role
):
    base, revision = family["base"], family["revision"]

    html = get_as(client, roles[role], base.get_absolute_url()).content.decode()

    decisions = section(html, "decisions")
    assert decisions == '<h2 id="decisions">Decisions on this document</h2>'
    on_base, on_revision = decided["on_base"], decided["on_revision"]
    later = decided["later"]
    found = re.findall(r'<a href="([^"]+)">([^<]+)</a>(?:, agenda item (\w+))?:', html)
    assert found == [
        (f"{meeting.get_absolute_url()}#decision-{on_base.pk}", str(meeting.title), ""),
        (f"{later.get_absolute_url()}#decision-{on_revision.pk}", str(later.title), "5"),
    ]
    assert "<strong>First reading</strong>" in html
    assert '<span class="badge outcome-no_consensus">No consensus</span>' in html
    assert "<p>On the understanding that nothing changes.</p>" in html
    assert "Unrelated" not in html
    assert '<p class="muted">On: this document</p>' in html
    # On the revision, which the public may not read: named only to those who may.
    link = f'<p class="muted">On: <a href="{revision.get_absolute_url()}">'
    assert (link in html) is (role != "anonymous")


def test_revision_page_shows_the_decisions_on_its_base(client, family, decided, delegate_a):
    client.force_login(delegate_a)

    html = client.get(family["revision"].get_absolute_url()).content.decode()

    assert "<strong>First reading</strong>" in html
    assert "<strong>Work plan</strong>" in html
    base = family["base"]
    assert f'<p class="muted">On: <a href="{base.get_absolute_url()}">' in html


def test_document_page_without_decisions_has_no_decisions_section(client, family):
    html = client.get(family["base"].get_absolute_url()).content.decode()

    assert "Decisions on this document" not in html


@pytest.mark.parametrize("rows", [1, 3])
def test_document_page_decisions_query_count(
    client, django_assert_num_queries, meeting, family, delegate_a, rows
):
    for n in range(rows):
        decision = make_decision(meeting, subject=f"Decision {n}", order=n)
        decision.documents.set([family["base"], family["revision"]])
    client.force_login(delegate_a)

    # The document page's own queries, and two for its decisions and their documents.
    with django_assert_num_queries(15):
        response = client.get(family["base"].get_absolute_url())

    assert response.content.decode().count('<li class="decision">') == rows
