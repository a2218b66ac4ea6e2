import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from contributions import services
from contributions.enums import (
    AmendmentKind,
    ContributionKind,
    ContributionStatus,
    Language,
)
from contributions.models import Contribution, Source
from meetings.enums import AccessLevel
from tests import factories
from tests.factories import docx_upload, make_contribution, pdf_upload, publish_document
from tests.roles import ROLES, content_of, get_as

# Who may read a published document of each access level, whose sources are none of theirs.
READERS = {
    AccessLevel.PUBLIC: set(ROLES),
    AccessLevel.MEMBERS: set(ROLES) - {"anonymous"},
    AccessLevel.SECRETARIAT: {"secretariat"},
}


@pytest.fixture
def register(author, secretariat, django_capture_on_commit_callbacks):
    """Publish a document, committed: it is in the search index once published."""

    def publish(meeting, *, delegate=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_document(
                meeting, delegate=delegate or author, secretariat=secretariat, **fields
            )

    return publish


def list_url(group):
    return reverse("contributions:document_list", args=[group.slug])


def detail_url(document, slug=None):
    return reverse(
        "contributions:document_detail", args=[document.meeting.group.slug, slug or document.slug]
    )


def titles(response):
    return [c.title for c in response.context["page_obj"]]


# document_list -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_register_lists_the_documents_the_user_may_read(
    client, roles, meeting, author, register, role
):
    for level in AccessLevel:
        register(meeting, title=level.value, access_level=level)
    register(meeting, title="withdrawn", withdraw=True)
    make_contribution(
        meeting=meeting, delegate=author, title="submitted", status=ContributionStatus.SUBMITTED
    )
    make_contribution(meeting=meeting, delegate=author, title="draft")
    # A draft of the user's own organization has no number: never in the public register.
    make_contribution(meeting=meeting, delegate=roles["delegate_a"], title="draft of A")

    response = get_as(client, roles[role], list_url(meeting.group))

    expected = [level.value for level in AccessLevel if role in READERS[level]] + ["withdrawn"]
    assert titles(response) == expected


def test_register_shows_the_columns(client, meeting, org_b, register):
    document = register(meeting, title="Work plan", cosponsors=[org_b])

    response = client.get(list_url(meeting.group))

    html = response.content.decode()
    assert f'<a href="{detail_url(document)}">EG-ITRs {meeting.ordinal}/1</a></th>' in html
    assert "<td>Work plan</td>" in html
    assert "<td>Member State C, Member State B</td>" in html
    assert f'<td><a href="{meeting.get_absolute_url()}">{meeting.title}</a></td>' in html
    assert "<td>Contribution</td>" in html
    published = timezone.localtime(document.published_at).date()
    assert f">{published:%b}. {published.day}, {published.year}</time></td>" in html or (
        f">{published:%B} {published.day}, {published.year}</time></td>" in html
    )
    assert '<span class="badge status-published">Published</span>' in html
    assert "<caption>1 document</caption>" in html


def test_register_is_empty(client, group, delegate_a):
    url = list_url(group)
    anonymous = client.get(url).content.decode()
    client.force_login(delegate_a)

    assert (
        "No public documents yet. Delegates "
        f'<a href="/accounts/login/?next={url}">log in</a> to read the documents for members.'
    ) in anonymous
    assert "No documents yet." in client.get(url).content.decode()


def test_register_of_unknown_group_is_404(client, db):
    assert client.get(reverse("contributions:document_list", args=["nope"])).status_code == 404


def test_register_orders_newest_meeting_first_and_latest_amendments_after_their_base(
    client, group, register
):
    older = factories.MeetingFactory(group=group)
    newer = factories.MeetingFactory(
        group=group, start_date=older.start_date + datetime.timedelta(days=30)
    )
    one = register(older, title="1")
    register(older, title="2")
    register(older, title="1 Rev.1", base=one, amendment_kind=AmendmentKind.REVISION)
    register(older, title="1 Add.1", base=one, amendment_kind=AmendmentKind.ADDENDUM)
    register(newer, title="new 1")

    response = client.get(list_url(group))

    # 1 itself is superseded by its revision: the register lists the latest.
    assert [c.register_number for c in response.context["page_obj"]] == [
        f"EG-ITRs {newer.ordinal}/1",
        f"EG-ITRs {older.ordinal}/1 (Add.1)",
        f"EG-ITRs {older.ordinal}/1 (Rev.1)",
        f"EG-ITRs {older.ordinal}/2",
    ]


