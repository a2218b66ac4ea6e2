import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionKind, ContributionStatus, Language
from contributions.models import Contribution
from meetings.enums import AccessLevel, MeetingStatus
from tests import factories
from tests.factories import docx_upload, make_contribution, pdf_upload

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture
def draft(meeting, delegate_a):
    return make_contribution(meeting=meeting, delegate=delegate_a, title="Draft of A")


@pytest.fixture
def submitted(meeting, delegate_a):
    return make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        title="Submitted by A",
        status=ContributionStatus.SUBMITTED,
    )


def log_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def login_url(path):
    return f"{reverse('login')}?next={path}"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def form_data(**overrides):
    data = {
        "title": "Proposal on Article 5",
        "abstract": "Amend Article 5.",
        "kind": ContributionKind.CONTRIBUTION,
        "original_language": Language.ENGLISH,
        "access_level": AccessLevel.MEMBERS,
    }
    data.update(overrides)
    return data


def edit_data(contribution, **overrides):
    return form_data(updated_at=contribution.updated_at.isoformat(), **overrides)


# --- My documents ------------------------------------------------------------------------


def test_mine_sends_anonymous_to_login(client, db):
    url = reverse("contributions:mine")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url(url)


@pytest.mark.parametrize(
    ("role", "own", "of_group"),
    [
        ("delegate_a", {"Draft of A", "Submitted by A"}, None),
        ("delegate_b", {"Draft of B"}, None),
        ("officer", set(), {"Submitted by A"}),
        ("secretariat", set(), None),
    ],
)
def test_mine_lists_the_documents_of_the_users_organizations(
    client, roles, meeting, draft, submitted, delegate_b, role, own, of_group
):
    make_contribution(meeting=meeting, delegate=delegate_b, title="Draft of B")

    response = log_in(client, roles[role]).get(reverse("contributions:mine"))

    assert response.status_code == 200
    assert {document.title for document in response.context["documents"]} == own
    group_documents = response.context["group_documents"]
    if of_group is None:
        assert group_documents is None
    else:
        assert {document.title for document in group_documents} == of_group
        assert "Submitted to your group" in response.content.decode()


def test_mine_shows_number_status_late_and_sources(
    client, meeting, delegate_a, org_b, secretariat
):
    meeting.contribution_deadline = timezone.now() - datetime.timedelta(days=1)
    meeting.save()
    make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        cosponsors=[org_b],
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
    )

    content = log_in(client, delegate_a).get(reverse("contributions:mine")).content.decode()

    assert f'<td class="number">EG-ITRs {meeting.ordinal}/1</td>' in content
    assert '<span class="badge status-published">Published</span>' in content
    assert '<span class="badge late">Late</span>' in content
    assert "<td>Member State A, Member State B</td>" in content


def test_mine_shows_open_meetings_with_their_deadline_in_meeting_time(
    client, roles, meeting, group
):
    factories.MeetingFactory(group=group, status=MeetingStatus.CLOSED)
    deadline = meeting.contribution_deadline.astimezone(meeting.tz)
    new_url = reverse("contributions:draft_create", args=[meeting.pk])

    for role in ["delegate_a", "officer", "secretariat"]:
        client.force_login(roles[role])
        response = client.get(reverse("contributions:mine"))
        content = response.content.decode()

        assert response.context["open_meetings"] == [meeting]
        assert f"{deadline:%-d %B %Y}, 23:59 {deadline:%Z}</time>" in content
        assert "(Europe/Zurich)" in content
        assert "closes in " in content
        # The officer of this group has no organization to contribute for.
        assert (new_url in content) == (role != "officer")


@pytest.mark.parametrize("rows", [1, 3])
def test_mine_query_count_does_not_grow_with_rows(
    client, meeting, delegate_a, org_b, django_assert_num_queries, rows
):
    for number in range(rows):
        make_contribution(
            meeting=meeting, delegate=delegate_a, cosponsors=[org_b], title=f"Doc {number}"
        )
    client.force_login(delegate_a)

    # session, user, memberships, secretariat group, officer roles, co-sponsorship
    # requests, open meetings, the header's group, a page of the documents (not counted),
    # their sources
    with django_assert_num_queries(10):
        response = client.get(reverse("contributions:mine"))

    assert len(response.context["documents"]) == rows


