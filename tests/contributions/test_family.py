"""A document and its revisions, addenda and corrigenda: the family, superseded marks, and
lists that show the latest version."""

import pytest
from django.urls import reverse

from contributions import services
from contributions.enums import AmendmentKind, ContributionKind
from contributions.models import Contribution
from meetings.enums import AccessLevel
from tests.contributions.test_public_views import detail_url, list_url
from tests.factories import publish_document
from tests.roles import ROLES, get_as

REV, ADD, CORR = AmendmentKind.REVISION, AmendmentKind.ADDENDUM, AmendmentKind.CORRIGENDUM


@pytest.fixture
def register(author, secretariat, django_capture_on_commit_callbacks):
    """Publish a document, committed: it is in the search index once published."""

    def publish(meeting, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_document(meeting, delegate=author, secretariat=secretariat, **fields)

    return publish


@pytest.fixture
def family(meeting, register):
    """2/1 with Rev.1, Rev.2, Add.1 and Corr.1, and an unrelated 2/2."""
    base = register(meeting, title="Work plan")
    register(meeting, title="Other")
    documents = {"base": base}
    for key, kind in [("rev1", REV), ("add1", ADD), ("rev2", REV), ("corr1", CORR)]:
        documents[key] = register(
            meeting, title=f"Work plan {key}", base=base, amendment_kind=kind
        )
    return documents


def numbers(documents):
    return [document.register_number for document in documents]


def meeting_url(meeting):
    return reverse("proceedings:meeting_detail", args=[meeting.group.slug, meeting.ordinal])


# The family on a document's page ----------------------------------------------------------


def test_family_numbers_links_and_superseded_marks(client, meeting, family):
    response = client.get(detail_url(family["base"]))

    n = f"EG-ITRs {meeting.ordinal}/1"
    assert numbers(response.context["family"]) == [
        n,
        f"{n} (Add.1)",
        f"{n} (Corr.1)",
        f"{n} (Rev.1)",
        f"{n} (Rev.2)",
    ]
    # The base and Rev.1 are superseded by Rev.2; an addendum or corrigendum completes.
    assert [m.is_superseded for m in response.context["family"]] == [
        True,
        False,
        False,
        True,
        False,
    ]
    html = response.content.decode()
    assert f'<li><span aria-current="page">{n}</span>' in html
    for key in ["rev1", "add1", "rev2", "corr1"]:
        number = family[key].register_number
        assert f'<a href="{detail_url(family[key])}">{number}</a>' in html
    assert html.count('<span class="badge superseded">Superseded</span>') == 2
    rev2 = family["rev2"]
    assert f'This document is superseded by <a href="{detail_url(rev2)}">{n} (Rev.2)</a>.' in html
    assert response.context["superseded_by"] == rev2


def test_an_amendment_shows_the_same_family(client, meeting, family):
    from_base = client.get(detail_url(family["base"]))
    from_addendum = client.get(detail_url(family["add1"]))
    from_revision = client.get(detail_url(family["rev1"]))

    assert list(from_addendum.context["family"]) == list(from_base.context["family"])
    assert list(from_revision.context["family"]) == list(from_base.context["family"])
    assert from_addendum.context["superseded_by"] is None
    assert from_revision.context["superseded_by"] == family["rev2"]
    latest = client.get(detail_url(family["rev2"]))
    assert latest.context["superseded_by"] is None
    assert "This document is superseded" not in latest.content.decode()


def test_a_document_alone_has_no_family_section(client, meeting, register):
    response = client.get(detail_url(register(meeting)))

    assert response.context["family"] == []
    assert "Related documents" not in response.content.decode()


def test_a_withdrawn_revision_supersedes_nothing(client, meeting, register):
    base = register(meeting)
    register(meeting, base=base, amendment_kind=REV, withdraw=True)

    response = client.get(detail_url(base))

    assert [m.is_superseded for m in response.context["family"]] == [False, False]
    assert response.context["superseded_by"] is None
    listed = client.get(list_url(meeting.group)).context["page_obj"]
    assert numbers(listed) == [base.register_number, f"{base.register_number} (Rev.1)"]


@pytest.mark.parametrize(
    ("role", "expected", "base_superseded"),
    [
        ("anonymous", ["", "(Add.1)"], False),
        ("delegate_a", ["", "(Add.1)", "(Rev.1)"], True),
        ("delegate_b", ["", "(Add.1)", "(Rev.1)"], True),
        ("officer", ["", "(Add.1)", "(Rev.1)"], True),
        ("secretariat", ["", "(Add.1)", "(Corr.1)", "(Rev.1)"], True),
    ],
)
def test_family_holds_what_the_user_may_read(
    client, roles, meeting, register, role, expected, base_superseded
):
    base = register(meeting)
    register(meeting, base=base, amendment_kind=ADD)
    register(meeting, base=base, amendment_kind=REV, access_level=AccessLevel.MEMBERS)
    corrigendum = register(
        meeting, base=base, amendment_kind=CORR, access_level=AccessLevel.SECRETARIAT
    )

    response = get_as(client, roles[role], detail_url(base))

    assert numbers(response.context["family"]) == [
        f"{base.register_number} {suffix}".strip() for suffix in expected
    ]
    # A revision the user may not read neither marks nor hides the base for them.
    assert response.context["family"][0].is_superseded is base_superseded
    html = response.content.decode()
    assert (f'href="{detail_url(corrigendum)}"' in html) is (role == "secretariat")


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_amendments_are_listed_for_the_secretariat_only(
    client, roles, meeting, author, secretariat, register, role
):
    base = register(meeting)
    draft = services.start_amendment(base=base, kind=REV, by=author)

    response = get_as(client, roles[role], detail_url(base))

    family = response.context["family"]
    if role == "secretariat":
        assert [m.pk for m in family] == [base.pk, draft.pk]
        assert family[0].is_superseded is False
        member_url = reverse("contributions:member_detail", args=[draft.pk])
        assert f'<a href="{member_url}">{draft.title}</a>' in response.content.decode()
    else:
        assert family == []


@pytest.mark.parametrize("members", [1, 3])
def test_document_page_query_count(
    client, django_assert_num_queries, meeting, secretariat, register, members
):
    base = register(meeting)
    for _ in range(members):
        register(meeting, base=base, amendment_kind=ADD)
    client.force_login(secretariat)

    # session, user, the authenticator that passed the second step, secretariat?, the
    # document + sources + current files + translations, family + sources, agenda items,
    # superseded files, timeline
    with django_assert_num_queries(14):
        response = client.get(detail_url(base))

    assert len(response.context["family"]) == members + 1


# Lists show the latest version ------------------------------------------------------------


def test_document_list_shows_the_latest_version(client, meeting, family):
    response = client.get(list_url(meeting.group))

    n = f"EG-ITRs {meeting.ordinal}/"
    assert numbers(response.context["page_obj"]) == [
        f"{n}1 (Add.1)",
        f"{n}1 (Corr.1)",
        f"{n}1 (Rev.2)",
        f"{n}2",
    ]


def test_meeting_table_shows_the_latest_version(client, meeting, family):
    response = client.get(meeting_url(meeting))

    n = f"EG-ITRs {meeting.ordinal}/"
    assert numbers(response.context["documents"]) == [
        f"{n}1 (Add.1)",
        f"{n}1 (Corr.1)",
        f"{n}1 (Rev.2)",
        f"{n}2",
    ]


def test_a_revision_hidden_from_the_user_leaves_the_base_listed(client, meeting, register):
    base = register(meeting)
    register(meeting, base=base, amendment_kind=REV, access_level=AccessLevel.MEMBERS)

    response = client.get(list_url(meeting.group))

    assert numbers(response.context["page_obj"]) == [base.register_number]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{o}/1", ["", "(Add.1)", "(Corr.1)", "(Rev.1)", "(Rev.2)"]),
        ("Rev.1", ["(Rev.1)"]),
        ("{o}/1 Rev.1", ["(Rev.1)"]),
        ("work plan", ["(Add.1)", "(Corr.1)", "(Rev.2)"]),
    ],
)
def test_search_by_number_finds_every_version(client, meeting, family, query, expected):
    response = client.get(list_url(meeting.group), {"q": query.format(o=meeting.ordinal)})

    assert numbers(response.context["page_obj"]) == [
        f"EG-ITRs {meeting.ordinal}/1 {suffix}".strip() for suffix in expected
    ]