def test_filter_by_meeting(client, group, register):
    first = factories.MeetingFactory(group=group)
    second = factories.MeetingFactory(group=group)
    register(first, title="first")
    register(second, title="second")

    response = client.get(list_url(group), {"meeting": first.pk})

    assert titles(response) == ["first"]
    assert list(response.context["filters"].form.fields["meeting"].queryset) == [second, first]


def test_filter_by_kind(client, meeting, register):
    register(meeting, title="contribution")
    register(meeting, title="information", kind=ContributionKind.INFORMATION)

    response = client.get(list_url(meeting.group), {"kind": ContributionKind.INFORMATION})

    assert titles(response) == ["information"]


def source_choices(response):
    return [label for _value, label in response.context["filters"].form.fields["source"].choices]


def test_filter_by_source_offers_only_visible_sources(
    client, meeting, org_b, delegate_b, register, author
):
    register(meeting, title="C alone")
    register(meeting, title="C with B", cosponsors=[org_b])
    register(meeting, title="B alone", delegate=delegate_b)
    # A draft's sources are nobody's business.
    other = factories.DelegateFactory(
        organization=factories.OrganizationFactory(name="Secretive State"), username="secretive"
    )
    make_contribution(meeting=meeting, delegate=other)

    response = client.get(list_url(meeting.group), {"source": org_b.pk})

    assert titles(response) == ["C with B", "B alone"]
    assert source_choices(response) == ["All organizations", "Member State B", "Member State C"]


def test_filter_by_language_matches_the_original_or_a_file(client, meeting, register):
    register(meeting, title="English only")
    register(meeting, title="French original", language=Language.FRENCH)
    register(
        meeting,
        title="French translation",
        extra_files=[(Language.FRENCH, pdf_upload()), (Language.SPANISH, pdf_upload())],
    )

    response = client.get(list_url(meeting.group), {"language": Language.FRENCH})

    assert titles(response) == ["French original", "French translation"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The revision supersedes the draft: words find the latest version only.
        ("work plan", ["Draft work plan, revised"]),
        ("PLAN", ["Draft work plan, revised", "Plan of action"]),
        ("revised draft", ["Draft work plan, revised"]),
        ("plan nothing", []),
        ("{ordinal}/2", ["Plan of action"]),
        ("EG-ITRs {ordinal}/2", ["Plan of action"]),
        ("eg-itrs", ["Plan of action", "Statistics", "Draft work plan, revised"]),
        ("Rev.1", ["Draft work plan, revised"]),
        ("{ordinal}/1 (Rev.1)", ["Draft work plan, revised"]),
        # A number finds every version: whoever types it wants that very document.
        ("{ordinal}/1", ["Draft work plan", "Draft work plan, revised"]),
        ("EG-ITRs {ordinal}/1", ["Draft work plan", "Draft work plan, revised"]),
        ("{ordinal}/1 plan", ["Draft work plan", "Draft work plan, revised"]),
    ],
)
def test_search_words_in_title_or_register_number(client, meeting, register, query, expected):
    base = register(meeting, title="Draft work plan")
    register(meeting, title="Plan of action")
    register(meeting, title="Statistics")
    register(
        meeting,
        title="Draft work plan, revised",
        base=base,
        amendment_kind=AmendmentKind.REVISION,
    )

    response = client.get(list_url(meeting.group), {"q": query.format(ordinal=meeting.ordinal)})

    assert sorted(titles(response)) == sorted(expected)


def test_register_pages_by_25_and_keeps_the_filters(client, meeting, register):
    for n in range(27):
        register(meeting, title=f"Document {n}")

    first = client.get(list_url(meeting.group), {"q": "document"})
    second = client.get(list_url(meeting.group), {"q": "document", "page": 2})

    assert len(first.context["page_obj"]) == 25
    assert titles(second) == ["Document 25", "Document 26"]
    html = first.content.decode()
    assert '<a href="?q=document&amp;page=2" rel="next">Next</a>' in html
    assert "<caption>27 documents</caption>" in html


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "secretariat"])
@pytest.mark.parametrize("rows", [1, 3])
def test_register_query_count(
    client, django_assert_num_queries, roles, meeting, org_b, register, role, rows
):
    for n in range(rows):
        register(meeting, title=f"Document {n}", cosponsors=[org_b])
    if roles[role] is not None:
        client.force_login(roles[role])
    url = list_url(meeting.group)

    # session, user, secretariat?, organizations, officer groups (logged in; the
    # secretariat's authenticator that passed the second step); the group, the header's
    # group, count, page, sources, current files, translations, meeting and source choices
    expected = {"anonymous": 8, "delegate_a": 13, "secretariat": 12}[role]
    with django_assert_num_queries(expected):
        response = client.get(url, {"kind": ContributionKind.CONTRIBUTION})

    assert len(response.context["page_obj"]) == rows