def test_mine_lists_the_documents_a_page_at_a_time(client, monkeypatch, meeting, delegate_a):
    monkeypatch.setattr("contributions.views.member.MY_DOCUMENTS_PER_PAGE", 2)
    for number in range(3):
        make_contribution(meeting=meeting, delegate=delegate_a, title=f"Doc {number}")
    client.force_login(delegate_a)

    first = client.get(reverse("contributions:mine"))
    second = client.get(reverse("contributions:mine"), {"page": 2})

    assert len(first.context["documents"]) == 2
    assert len(second.context["documents"]) == 1
    assert {d.title for d in [*first.context["documents"], *second.context["documents"]]} == {
        "Doc 0",
        "Doc 1",
        "Doc 2",
    }
    assert '<a href="?page=2" rel="next">Next</a>' in first.content.decode()
    # Not counted: no total and no last page, but the way back.
    assert '<span class="current" aria-current="page">Page 2</span>' in second.text
    assert '<a href="?page=1" rel="prev">Previous</a>' in second.text
    assert ">Last</a>" not in second.text
    assert 'rel="next"' not in second.text
    # A page past the end, or no page at all, is the first.
    for page in ["3", "0", "x"]:
        again = client.get(reverse("contributions:mine"), {"page": page})
        assert [d.title for d in again.context["documents"]] == ["Doc 2", "Doc 1"]


def test_mine_lists_the_newest_documents_first(client, meeting, delegate_a):
    for number in range(3):
        make_contribution(meeting=meeting, delegate=delegate_a, title=f"Doc {number}")
    client.force_login(delegate_a)

    response = client.get(reverse("contributions:mine"))

    assert [d.title for d in response.context["documents"]] == ["Doc 2", "Doc 1", "Doc 0"]


@pytest.mark.parametrize("rows", [1, 3])
def test_mine_query_count_for_an_officer_does_not_grow_with_rows(
    client, meeting, delegate_a, officer, django_assert_num_queries, rows
):
    for number in range(rows):
        make_contribution(
            meeting=meeting,
            delegate=delegate_a,
            title=f"Doc {number}",
            status=ContributionStatus.SUBMITTED,
        )
    client.force_login(officer)

    # as above, but no query for documents or co-sponsorship requests of no organization,
    # and then the group's submitted documents and their sources
    with django_assert_num_queries(9):
        response = client.get(reverse("contributions:mine"))

    assert len(response.context["group_documents"]) == rows


# --- New contribution --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("anonymous", "login"),
        ("delegate_a", "form"),
        ("delegate_b", "form"),
        ("officer", "refused"),
        ("secretariat", "form"),
    ],
)
def test_draft_create_page_per_role(client, roles, meeting, role, outcome):
    url = reverse("contributions:draft_create", args=[meeting.pk])

    response = log_in(client, roles[role]).get(url, follow=outcome == "refused")

    if outcome == "login":
        assert response.url == login_url(url)
    elif outcome == "refused":
        assert response.redirect_chain == [(reverse("contributions:mine"), 302)]
        assert messages_of(response) == [
            "Only a delegate of a member organization can make a contribution. If you "
            "represent one, ask the secretariat to add you to its delegation."
        ]
    else:
        assert response.status_code == 200
        assert response.context["group"] == meeting.group
        form = response.context["form"]
        assert form.chooses_organization == (role == "secretariat")


def test_draft_create_refuses_a_closed_meeting_and_404s_an_unknown_one(client, delegate_a, group):
    closed = factories.MeetingFactory(group=group, status=MeetingStatus.CLOSED)
    client.force_login(delegate_a)

    response = client.get(reverse("contributions:draft_create", args=[closed.pk]), follow=True)

    assert response.redirect_chain == [(reverse("contributions:mine"), 302)]
    assert messages_of(response) == [f"{closed} does not take contributions now."]
    missing = client.get(reverse("contributions:draft_create", args=[closed.pk + 100]))
    assert missing.status_code == 404


@pytest.mark.parametrize("upload", [docx_upload, pdf_upload], ids=["docx", "pdf"])
def test_draft_create_saves_the_draft_with_its_file(
    client, meeting, delegate_a, org_a, org_b, upload
):
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_create", args=[meeting.pk]),
        form_data(cosponsors=[org_b.pk], agenda_items=[item.pk], file=upload()),
        follow=True,
    )

    contribution = Contribution.objects.get()
    assert response.redirect_chain == [
        (reverse("contributions:member_detail", args=[contribution.pk]), 302)
    ]
    assert messages_of(response) == ["Your draft is saved. Submit it when it is ready."]
    assert contribution.status == ContributionStatus.DRAFT
    assert contribution.title == "Proposal on Article 5"
    assert contribution.access_level == AccessLevel.MEMBERS
    assert contribution.source_list == [org_a, org_b]
    assert list(contribution.agenda_items.all()) == [item]
    assert contribution.files.get().size == upload().size


