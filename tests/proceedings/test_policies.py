"""Who may see reports, and what a report may name (proceedings.policies, the builder)."""

import pytest
from django.urls import reverse

from contributions.enums import ContributionStatus
from meetings.enums import AccessLevel
from proceedings import services
from proceedings.enums import ReportStatus
from proceedings.models import Report
from proceedings.policies import (
    decision_policy,
    report_policy,
    statement_policy,
    work_plan_policy,
)
from proceedings.reports import build_report
from tests import factories
from tests.access import READERS
from tests.factories import make_contribution
from tests.proceedings.conftest import make_decision, make_report, make_statement


@pytest.mark.parametrize("status", list(ReportStatus))
def test_a_report_is_public_once_published_and_the_secretariats_before(group, people, status):
    report = make_report(group, title="Progress report", status=status)

    one = {reader: report_policy.can_view(people[reader], report) for reader in READERS}
    listed = {
        reader: list(report_policy.visible_to(people[reader])) == [report] for reader in READERS
    }

    published = status == ReportStatus.PUBLISHED
    expected = dict.fromkeys(READERS, published) | {"secretariat": True}
    assert one == listed == expected


def test_decisions_statements_and_work_plans_are_public_records(
    meeting, people, org_a, secretariat
):
    decision = make_decision(meeting)
    statement = make_statement(meeting, organizations=[org_a])
    plan = services.propose_work_plan(group=meeting.group, by=secretariat, title="Work plan")
    records = [
        (decision_policy, decision),
        (statement_policy, statement),
        (work_plan_policy, plan),
    ]

    seen = {
        reader: [
            (policy.can_view(people[reader], record), list(policy.visible_to(people[reader])))
            for policy, record in records
        ]
        for reader in READERS
    }

    assert seen == dict.fromkeys(READERS, [(True, [record]) for _policy, record in records])


@pytest.fixture
def considered(meeting, people, secretariat, org_a):
    """One published document of each access level, allocated to an agenda item and
    considered by one decision, with a statement on each annexed to the meeting report."""
    item = factories.AgendaItemFactory(meeting=meeting, number="3", title="Work plan")
    report = make_report(meeting.group, meeting=meeting, title="Report", status=ReportStatus.DRAFT)
    decision = make_decision(meeting, subject="Work plan", agenda_item=item)
    documents = {}
    for number, level in enumerate(AccessLevel, start=1):
        documents[level] = make_contribution(
            meeting=meeting,
            delegate=people["submitter"],
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            access_level=level,
            title=f"Proposal {level.value}",
            agenda_items=[item],
        )
        make_statement(
            meeting,
            organizations=[org_a],
            title=f"Statement {number}",
            document=documents[level],
            report=report,
            annex_number=number,
        )
    decision.documents.set(documents.values())
    return report, documents


def texts_of(document):
    return [
        text
        for section in document.sections
        for paragraph in section.paragraphs
        for text in [paragraph.text, *paragraph.bullets]
    ] + [text for annex in document.annexes for text in [annex.title, *annex.paragraphs]]


def test_a_meeting_report_names_only_what_the_public_may_read(considered, meeting):
    report, documents = considered
    public = documents[AccessLevel.PUBLIC]

    texts = texts_of(build_report(report))

    agenda = [text for text in texts if text.startswith(public.register_number)]
    assert agenda == [f"{public.register_number}, Proposal public (Member State A)"]
    assert f"The meeting considered Document {public.register_number}." in " ".join(texts)
    assert [text for text in texts if text.startswith("Submitted as Document ")] == [
        f"Submitted as Document {public.register_number}."
    ]
    for level in (AccessLevel.MEMBERS, AccessLevel.SECRETARIAT):
        assert [t for t in texts if documents[level].register_number in t] == []


def test_the_builder_names_what_another_audience_may_read(considered, secretariat):
    report, documents = considered

    texts = " ".join(texts_of(build_report(report, audience=secretariat)))

    assert [level for level in AccessLevel if documents[level].register_number in texts] == list(
        AccessLevel
    )
    assert (
        "The meeting considered Documents "
        + ", ".join(documents[level].register_number for level in list(AccessLevel)[:-1])
        + f" and {documents[AccessLevel.SECRETARIAT].register_number}."
    ) in texts


def test_an_approved_report_is_frozen_as_the_public_reads_it(
    client, considered, meeting, secretariat, roles
):
    report, documents = considered
    approval = make_decision(meeting, subject="Report of the meeting", order=1)
    approved = services.approve_report(report=report, decision=approval, by=secretariat)
    services.publish_report(report=approved, by=secretariat)
    url = reverse("proceedings:report_detail", args=[meeting.group.slug, report.pk])

    served = {}
    for role, user in roles.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        served[role] = client.get(url).context["report_html"]

    frozen = Report.objects.get(pk=report.pk).rendered_html
    assert served == dict.fromkeys(roles, frozen)
    assert [level for level in AccessLevel if documents[level].register_number in frozen] == [
        AccessLevel.PUBLIC
    ]