# document_detail -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", list(AccessLevel))
def test_document_page_answers_only_who_may_read_it(client, roles, meeting, register, role, level):
    document = register(meeting, access_level=level)

    response = get_as(client, roles[role], detail_url(document))

    assert response.status_code == (200 if role in READERS[level] else 404)


@pytest.mark.parametrize(
    "slug", ["1", "1-", "x-1", "1-1-rev", "1-1-foo1", "1-1-rev1-add1", "01-1", "1-1-rev0", "1-99"]
)
def test_document_page_of_a_wrong_address_is_404(client, meeting, register, slug):
    register(meeting)

    assert client.get(detail_url(Contribution.objects.get(), slug=slug)).status_code == 404


def test_document_page_of_another_group_is_404(client, meeting, register):
    document = register(meeting)
    factories.ExpertGroupFactory(acronym="CWG", slug="cwg")

    url = reverse("contributions:document_detail", args=["cwg", document.slug])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["delegate_a", "delegate_b", "officer"])
def test_a_draft_is_never_on_the_public_page(client, roles, meeting, delegate_a, role):
    draft = make_contribution(meeting=meeting, delegate=delegate_a)

    # A draft has no number, hence no public address: every guess answers 404.
    assert draft.slug == ""
    response = get_as(client, roles[role], detail_url(draft, slug=f"{meeting.ordinal}-1"))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_document_page_shows_the_register_entry(client, roles, meeting, org_b, register, role):
    item = factories.AgendaItemFactory(meeting=meeting, number="3", title="Work plan")
    document = register(
        meeting,
        title="Draft work plan",
        cosponsors=[org_b],
        agenda_items=[item],
        extra_files=[(Language.FRENCH, pdf_upload())],
    )

    response = get_as(client, roles[role], detail_url(document))

    assert response.context["contribution"] == document
    assert response.context["group"] == meeting.group
    posted = [v.language for v in response.context["language_versions"] if v.file]
    assert posted == ["en", "fr"]
    html = response.content.decode()
    number = f"EG-ITRs {meeting.ordinal}/1"
    assert f'<h1><span class="number">{number}</span><br>Draft work plan</h1>' in html
    assert "<p>About Draft work plan.</p>" in html
    assert f'<dd><a href="{meeting.get_absolute_url()}">{meeting.title}</a></dd>' in html
    assert "<dd>Contribution</dd>" in html
    assert "<dd>Member State C, Member State B</dd>" in html
    assert "<dd>English</dd>" in html
    assert "<dd>Public</dd>" in html
    assert "<dd>3. Work plan</dd>" in html
    assert '<span class="badge status-published">Published</span>' in html
    english = document.files.get(language="en")
    assert (
        f'<td><a href="{english.get_absolute_url()}" hreflang="en" download>'
        f"EG-ITRs-{meeting.ordinal}-1-E.docx</a></td>" in html
    )
    assert f"-{meeting.ordinal}-1-F.pdf</a></td>" in html
    assert '<span aria-current="page">' + number + "</span>" in html


@pytest.mark.parametrize("role", ROLES)
def test_superseded_files_are_listed_for_the_secretariat_only(
    client, roles, meeting, register, role
):
    document = register(meeting, extra_files=[(Language.ENGLISH, pdf_upload())])

    response = get_as(client, roles[role], detail_url(document))

    current = [v.file.extension for v in response.context["language_versions"] if v.file]
    assert current == [".pdf"]
    superseded = response.context["superseded_files"]
    if role == "secretariat":
        assert [f.extension for f in superseded] == [".docx"]
        assert "Superseded files" in response.content.decode()
    else:
        assert superseded is None
        assert "Superseded files" not in response.content.decode()


def test_withdrawn_document_is_marked(client, meeting, register):
    document = register(meeting, withdraw=True)

    html = client.get(detail_url(document)).content.decode()

    assert '<span class="badge status-withdrawn">Withdrawn</span><br>' in html


# sources ----------------------------------------------------------------------------------