def test_draft_create_without_a_file_says_to_attach_it(client, meeting, delegate_a):
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_create", args=[meeting.pk]), form_data(), follow=True
    )

    assert messages_of(response) == ["Your draft is saved. Attach its file, then submit it."]
    assert Contribution.objects.get().files.count() == 0


def test_draft_create_refuses_an_executable_renamed_docx_and_keeps_what_was_typed(
    client, meeting, delegate_a
):
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_create", args=[meeting.pk]),
        form_data(title="Typed title", file=SimpleUploadedFile("proposal.docx", EXECUTABLE)),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == [
        "“proposal.docx” is named .docx but its content is not a DOCX document."
    ]
    assert form["title"].value() == "Typed title"
    assert 'value="Typed title"' in response.content.decode()
    assert messages_of(response) == [
        "Nothing was saved yet. Correct what is marked and choose the file again."
    ]
    assert Contribution.objects.count() == 0


def test_draft_create_refuses_an_oversized_file(client, meeting, delegate_a, settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 2048
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_create", args=[meeting.pk]),
        form_data(file=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2100)),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 2.1 KB; files up to 2 KB are accepted."
    ]
    assert Contribution.objects.count() == 0


def test_secretariat_creates_a_draft_for_any_organization(client, meeting, secretariat, org_b):
    client.force_login(secretariat)

    client.post(
        reverse("contributions:draft_create", args=[meeting.pk]),
        form_data(organization=org_b.pk, kind=ContributionKind.ADMINISTRATIVE),
    )

    contribution = Contribution.objects.get()
    assert contribution.source_list == [org_b]
    assert contribution.kind == ContributionKind.ADMINISTRATIVE


# --- The document's page -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status_code", "actions"),
    [
        ("anonymous", 302, None),
        ("delegate_a", 200, ["edit", "submit", "withdraw"]),
        ("delegate_b", 404, None),
        ("officer", 404, None),
        ("secretariat", 200, ["edit", "submit", "withdraw"]),
    ],
)
def test_member_detail_of_a_draft_per_role(client, roles, draft, role, status_code, actions):
    url = reverse("contributions:member_detail", args=[draft.pk])

    response = log_in(client, roles[role]).get(url)

    assert response.status_code == status_code
    if role == "anonymous":
        assert response.url == login_url(url)
    if actions is not None:
        assert available_actions(response) == actions
        content = response.content.decode()
        assert '<span class="badge status-draft">Draft</span>' in content
        assert draft.files.get().get_absolute_url() in content


def available_actions(response):
    return [name for name in ["edit", "submit", "withdraw"] if response.context[f"may_{name}"]]


@pytest.mark.parametrize(
    ("role", "status_code", "actions"),
    [
        ("anonymous", 302, None),
        ("delegate_a", 200, ["withdraw"]),
        ("delegate_b", 404, None),
        ("officer", 200, []),
        ("secretariat", 200, ["withdraw"]),
    ],
)
def test_member_detail_of_a_submitted_document_per_role(
    client, roles, submitted, role, status_code, actions
):
    response = log_in(client, roles[role]).get(
        reverse("contributions:member_detail", args=[submitted.pk])
    )

    assert response.status_code == status_code
    if actions is not None:
        assert available_actions(response) == actions
        history = [
            (change.from_status, change.to_status) for change in response.context["status_changes"]
        ]
        assert history == [(ContributionStatus.DRAFT, ContributionStatus.SUBMITTED)]
        content = response.content.decode()
        assert "<td>Draft → Submitted</td>" in content
        assert (reverse("contributions:draft_submit", args=[submitted.pk]) in content) is False


def test_member_detail_of_a_published_document_links_to_its_public_page(
    client, meeting, delegate_a, secretariat
):
    published = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
    )
    client.force_login(delegate_a)

    content = client.get(reverse("contributions:member_detail", args=[published.pk])).content

    assert (
        f'<a href="{published.get_absolute_url()}">EG-ITRs {meeting.ordinal}/1</a>'
        in content.decode()
    )


def test_member_detail_shows_earlier_files_to_the_secretariat_only(
    client, draft, delegate_a, secretariat
):
    services.add_file(
        contribution=draft, upload=pdf_upload(), language=Language.ENGLISH, by=delegate_a
    )

    for user, earlier in [(delegate_a, None), (secretariat, ["contribution.docx"])]:
        client.force_login(user)
        response = client.get(reverse("contributions:member_detail", args=[draft.pk]))
        assert [file.extension for file in response.context["files"]] == [".pdf"]
        listed = response.context["earlier_files"]
        assert (None if listed is None else [file.original_name for file in listed]) == earlier


