import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributions.enums import ContributionStatus
from meetings.enums import AccessLevel
from proceedings import services
from proceedings.enums import Outcome, WorkPlanItemStatus, WorkPlanStatus
from tests import factories
from tests.factories import make_contribution
from tests.proceedings.conftest import make_decision
from tests.refusals import refused
from tests.roles import ROLES, get_as


def work_plan_url(group):
    return reverse("proceedings:work_plan", args=[group.slug])


def statuses(group):
    return list(group.work_plans.order_by("version").values_list("version", "status"))


@pytest.fixture
def next_meeting(group):
    return factories.MeetingFactory(group=group)


@pytest.fixture
def proposal(group, next_meeting, secretariat):
    return services.propose_work_plan(
        group=group,
        by=secretariat,
        title="Work plan of the EG-ITRs",
        items=[
            "Review of the ITRs",
            {"description": "Progress report", "target_session": "C24"},
            {
                "description": "Final report",
                "target_meeting": next_meeting,
                "target_session": "C26",
                "status": WorkPlanItemStatus.IN_PROGRESS,
            },
        ],
    )


# services ------------------------------------------------------------------------------


def test_a_proposal_takes_the_next_version_and_its_items_in_order(
    group, next_meeting, proposal, secretariat
):
    second = services.propose_work_plan(group=group, by=secretariat, title="Second")

    assert (proposal.version, proposal.status, second.version) == (1, WorkPlanStatus.PROPOSED, 2)
    assert [
        (item.order, item.description, item.target_meeting, item.target_session, item.status)
        for item in proposal.items.all()
    ] == [
        (0, "Review of the ITRs", None, "", WorkPlanItemStatus.PLANNED),
        (1, "Progress report", None, "C24", WorkPlanItemStatus.PLANNED),
        (2, "Final report", next_meeting, "C26", WorkPlanItemStatus.IN_PROGRESS),
    ]
    assert proposal.history.get().history_user == secretariat


def test_a_proposal_names_a_document_and_meetings_of_its_own_group(
    group, meeting, author, secretariat
):
    other_group = factories.ExpertGroupFactory(acronym="EG-X")
    elsewhere = factories.MeetingFactory(group=other_group)
    document = make_contribution(
        meeting=elsewhere,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
    )

    message = "The work plan is proposed in a document of the group."
    with refused(ValidationError, message, group, document):
        services.propose_work_plan(group=group, by=secretariat, title="X", proposed_in=document)
    message = "The target meeting must be a meeting of the group."
    with refused(ValidationError, message, group, elsewhere):
        services.propose_work_plan(
            group=group,
            by=secretariat,
            title="X",
            items=[{"description": "Y", "target_meeting": elsewhere}],
        )
    assert statuses(group) == []


def test_approval_supersedes_the_approved_version(group, meeting, proposal, secretariat):
    first = make_decision(meeting, subject="Work plan", outcome=Outcome.APPROVED)
    services.approve_work_plan(work_plan=proposal, decision=first, by=secretariat)
    revised = services.propose_work_plan(group=group, by=secretariat, title="Revised")
    second = make_decision(
        meeting,
        subject="Revised work plan",
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text="On the understanding that ...",
    )

    approved = services.approve_work_plan(work_plan=revised, decision=second, by=secretariat)

    assert (approved.status, approved.approved_by) == (WorkPlanStatus.APPROVED, second)
    assert statuses(group) == [(1, WorkPlanStatus.SUPERSEDED), (2, WorkPlanStatus.APPROVED)]
    proposal.refresh_from_db()
    assert proposal.approved_by == first
    assert proposal.history.latest().history_user == secretariat


@pytest.mark.parametrize(
    "outcome",
    [Outcome.NOTED, Outcome.NO_CONSENSUS, Outcome.DEFERRED, Outcome.NOT_APPROVED],
)
def test_a_decision_that_approves_nothing_approves_no_work_plan(
    group, meeting, proposal, secretariat, outcome
):
    decision = make_decision(meeting, outcome=outcome)

    message = f"A decision recorded as “{outcome.label}” approves nothing."
    with refused(ValidationError, message, proposal, decision):
        services.approve_work_plan(work_plan=proposal, decision=decision, by=secretariat)

    assert statuses(group) == [(1, WorkPlanStatus.PROPOSED)]