@pytest.fixture
def cosponsored(meeting, author, org_a, org_b, delegate_a, secretariat):
    """Made by C with A (declined) and B (confirmed by the secretariat), then published."""
    draft = services.create_draft(
        meeting=meeting,
        organization=author.memberships.get().organization,
        by=author,
        title="Co-sponsored",
        kind=ContributionKind.CONTRIBUTION,
        original_language=Language.ENGLISH,
        cosponsors=[org_a, org_b],
        upload=docx_upload(),
    )
    services.decline_cosponsorship(source=draft.sources.get(organization=org_a), by=delegate_a)
    services.override_cosponsorship(
        source=draft.sources.get(organization=org_b), by=secretariat, reason="By letter."
    )
    services.submit_contribution(contribution=draft, by=author)
    return services.publish_contribution(contribution=draft, by=secretariat)


@pytest.mark.parametrize("role", ROLES)
def test_only_confirmed_sources_are_shown(client, roles, meeting, cosponsored, role):
    page = get_as(client, roles[role], detail_url(cosponsored)).content.decode()
    register_html = client.get(list_url(meeting.group)).content.decode()

    assert "<dd>Member State C, Member State B</dd>" in page
    assert "<td>Member State C, Member State B</td>" in register_html
    assert "Member State A" not in page


def test_a_pending_cosponsor_is_not_shown(client, meeting, cosponsored):
    # Publication waits for every co-sponsor, so only the ORM can leave one pending on a
    # published document: the pages hold to the rule all the same.
    pending = factories.OrganizationFactory(name="Pending State")
    Source.objects.create(contribution=cosponsored, organization=pending, order=3)

    page = client.get(detail_url(cosponsored)).content.decode()

    assert "<dd>Member State C, Member State B</dd>" in page
    assert [o.name for o in Contribution.objects.get().public_sources] == [
        "Member State C",
        "Member State B",
    ]


def test_source_filter_offers_and_finds_confirmed_sources_only(
    client, meeting, cosponsored, org_a, org_b
):
    by_declined = client.get(list_url(meeting.group), {"source": org_a.pk})
    by_confirmed = client.get(list_url(meeting.group), {"source": org_b.pk})

    assert source_choices(by_confirmed) == [
        "All organizations",
        "Member State B",
        "Member State C",
    ]
    assert by_declined.context["filters"].errors  # not a choice: nothing is filtered by it
    assert titles(by_confirmed) == ["Co-sponsored"]


# timeline --------------------------------------------------------------------------------


@pytest.fixture
def withdrawn_after_return(meeting, author, secretariat):
    """Submitted, returned with a reason, submitted again, published, then withdrawn."""
    author.first_name, author.last_name = "Ada", "Author"
    author.save()
    secretariat.first_name, secretariat.last_name = "Sam", "Secretary"
    secretariat.save()
    draft = make_contribution(meeting=meeting, delegate=author, title="Reworked")
    services.submit_contribution(contribution=draft, by=author)
    services.return_for_changes(contribution=draft, by=secretariat, reason="Add the annex.")
    services.submit_contribution(contribution=draft, by=author)
    services.publish_contribution(contribution=draft, by=secretariat)
    return services.withdraw_contribution(
        contribution=draft, by=secretariat, note="Replaced by a joint text."
    )


