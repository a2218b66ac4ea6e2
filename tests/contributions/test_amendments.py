"""Revisions, addenda and corrigenda: started from a published document, numbered later."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributions import rules, services
from contributions.enums import AmendmentKind, ContributionStatus, SourceConfirmation
from contributions.models import Contribution, Source
from meetings.enums import AccessLevel, MeetingStatus
from tests import factories
from tests.factories import docx_upload, make_contribution
from tests.refusals import refused

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
REV, ADD, CORR = AmendmentKind.REVISION, AmendmentKind.ADDENDUM, AmendmentKind.CORRIGENDUM


@pytest.fixture
def delegate_c(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c")


@pytest.fixture
def base(meeting, delegate_a, secretariat):
    """EG-ITRs n/1, published, of organization A."""
    return make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=PUBLISHED,
        secretariat=secretariat,
        title="Work plan",
    )


def publish(contribution, *, submitter, secretariat):
    """Submit (with a file) and publish an amendment draft."""
    services.add_file(contribution=contribution, upload=docx_upload(), language="en", by=submitter)
    services.submit_contribution(contribution=contribution, by=submitter)
    for source in contribution.sources.filter(confirmation=SourceConfirmation.PENDING):
        services.override_cosponsorship(source=source, by=secretariat, reason="By letter.")
    return services.publish_contribution(contribution=contribution, by=secretariat)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- The service -----------------------------------------------------------------------


def test_an_amendment_is_a_draft_copying_what_the_base_says(
    meeting, delegate_a, delegate_b, delegate_c, org_b, org_c, secretariat
):
    items = [factories.AgendaItemFactory(meeting=meeting) for _ in range(2)]
    draft = services.create_draft(
        meeting=meeting,
        organization=delegate_a.memberships.get().organization,
        by=delegate_a,
        title="Work plan",
        abstract="What to do when.",
        kind="information",
        original_language="fr",
        access_level=AccessLevel.MEMBERS,
        cosponsors=[org_b, org_c],
        agenda_items=items,
        upload=docx_upload(),
    )
    services.confirm_cosponsorship(source=draft.sources.get(organization=org_b), by=delegate_b)
    services.decline_cosponsorship(source=draft.sources.get(organization=org_c), by=delegate_c)
    base = publish(draft, submitter=delegate_a, secretariat=secretariat)

    amendment = services.start_amendment(base=base, kind="rev", by=delegate_a)

    amendment.refresh_from_db()
    assert (
        amendment.status,
        amendment.base,
        amendment.amendment_kind,
        amendment.meeting,
        amendment.title,
        amendment.abstract,
        amendment.kind,
        amendment.original_language,
        amendment.access_level,
        list(amendment.agenda_items.all()),
        amendment.number,
        amendment.register_number,
        amendment.files.count(),
        amendment.submitted_by,
    ) == (
        DRAFT,
        base,
        REV,
        meeting,
        "Work plan",
        "What to do when.",
        "information",
        "fr",
        AccessLevel.MEMBERS,
        items,
        None,
        "",
        0,
        delegate_a,
    )
    # B is asked again (it agreed to the base, not to the change); C, who declined, is not.
    assert list(
        amendment.sources.order_by("order").values_list("organization__name", "confirmation")
    ) == [
        ("Member State A", SourceConfirmation.CONFIRMED),
        ("Member State B", SourceConfirmation.PENDING),
    ]


def test_numbers_and_slugs_of_revisions_addenda_and_corrigenda(
    meeting, base, delegate_a, secretariat
):
    def amend(kind):
        amendment = services.start_amendment(base=base, kind=kind, by=delegate_a)
        return publish(amendment, submitter=delegate_a, secretariat=secretariat)

    # Ordinals are drawn at publication: Rev.2 started first but published second.
    rev_started_first = services.start_amendment(base=base, kind=REV, by=delegate_a)
    rev1 = amend(REV)
    rev2 = publish(rev_started_first, submitter=delegate_a, secretariat=secretariat)
    add1 = amend(ADD)
    corr1 = amend(CORR)
    add2 = amend(ADD)

    n = meeting.ordinal
    assert [
        (document.register_number, document.slug) for document in [rev1, rev2, add1, corr1, add2]
    ] == [
        (f"EG-ITRs {n}/1 (Rev.1)", f"{n}-1-rev1"),
        (f"EG-ITRs {n}/1 (Rev.2)", f"{n}-1-rev2"),
        (f"EG-ITRs {n}/1 (Add.1)", f"{n}-1-add1"),
        (f"EG-ITRs {n}/1 (Corr.1)", f"{n}-1-corr1"),
        (f"EG-ITRs {n}/1 (Add.2)", f"{n}-1-add2"),
    ]
    # The meeting's own numbering goes on from the base: amendments take no new number.
    following = make_contribution(
        meeting=meeting, delegate=delegate_a, status=PUBLISHED, secretariat=secretariat
    )
    assert following.register_number == f"EG-ITRs {n}/2"


def test_a_withdrawn_amendment_keeps_its_ordinal(meeting, base, delegate_a, secretariat):
    rev1 = publish(
        services.start_amendment(base=base, kind=REV, by=delegate_a),
        submitter=delegate_a,
        secretariat=secretariat,
    )
    services.withdraw_contribution(contribution=rev1, by=secretariat)
    rev2 = publish(
        services.start_amendment(base=base, kind=REV, by=delegate_a),
        submitter=delegate_a,
        secretariat=secretariat,
    )
    assert rev2.amendment_suffix == "(Rev.2)"


def test_secretariat_starts_an_amendment_for_the_submitter(base, secretariat):
    amendment = services.start_amendment(base=base, kind=CORR, by=secretariat)
    assert amendment.source_list == base.source_list
    assert amendment.submitted_by == secretariat


@pytest.mark.parametrize("status", [DRAFT, SUBMITTED])
def test_only_a_published_document_is_amended(meeting, delegate_a, status):
    document = make_contribution(meeting=meeting, delegate=delegate_a, status=status)
    with refused(ValidationError, "Only a published document can be revised", document):
        services.start_amendment(base=document, kind=REV, by=delegate_a)


def test_an_amendment_is_not_amended_itself(base, delegate_a, secretariat):
    rev1 = publish(
        services.start_amendment(base=base, kind=REV, by=delegate_a),
        submitter=delegate_a,
        secretariat=secretariat,
    )
    with refused(ValidationError, "Amend the original document, not one of", rev1, base):
        services.start_amendment(base=rev1, kind=CORR, by=delegate_a)


def test_no_amendment_once_the_meeting_takes_no_contributions(base, meeting, delegate_a):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    base = Contribution.objects.get(pk=base.pk)
    message = f"{meeting} does not take contributions now, so its documents cannot be amended"
    with refused(ValidationError, message, base):
        services.start_amendment(base=base, kind=REV, by=delegate_a)
    assert rules.can_start_amendment(delegate_a, base) is False


def test_others_may_not_amend(meeting, base, delegate_b, officer, org_c, delegate_c):
    Source.objects.create(
        contribution=base,
        organization=org_c,
        order=1,
        confirmation=SourceConfirmation.CONFIRMED,
    )
    for user in [delegate_b, officer, delegate_c]:
        with refused(PermissionDenied, "Only the submitting organization's delegates", base):
            services.start_amendment(base=base, kind=REV, by=user)


def test_unknown_kind_is_refused(base, delegate_a):
    with refused(ValueError, "'errata' is not a valid AmendmentKind", base):
        services.start_amendment(base=base, kind="errata", by=delegate_a)


# --- Rules -------------------------------------------------------------------------------


def test_who_may_start_an_amendment(base, roles, delegate_a, secretariat):
    users = {**roles, "anonymous": AnonymousUser()}
    may = {role: rules.can_start_amendment(user, base) for role, user in users.items()}
    assert may == {
        "anonymous": False,
        "delegate_a": True,
        "delegate_b": False,
        "officer": False,
        "secretariat": True,
    }
    rev1 = publish(
        services.start_amendment(base=base, kind=REV, by=delegate_a),
        submitter=delegate_a,
        secretariat=secretariat,
    )
    assert rules.can_start_amendment(secretariat, rev1) is False


# --- Views -------------------------------------------------------------------------------


def start_url(document, kind):
    return reverse("contributions:amendment_start", args=[document.pk, kind])


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("anonymous", "login"),
        ("delegate_a", "started"),
        ("delegate_b", "refused"),
        ("officer", "refused"),
        ("secretariat", "started"),
    ],
)
def test_amendment_start_view_per_role(client, roles, base, meeting, role, outcome):
    url = start_url(base, "add")
    if roles[role] is not None:
        client.force_login(roles[role])

    response = client.post(url, follow=outcome != "login")

    if outcome == "login":
        assert response.url == f"{reverse('login')}?next={url}"
        assert base.amendments.count() == 0
    elif outcome == "refused":
        assert response.redirect_chain == [
            (reverse("contributions:member_detail", args=[base.pk]), 302)
        ]
        assert messages_of(response) == [
            "Only the submitting organization's delegates or the secretariat can do this."
        ]
        assert base.amendments.count() == 0
    else:
        amendment = base.amendments.get()
        assert response.redirect_chain == [
            (reverse("contributions:draft_edit", args=[amendment.pk]), 302)
        ]
        assert messages_of(response) == [
            f"A draft addendum of EG-ITRs {meeting.ordinal}/1 is started. Change what needs "
            "changing, attach its file, then submit it."
        ]
        assert (
            f'Addendum of <a href="{base.get_absolute_url()}">EG-ITRs {meeting.ordinal}/1</a>, '
            "“Work plan”." in response.content.decode()
        )


def test_amendment_start_view_refuses_get_an_unknown_kind_and_a_hidden_document(
    client, meeting, base, delegate_a, delegate_b
):
    client.force_login(delegate_a)
    assert client.get(start_url(base, "rev")).status_code == 405
    assert client.post(start_url(base, "errata")).status_code == 404
    draft_of_b = make_contribution(meeting=meeting, delegate=delegate_b)
    assert client.post(start_url(draft_of_b, "rev")).status_code == 404
    assert Contribution.objects.filter(base__isnull=False).count() == 0


def test_amendment_start_view_explains_a_refusal_for_a_draft(client, meeting, delegate_a):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)
    client.force_login(delegate_a)

    response = client.post(start_url(draft, "rev"), follow=True)

    assert messages_of(response) == [
        "Only a published document can be revised, added to or corrected."
    ]


@pytest.mark.parametrize(
    ("role", "buttons"),
    [("delegate_a", True), ("delegate_b", False), ("officer", False), ("secretariat", True)],
)
def test_member_page_of_a_published_document_offers_amendments(client, roles, base, role, buttons):
    client.force_login(roles[role])

    response = client.get(reverse("contributions:member_detail", args=[base.pk]))

    if role in ("delegate_b", "officer"):
        # The base is public: they read it, but may not amend it.
        assert response.status_code == 200
    content = response.content.decode()
    for kind, label in [
        ("rev", "Start a revision"),
        ("add", "Start an addendum"),
        ("corr", "Start a corrigendum"),
    ]:
        assert (f'action="{start_url(base, kind)}"' in content) is buttons
        assert (label in content) is buttons


def test_the_amendment_draft_pages_say_what_it_amends(client, base, meeting, delegate_a):
    amendment = services.start_amendment(base=base, kind=CORR, by=delegate_a)
    client.force_login(delegate_a)
    expected = (
        f'Corrigendum of <a href="{base.get_absolute_url()}">EG-ITRs {meeting.ordinal}/1</a>, '
        "“Work plan”."
    )

    for name in ["member_detail", "draft_edit"]:
        response = client.get(reverse(f"contributions:{name}", args=[amendment.pk]))
        assert expected in response.content.decode()