# --- Editing a draft ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 302),
        ("delegate_a", 200),
        ("delegate_b", 404),
        ("officer", 404),
        ("secretariat", 200),
    ],
)
def test_draft_edit_page_per_role(client, roles, draft, role, status_code):
    url = reverse("contributions:draft_edit", args=[draft.pk])

    response = log_in(client, roles[role]).get(url)

    assert response.status_code == status_code
    if status_code == 200:
        assert response.context["form"]["title"].value() == "Draft of A"


def test_draft_edit_of_a_submitted_document_is_refused_with_a_message(
    client, submitted, delegate_a, officer
):
    detail = reverse("contributions:member_detail", args=[submitted.pk])

    for user in [delegate_a, officer]:
        client.force_login(user)
        response = client.get(
            reverse("contributions:draft_edit", args=[submitted.pk]), follow=True
        )
        assert response.redirect_chain == [(detail, 302)]
        assert messages_of(response) == [
            "Only a draft can be changed, by its submitter's delegates."
        ]


def test_draft_edit_saves_the_changes_and_a_new_file(client, draft, delegate_a, org_b):
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_edit", args=[draft.pk]),
        edit_data(draft, title="Better title", cosponsors=[org_b.pk], file=pdf_upload()),
        follow=True,
    )

    assert messages_of(response) == ["Your changes are saved."]
    draft.refresh_from_db()
    assert draft.title == "Better title"
    assert [org.name for org in draft.source_list] == ["Member State A", "Member State B"]
    assert [file.extension for file in draft.files.current()] == [".pdf"]
    assert draft.files.count() == 2


def test_stale_edit_is_refused_then_accepted(client, draft, delegate_a, secretariat):
    client.force_login(delegate_a)
    url = reverse("contributions:draft_edit", args=[draft.pk])
    loaded = client.get(url).context["form"]["updated_at"].value()
    services.update_draft(
        contribution=draft,
        by=secretariat,
        title="The secretariat's title",
        abstract="",
        kind=ContributionKind.CONTRIBUTION,
        original_language=Language.ENGLISH,
        cosponsors=[],
        agenda_items=[],
    )

    refused = client.post(url, form_data(title="My title", updated_at=loaded))

    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.non_field_errors() == [
        "Someone changed this draft after you opened it. Your changes were not saved: check "
        "the draft in another tab, then save again to overwrite it."
    ]
    assert form["title"].value() == "My title"
    draft.refresh_from_db()
    assert draft.title == "The secretariat's title"

    accepted = client.post(url, form_data(title="My title", updated_at=form["updated_at"].value()))

    assert accepted.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "My title"


# --- Submitting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status_code", "submitted_now"),
    [
        ("anonymous", 302, False),
        ("delegate_a", 302, True),
        ("delegate_b", 404, False),
        ("officer", 404, False),
        ("secretariat", 302, True),
    ],
)
def test_draft_submit_per_role(
    client,
    roles,
    draft,
    mailoutbox,
    django_capture_on_commit_callbacks,
    role,
    status_code,
    submitted_now,
):
    url = reverse("contributions:draft_submit", args=[draft.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = log_in(client, roles[role]).post(url)

    assert response.status_code == status_code
    if role == "anonymous":
        assert response.url == login_url(url)
    draft.refresh_from_db()
    expected = ContributionStatus.SUBMITTED if submitted_now else ContributionStatus.DRAFT
    assert draft.status == expected
    # One message to the submitter, one to the secretariat.
    assert len(mailoutbox) == (2 if submitted_now else 0)


def test_submit_shows_the_document_as_submitted_and_tells_the_secretariat(
    client, draft, delegate_a, mailoutbox, settings, django_capture_on_commit_callbacks
):
    client.force_login(delegate_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contributions:draft_submit", args=[draft.pk]), follow=True)

    assert messages_of(response) == ["Submitted to the secretariat, in time."]
    assert response.context["contribution"].status == ContributionStatus.SUBMITTED
    assert '<span class="badge status-submitted">Submitted</span>' in response.content.decode()
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [delegate_a.email, settings.SECRETARIAT_EMAIL]
    )
    assert mailoutbox[0].subject == "Submitted: Draft of A"


def test_submit_after_the_deadline_says_it_is_late(client, meeting, draft, delegate_a):
    meeting.contribution_deadline = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    client.force_login(delegate_a)

    response = client.post(reverse("contributions:draft_submit", args=[draft.pk]), follow=True)

    assert messages_of(response) == [
        "Submitted to the secretariat. It arrived after the contribution deadline and is "
        "marked late."
    ]
    assert response.context["contribution"].is_late is True


def test_submit_without_a_file_is_refused_with_the_reason(client, meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:draft_submit", args=[contribution.pk]), follow=True
    )

    assert response.redirect_chain == [
        (reverse("contributions:member_detail", args=[contribution.pk]), 302)
    ]
    assert messages_of(response) == ["Attach the document's file before submitting it."]
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DRAFT


def test_submit_twice_is_refused_with_the_reason(client, submitted, delegate_a):
    client.force_login(delegate_a)

    response = client.post(reverse("contributions:draft_submit", args=[submitted.pk]), follow=True)

    assert messages_of(response) == ["A submitted document cannot become submitted."]


def test_submit_answers_get_with_405(client, draft, delegate_a):
    client.force_login(delegate_a)

    response = client.get(reverse("contributions:draft_submit", args=[draft.pk]))

    assert response.status_code == 405


# --- Withdrawing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 302),
        ("delegate_a", 200),
        ("delegate_b", 404),
        ("officer", 404),
        ("secretariat", 200),
    ],
)
def test_withdraw_confirmation_page_per_role(client, roles, draft, role, status_code):
    response = log_in(client, roles[role]).get(reverse("contributions:withdraw", args=[draft.pk]))

    assert response.status_code == status_code
    if status_code == 200:
        assert "Withdraw “Draft of A”?" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ContributionStatus.DRAFT