def timeline_rows(response):
    html = response.content.decode()
    table = html[html.index('<table class="register timeline">') :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = []
    for row in table.split("<tr>")[1:]:
        cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
        rows.append([cells[0].split(">")[1].split("<")[0], *cells[1:]])
    return rows


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_public_timeline_shows_publication_and_withdrawal(
    client, roles, withdrawn_after_return, role
):
    response = get_as(client, roles[role], detail_url(withdrawn_after_return))

    changes = withdrawn_after_return.status_changes.order_by("pk")
    published, withdrawn = changes[3], changes[4]
    assert [c.to_status for c in response.context["timeline"]] == ["published", "withdrawn"]
    # In the meeting's time zone (Geneva), with the zone's abbreviation.
    fmt = "N j, Y, P T"
    geneva = withdrawn_after_return.meeting.tz
    assert timeline_rows(response) == [
        [date_format(localtime(published.at, geneva), fmt), "Published", "The secretariat"],
        [date_format(localtime(withdrawn.at, geneva), fmt), "Withdrawn", "The secretariat"],
    ]
    html = response.content.decode()
    assert "Add the annex." not in html
    assert "Replaced by a joint text." not in html
    assert "Sam Secretary" not in html


def test_secretariat_timeline_shows_every_move_with_who_and_notes(
    client, secretariat, withdrawn_after_return
):
    response = get_as(client, secretariat, detail_url(withdrawn_after_return))

    assert [row[1:] for row in timeline_rows(response)] == [
        ["Draft → Submitted", "Ada Author", ""],
        ["Submitted → Draft", "Sam Secretary", "Add the annex."],
        ["Draft → Submitted", "Ada Author", ""],
        ["Submitted → Published", "Sam Secretary", ""],
        ["Published → Withdrawn", "Sam Secretary", "Replaced by a joint text."],
    ]


# badges ----------------------------------------------------------------------------------


@pytest.fixture
def late_meeting(group):
    """Both deadlines passed, the meeting still open."""
    past = timezone.now() - datetime.timedelta(hours=1)
    return factories.MeetingFactory(
        group=group, contribution_deadline=past, translation_deadline=past
    )


BADGES = {
    "late": '<span class="badge late">Late</span>',
    "accepted": '<span class="badge late-accepted">Accepted late</span>',
    "refused": '<span class="badge late-refused">Not accepted</span>',
    "untranslated": '<span class="badge not-translated">Not translated in time</span>',
    "requested": '<span class="badge requested">Requested</span>',
}


def badges_in(html):
    return [name for name, badge in BADGES.items() if badge in html]


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (None, ["late", "untranslated"]),
        (True, ["late", "accepted", "untranslated"]),
        (False, ["late", "refused", "untranslated"]),
    ],
)
def test_late_badges_on_the_page_and_in_the_table(
    client, late_meeting, secretariat, register, decision, expected
):
    document = register(late_meeting, title="Late one")
    if decision is not None:
        services.decide_late_contribution(
            contribution=document, by=secretariat, accepted=decision, reason="Chair's call."
        )

    page = client.get(detail_url(document)).content.decode()
    table = client.get(list_url(late_meeting.group)).content.decode()

    assert badges_in(page) == expected
    assert f'<p class="badges"> {" ".join(BADGES[name] for name in expected)}</p>' in page
    assert f"<td>Late one {' '.join(BADGES[name] for name in expected)}</td>" in table


def test_requested_badge_and_never_late(client, late_meeting, register):
    document = register(late_meeting, title="Asked for", requested=True)

    page = client.get(detail_url(document)).content.decode()
    table = client.get(list_url(late_meeting.group)).content.decode()

    assert badges_in(page) == ["untranslated", "requested"]
    assert badges_in(table) == ["untranslated", "requested"]


def test_no_badges_on_time(client, meeting, register):
    page = client.get(detail_url(register(meeting))).content.decode()

    assert badges_in(page) == []
    assert '<p class="badges">' not in page


# file_download -------------------------------------------------------------------------


def file_url(file, filename=None):
    return reverse("contributions:file_download", args=[file.pk, filename or file.download_name])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", list(AccessLevel))
def test_file_download_follows_the_document_access(client, roles, meeting, register, role, level):
    document = register(meeting, access_level=level)
    file = document.files.get()

    response = get_as(client, roles[role], file_url(file))
    content = content_of(response)

    if role not in READERS[level]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    with file.file.open("rb") as stored:
        assert content == stored.read()
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="EG-ITRs-{meeting.ordinal}-1-E.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    expected_cache = "public, max-age=300" if level == AccessLevel.PUBLIC else "private"
    assert response["Cache-Control"] == expected_cache


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("delegate_a", 200),
        ("delegate_b", 404),
        ("officer", 404),
        ("secretariat", 200),
    ],
)
def test_a_draft_file_is_served_to_its_organization_only(
    client, roles, meeting, delegate_a, role, status
):
    file = make_contribution(meeting=meeting, delegate=delegate_a).files.get()

    response = get_as(client, roles[role], file_url(file))
    content_of(response)

    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private"
        assert response["Content-Disposition"].startswith('attachment; filename="draft-')


@pytest.mark.parametrize("role", ROLES)
def test_a_superseded_file_is_served_to_the_secretariat_only(
    client, roles, meeting, register, role
):
    document = register(meeting, extra_files=[(Language.ENGLISH, pdf_upload())])
    old = document.files.get(content_type__endswith="document")

    response = get_as(client, roles[role], file_url(old))
    content_of(response)

    if role == "secretariat":
        assert response.status_code == 200
        assert response["Cache-Control"] == "private"
    else:
        assert response.status_code == 404


def test_file_under_a_wrong_name_redirects_to_its_name(client, meeting, register):
    file = register(meeting).files.get()

    response = client.get(file_url(file, filename="old-name.docx"))

    assert response.status_code == 301
    assert response["Location"] == file_url(file)


def test_wrong_name_of_an_invisible_file_is_still_404(client, meeting, register):
    file = register(meeting, access_level=AccessLevel.MEMBERS).files.get()

    assert client.get(file_url(file, filename="x.docx")).status_code == 404