def test_the_decision_is_one_of_a_meeting_of_the_group(group, proposal, secretariat):
    elsewhere = factories.MeetingFactory(group=factories.ExpertGroupFactory(acronym="EG-X"))

    decision = make_decision(elsewhere)
    message = "The decision must be one of a meeting of the group."
    with refused(ValidationError, message, proposal, decision):
        services.approve_work_plan(work_plan=proposal, decision=decision, by=secretariat)

    assert statuses(group) == [(1, WorkPlanStatus.PROPOSED)]


def test_only_a_proposed_version_newer_than_the_approved_one_is_approved(
    group, meeting, proposal, secretariat
):
    decision = make_decision(meeting)
    older = proposal
    newer = services.propose_work_plan(group=group, by=secretariat, title="Newer")
    services.approve_work_plan(work_plan=newer, decision=decision, by=secretariat)

    message = "A later version of the work plan is already approved."
    with refused(ValidationError, message, older, newer, decision):
        services.approve_work_plan(work_plan=older, decision=decision, by=secretariat)
    message = "Only a proposed work plan can be approved; this one is approved."
    with refused(ValidationError, message, older, newer, decision):
        services.approve_work_plan(work_plan=newer, decision=decision, by=secretariat)

    assert statuses(group) == [(1, WorkPlanStatus.PROPOSED), (2, WorkPlanStatus.APPROVED)]


def test_items_are_added_to_a_proposal_and_only_their_status_moves_after_approval(
    meeting, proposal, secretariat
):
    item = services.add_work_plan_item(work_plan=proposal, by=secretariat, description="Fourth")
    services.approve_work_plan(work_plan=proposal, decision=make_decision(meeting), by=secretariat)

    message = "Items are added to a proposed work plan only."
    with refused(ValidationError, message, proposal):
        services.add_work_plan_item(work_plan=proposal, by=secretariat, description="Fifth")
    done = services.set_work_plan_item_status(
        item=item, status=WorkPlanItemStatus.DONE, by=secretariat
    )

    assert (item.order, done.status) == (3, WorkPlanItemStatus.DONE)
    assert [i.description for i in proposal.items.all()][-1] == "Fourth"


def test_a_superseded_plan_no_longer_changes(group, meeting, proposal, secretariat):
    services.approve_work_plan(work_plan=proposal, decision=make_decision(meeting), by=secretariat)
    newer = services.propose_work_plan(group=group, by=secretariat, title="Newer")
    services.approve_work_plan(work_plan=newer, decision=make_decision(meeting), by=secretariat)

    item = proposal.items.first()
    message = "A superseded work plan no longer changes."
    with refused(ValidationError, message, proposal, item):
        services.set_work_plan_item_status(
            item=item, status=WorkPlanItemStatus.DONE, by=secretariat
        )


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "officer"])
def test_only_the_secretariat_records_work_plans(roles, group, meeting, proposal, role):
    user = roles[role] or AnonymousUser()
    decision = make_decision(meeting)
    attempts = [
        lambda: services.propose_work_plan(group=group, by=user, title="X"),
        lambda: services.add_work_plan_item(work_plan=proposal, by=user, description="X"),
        lambda: services.approve_work_plan(work_plan=proposal, decision=decision, by=user),
        lambda: services.set_work_plan_item_status(
            item=proposal.items.first(), status=WorkPlanItemStatus.DONE, by=user
        ),
    ]

    items = list(proposal.items.all())
    for attempt in attempts:
        with refused(
            PermissionDenied, "Only the secretariat records work plans.", proposal, *items
        ):
            attempt()

    assert statuses(group) == [(1, WorkPlanStatus.PROPOSED)]
    assert proposal.items.count() == 3


# the public page -----------------------------------------------------------------------