def test_withdraw_records_the_note(client, draft, delegate_a):
    client.force_login(delegate_a)

    response = client.post(
        reverse("contributions:withdraw", args=[draft.pk]),
        {"note": "Merged into a joint proposal."},
        follow=True,
    )

    assert messages_of(response) == ["The document is withdrawn."]
    draft.refresh_from_db()
    assert draft.status == ContributionStatus.WITHDRAWN
    change = draft.status_changes.get()
    assert (change.to_status, change.by, change.note) == (
        ContributionStatus.WITHDRAWN,
        delegate_a,
        "Merged into a joint proposal.",
    )
    assert response.context["may_withdraw"] is False


def test_officer_may_read_but_not_withdraw_a_submitted_document(client, submitted, officer):
    client.force_login(officer)
    url = reverse("contributions:withdraw", args=[submitted.pk])

    response = client.post(url, {"note": ""}, follow=True)

    assert messages_of(response) == ["You may not withdraw this document."]
    submitted.refresh_from_db()
    assert submitted.status == ContributionStatus.SUBMITTED


# --- Not disclosed to others -------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "member_detail"),
        ("get", "draft_edit"),
        ("post", "draft_edit"),
        ("post", "draft_submit"),
        ("get", "withdraw"),
        ("post", "withdraw"),
    ],
)
def test_another_organizations_delegate_gets_404_on_every_url(
    client, draft, delegate_b, method, name
):
    client.force_login(delegate_b)

    response = getattr(client, method)(reverse(f"contributions:{name}", args=[draft.pk]))

    assert response.status_code == 404
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (ContributionStatus.DRAFT, "Draft of A")


def test_secretariat_marks_a_contribution_requested_in_the_form(
    client, meeting, secretariat, org_a
):
    client.force_login(secretariat)

    page = client.get(reverse("contributions:draft_create", args=[meeting.pk]))
    client.post(
        reverse("contributions:draft_create", args=[meeting.pk]),
        form_data(organization=org_a.pk, is_requested="on"),
    )

    assert '<label for="id_is_requested">Requested contribution</label>' in page.content.decode()
    assert Contribution.objects.get().is_requested is True


def test_a_delegate_is_not_offered_the_requested_checkbox(client, meeting, delegate_a):
    client.force_login(delegate_a)

    page = client.get(reverse("contributions:draft_create", args=[meeting.pk]))
    client.post(
        reverse("contributions:draft_create", args=[meeting.pk]), form_data(is_requested="on")
    )

    assert "is_requested" not in page.content.decode()
    assert Contribution.objects.get().is_requested is False


def test_times_are_shown_in_the_meetings_time_zone(client, group, delegate_a):
    tokyo = factories.MeetingFactory(group=group, time_zone="Asia/Tokyo")
    submitted = make_contribution(
        meeting=tokyo, delegate=delegate_a, status=ContributionStatus.SUBMITTED
    )
    client.force_login(delegate_a)

    in_tokyo = timezone.localtime(submitted.submitted_at, tokyo.tz)
    shown = f"{in_tokyo:%-d %B %Y, %H:%M} JST"
    page = client.get(reverse("contributions:member_detail", args=[submitted.pk]))
    mine = client.get(reverse("contributions:mine"))

    assert shown in page.content.decode()
    assert f"{in_tokyo:%-d %b %Y, %H:%M} JST" in mine.content.decode()