def test_latest_versions_queryset(meeting, family, secretariat):
    latest = Contribution.objects.latest_versions(secretariat).order_by("pk")

    assert [c.title for c in latest] == [
        "Other",
        "Work plan add1",
        "Work plan rev2",
        "Work plan corr1",
    ]


def test_other_kinds_are_amended_alike(client, meeting, register):
    base = register(meeting, kind=ContributionKind.INFORMATION)
    revision = register(meeting, base=base, amendment_kind=REV)

    response = client.get(list_url(meeting.group))

    assert list(response.context["page_obj"]) == [revision]


# The maintained mark of a superseded version ----------------------------------------------


@pytest.fixture
def audiences(meeting, delegate_a, secretariat):
    """2/1 public, its Rev.1 for members, its Rev.2 for the secretariat (and its source)."""

    def publish(**fields):
        return publish_document(meeting, delegate=delegate_a, secretariat=secretariat, **fields)

    base = publish(title="Base")
    rev1 = publish(title="Rev 1", base=base, amendment_kind=REV, access_level=AccessLevel.MEMBERS)
    rev2 = publish(
        title="Rev 2", base=base, amendment_kind=REV, access_level=AccessLevel.SECRETARIAT
    )
    return {"base": base, "rev1": rev1, "rev2": rev2}


def superseded_marks(documents):
    return {
        key: Contribution.objects.get(pk=document.pk).superseded_for
        for key, document in documents.items()
    }


def test_each_version_keeps_the_widest_audience_of_a_later_revision(audiences):
    assert superseded_marks(audiences) == {
        "base": AccessLevel.MEMBERS,
        "rev1": AccessLevel.SECRETARIAT,
        "rev2": "",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "Base"),
        ("delegate_a", "Rev 2"),
        ("delegate_b", "Rev 1"),
        ("officer", "Rev 1"),
        ("secretariat", "Rev 2"),
    ],
)
def test_each_reader_is_listed_the_latest_version_they_may_read(
    client, meeting, audiences, roles, role, expected
):
    response = get_as(client, roles[role], list_url(meeting.group))

    assert [document.title for document in response.context["page_obj"]] == [expected]


def test_withdrawing_a_revision_gives_the_mark_back(audiences, secretariat):
    services.withdraw_contribution(contribution=audiences["rev2"], by=secretariat)

    assert superseded_marks(audiences) == {
        "base": AccessLevel.MEMBERS,
        "rev1": "",
        "rev2": "",
    }


def test_a_published_revision_opened_to_the_public_supersedes_for_the_public(audiences):
    # What the admin's change form does with a published document's access.
    rev1 = audiences["rev1"]
    rev1.access_level = AccessLevel.PUBLIC
    rev1.save()

    assert superseded_marks(audiences)["base"] == AccessLevel.PUBLIC
    assert superseded_marks(audiences)["rev1"] == AccessLevel.SECRETARIAT