@pytest.fixture
def history(group, meeting, next_meeting, author, secretariat):
    """Version 1 approved, then superseded by version 2 (approved with an understanding),
    proposed in a members-only document; version 3 proposed."""
    document = make_contribution(
        meeting=meeting,
        delegate=author,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Chair's proposal",
        access_level=AccessLevel.MEMBERS,
    )
    first = services.propose_work_plan(
        group=group, by=secretariat, title="First work plan", items=["Old item"]
    )
    services.approve_work_plan(
        work_plan=first,
        decision=make_decision(meeting, subject="First work plan", order=1),
        by=secretariat,
    )
    second = services.propose_work_plan(
        group=group,
        by=secretariat,
        title="Work plan of the EG-ITRs",
        proposed_in=document,
        items=[
            {"description": "Progress report", "target_session": "C24"},
            {"description": "Review", "target_meeting": next_meeting},
        ],
    )
    decision = make_decision(
        meeting,
        subject="Draft work plan",
        outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
        text="On the understanding that nothing changes.",
        order=2,
    )
    services.approve_work_plan(work_plan=second, decision=decision, by=secretariat)
    services.propose_work_plan(group=group, by=secretariat, title="Third proposal")
    return {"document": document, "decision": decision, "second": second}


@pytest.mark.parametrize("role", ROLES)
def test_work_plan_page_shows_the_plan_in_force_and_its_history(
    client, roles, group, meeting, next_meeting, history, role
):
    response = get_as(client, roles[role], work_plan_url(group))

    assert response.status_code == 200
    assert response.context["group"] == group
    assert response.context["current"] == history["second"]
    assert [(p.version, p.status) for p in response.context["versions"]] == [
        (3, WorkPlanStatus.PROPOSED),
        (2, WorkPlanStatus.APPROVED),
        (1, WorkPlanStatus.SUPERSEDED),
    ]
    html = response.content.decode()
    decision_url = f"{meeting.get_absolute_url()}#decision-{history['decision'].pk}"
    assert f'<a href="{decision_url}">Draft work plan, {meeting.title}</a>' in html
    assert "<p>On the understanding that nothing changes.</p>" in html
    assert "<td>Progress report</td>\n        <td>C24</td>" in html
    assert f'<a href="{next_meeting.get_absolute_url()}">{next_meeting.title}</a>' in html
    assert '<span class="badge work-plan-superseded">Superseded</span>' in html
    assert '<span class="badge work-plan-proposed">Proposed</span>' in html
    # The members-only document it was proposed in is linked for those who may read it.
    document = history["document"]
    link = f'<a href="{document.get_absolute_url()}">{document.register_number}</a>'
    assert (link in html) is (role != "anonymous")


def test_work_plan_page_without_an_approved_plan(client, group, proposal):
    html = client.get(work_plan_url(group)).content.decode()

    assert "No work plan has been approved yet." in html
    assert "Version 1: Work plan of the EG-ITRs" in html


def test_work_plan_page_of_a_group_without_plans(client, group):
    html = client.get(work_plan_url(group)).content.decode()

    assert "No work plan has been proposed yet." in html


def test_work_plan_page_of_unknown_group_is_404(client, db):
    assert client.get(reverse("proceedings:work_plan", args=["nope"])).status_code == 404


def test_group_page_links_to_the_work_plan(client, group):
    html = client.get(group.get_absolute_url()).content.decode()

    assert f'<a href="{work_plan_url(group)}">The work plan in force and its history</a>' in html


@pytest.mark.parametrize("rows", [1, 3])
def test_work_plan_page_query_count(
    client,
    django_assert_num_queries,
    group,
    meeting,
    next_meeting,
    author,
    delegate_a,
    secretariat,
    rows,
):
    for n in range(rows):
        document = make_contribution(
            meeting=meeting,
            delegate=author,
            status=ContributionStatus.PUBLISHED,
            secretariat=secretariat,
            title=f"Proposal {n}",
        )
        plan = services.propose_work_plan(
            group=group,
            by=secretariat,
            title=f"Version {n}",
            proposed_in=document,
            items=[{"description": f"Item {n}", "target_meeting": next_meeting}, "Other"],
        )
        services.approve_work_plan(
            work_plan=plan, decision=make_decision(meeting, subject=f"D{n}"), by=secretariat
        )
    client.force_login(delegate_a)

    # session, user, group, work plans + decisions, items + target meetings, secretariat?,
    # organizations, officer groups, documents proposing them
    with django_assert_num_queries(9):
        response = client.get(work_plan_url(group))

    assert len(response.context["versions"]) == rows
