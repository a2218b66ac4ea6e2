"""The secretariat's register in the Django admin: pages, actions, and what it refuses."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from contributions import services
from contributions.admin.register import ContributionAdmin
from contributions.enums import ContributionStatus
from contributions.models import Contribution, StatusChange
from tests import factories
from tests.factories import make_contribution

DRAFT = ContributionStatus.DRAFT
SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
WITHDRAWN = ContributionStatus.WITHDRAWN
CHANGELIST = "admin:contributions_contribution_changelist"


@pytest.fixture
def submitted(meeting, delegate_a):
    return make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)


@pytest.fixture
def published(meeting, delegate_a, secretariat):
    return make_contribution(
        meeting=meeting, delegate=delegate_a, status=PUBLISHED, secretariat=secretariat
    )


def cosponsored(*, meeting, delegate, cosponsor_delegate, secretariat, status, **kwargs):
    """A document co-sponsored by `cosponsor_delegate`'s organization, which confirms."""
    cosponsor = cosponsor_delegate.memberships.get().organization
    moved_on = status in (PUBLISHED, WITHDRAWN)
    contribution = make_contribution(
        meeting=meeting,
        delegate=delegate,
        status=SUBMITTED if moved_on else status,
        cosponsors=[cosponsor],
        **kwargs,
    )
    if moved_on:
        source = contribution.sources.get(organization=cosponsor)
        services.confirm_cosponsorship(source=source, by=cosponsor_delegate)
        contribution = services.publish_contribution(contribution=contribution, by=secretariat)
    if status == WITHDRAWN:
        contribution = services.withdraw_contribution(contribution=contribution, by=secretariat)
    return contribution


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _action(client, action, contributions, **data):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in contributions], **data},
    )


def _pages(contribution):
    return [
        reverse(CHANGELIST),
        reverse("admin:contributions_contribution_add"),
        reverse("admin:contributions_contribution_change", args=[contribution.pk]),
        reverse("admin:contributions_contribution_history", args=[contribution.pk]),
        reverse("admin:contributions_contribution_export"),
        reverse("admin:contributions_contribution_import"),
    ]


@pytest.mark.parametrize("status", [DRAFT, SUBMITTED, PUBLISHED, WITHDRAWN])
def test_secretariat_opens_every_page_of_the_register(
    client, secretariat, meeting, delegate_a, status
):
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=status, secretariat=secretariat
    )
    client.force_login(secretariat)
    pages = _pages(contribution)

    assert [client.get(url).status_code for url in pages] == [200] * len(pages)


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_are_sent_to_the_admin_login(client, roles, submitted, role):
    if roles[role]:
        client.force_login(roles[role])
    pages = _pages(submitted)

    responses = [client.get(url) for url in pages]

    assert [response["Location"] for response in responses] == [
        f"{reverse('admin:login')}?next={url}" for url in pages
    ]


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "officer"])
def test_others_cannot_publish_from_the_admin(client, roles, submitted, role):
    if roles[role]:
        client.force_login(roles[role])
    url = reverse("admin:contributions_contribution_publish", args=[submitted.pk])

    response = client.post(url)

    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    submitted.refresh_from_db()
    assert (submitted.status, submitted.number) == (SUBMITTED, None)


def test_changelist_shows_the_register(client, secretariat, meeting, delegate_a, delegate_b):
    cosponsored(
        meeting=meeting,
        delegate=delegate_a,
        cosponsor_delegate=delegate_b,
        status=PUBLISHED,
        secretariat=secretariat,
        title="Work plan",
    )
    client.force_login(secretariat)

    response = client.get(reverse(CHANGELIST))

    row = response.context["cl"].result_list[0]
    assert response.context["cl"].result_count == 1
    assert row.register_number == f"EG-ITRs {meeting.ordinal}/1"
    assert (
        f'<th class="field-register_number_display"><a href="'
        f'{reverse("admin:contributions_contribution_change", args=[row.pk])}">'
        f"EG-ITRs {meeting.ordinal}/1</a></th>"
    ) in response.text
    assert '<td class="field-sources_display">Member State A; Member State B</td>' in (
        response.text
    )


@pytest.mark.parametrize("rows", [1, 4])
def test_changelist_query_count(
    client, secretariat, meeting, delegate_a, delegate_b, django_assert_num_queries, rows
):
    statuses = [PUBLISHED, SUBMITTED, DRAFT, WITHDRAWN]
    for n in range(rows):
        cosponsored(
            meeting=meeting,
            delegate=delegate_a,
            cosponsor_delegate=delegate_b,
            status=statuses[n],
            secretariat=secretariat,
        )
    client.force_login(secretariat)

    # One of them asks whether the user is the secretariat, for the access policy; one
    # loads the authenticator that passed the second step of the sign-in; one the groups
    # of the group filter; the register is counted once (the page's count), not again
    # unfiltered.
    with django_assert_num_queries(11):
        response = client.get(reverse(CHANGELIST))

    assert response.context["cl"].result_count == rows


def test_a_register_past_the_paginators_cap_is_counted_on_sqlite_and_estimated_on_postgresql(
    client, secretariat, meeting, delegate_a, monkeypatch
):
    monkeypatch.setattr("egitrs.paging.EstimatedPaginator.cap", 2)
    monkeypatch.setattr(ContributionAdmin, "list_per_page", 2)
    for title in ["First", "Second", "Third"]:
        make_contribution(meeting=meeting, delegate=delegate_a, title=title)
    client.force_login(secretariat)

    response = client.get(reverse(CHANGELIST))
    filtered = client.get(reverse(CHANGELIST), {"title": "none"})

    changelist = response.context["cl"]
    paginator = changelist.paginator
    if connection.vendor == "postgresql":
        assert (paginator.estimated, changelist.result_count >= 3) == (True, True)
        assert f"About {changelist.result_count} contributions" in response.text
        assert f"Select all the documents found (about {changelist.result_count})" in response.text
    else:
        assert (paginator.estimated, changelist.result_count) == (False, 3)
        assert "\n3 contributions\n" in response.text
        assert "Select all 3 contributions" in response.text
        assert "3 results" in response.text
    # Up to the cap, a count is exact.
    assert (filtered.context["cl"].paginator.estimated, filtered.context["cl"].result_count) == (
        False,
        0,
    )


def test_changelist_sorts_by_register_number(client, secretariat, meeting, delegate_a):
    for title in ["First", "Second", "Third"]:
        make_contribution(
            meeting=meeting,
            delegate=delegate_a,
            status=PUBLISHED,
            secretariat=secretariat,
            title=title,
        )
    client.force_login(secretariat)

    response = client.get(reverse(CHANGELIST), {"o": "-1"})

    assert [c.title for c in response.context["cl"].result_list] == ["Third", "Second", "First"]


def test_publish_action_numbers_in_submission_order(
    client, secretariat, meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    documents = [
        make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED, title=title)
        for title in ["First", "Second", "Third"]
    ]
    client.force_login(secretariat)
    prefix = f"EG-ITRs {meeting.ordinal}"

    asked = _action(client, "publish_selected", reversed(documents))
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(client, "publish_selected", reversed(documents), apply="1")

    assert [str(obj) for obj in asked.context["objects"]] == [
        f"<strong>Unnumbered</strong>: {title} (Submitted)"
        for title in ["First", "Second", "Third"]
    ]
    assert "It cannot be undone: a published document stays in the register" in asked.text
    assert response.status_code == 302
    assert list(Contribution.objects.order_by("pk").values_list("title", "status", "number")) == [
        ("First", PUBLISHED, 1),
        ("Second", PUBLISHED, 2),
        ("Third", PUBLISHED, 3),
    ]
    assert _messages(response) == [
        f"“First” is published as {prefix}/1.",
        f"“Second” is published as {prefix}/2.",
        f"“Third” is published as {prefix}/3.",
    ]
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]] * 3


def test_publish_action_refuses_a_draft_and_goes_on_with_the_others(
    client, secretariat, meeting, delegate_a, submitted
):
    draft = make_contribution(meeting=meeting, delegate=delegate_a, title="Still a draft")
    client.force_login(secretariat)

    response = _action(client, "publish_selected", [draft, submitted], apply="1")

    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert (draft.status, draft.number, draft.status_changes.count()) == (DRAFT, None, 0)
    assert (submitted.status, submitted.number) == (PUBLISHED, 1)
    assert _messages(response) == [
        f"“{submitted.title}” is published as EG-ITRs {meeting.ordinal}/1.",
        "“Still a draft” was not published: A draft document cannot become published.",
    ]


def test_return_action_asks_for_a_reason_first(client, secretariat, submitted):
    client.force_login(secretariat)

    response = _action(client, "return_selected", [submitted])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/form_page.html"
    assert list(response.context["contributions"]) == [submitted]
    assert '<textarea name="reason"' in response.text
    submitted.refresh_from_db()
    assert submitted.status == SUBMITTED


def test_return_action_requires_the_reason(client, secretariat, submitted, mailoutbox):
    client.force_login(secretariat)

    response = _action(client, "return_selected", [submitted], apply="1", reason="  ")

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    submitted.refresh_from_db()
    assert submitted.status == SUBMITTED
    assert mailoutbox == []


def test_return_action_records_the_reason_and_mails_the_submitter(
    client, secretariat, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = _action(
            client, "return_selected", [submitted], apply="1", reason="Add the annex."
        )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == DRAFT
    change = submitted.status_changes.last()
    assert (change.from_status, change.to_status, change.by, change.note) == (
        SUBMITTED,
        DRAFT,
        secretariat,
        "Add the annex.",
    )
    assert _messages(response) == [f"“{submitted.title}” is returned to its submitter."]
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]]
    assert "Add the annex." in mailoutbox[0].body


def test_return_action_refuses_a_published_document(client, secretariat, published):
    client.force_login(secretariat)

    response = _action(client, "return_selected", [published], apply="1", reason="Typo.")

    published.refresh_from_db()
    assert (published.status, published.number) == (PUBLISHED, 1)
    assert _messages(response) == [
        f"“{published.title}” was not returned: A published document cannot become draft."
    ]


def test_withdraw_action_with_an_optional_note(client, secretariat, published, submitted):
    client.force_login(secretariat)

    response = _action(client, "withdraw_selected", [published, submitted], apply="1", note="")

    assert response.status_code == 302
    published.refresh_from_db()
    submitted.refresh_from_db()
    assert (published.status, published.number) == (WITHDRAWN, 1)
    assert (submitted.status, submitted.number) == (WITHDRAWN, None)
    assert list(
        StatusChange.objects.filter(to_status=WITHDRAWN).values_list("by__username", "note")
    ) == [("secretariat", ""), ("secretariat", "")]


def test_publish_button_on_the_change_page(client, secretariat, submitted, meeting):
    client.force_login(secretariat)
    change_url = reverse("admin:contributions_contribution_change", args=[submitted.pk])
    publish_url = reverse("admin:contributions_contribution_publish", args=[submitted.pk])

    page = client.get(change_url)
    asked = client.get(publish_url)
    unchanged = Contribution.objects.get(pk=submitted.pk).status
    response = client.post(publish_url)

    assert f'<a href="{publish_url}">Publish…</a>' in page.text
    assert (asked.status_code, unchanged) == (200, SUBMITTED)
    assert (
        "Publication gives the document the next number of its meeting's register and makes "
        "it readable to whom its access allows (Public)."
    ) in asked.text
    assert response["Location"] == change_url
    submitted.refresh_from_db()
    assert (submitted.status, submitted.number) == (PUBLISHED, 1)
    assert _messages(response) == [
        f"“{submitted.title}” is published as EG-ITRs {meeting.ordinal}/1."
    ]
    assert publish_url not in client.get(change_url).text


def test_publish_button_twice_refuses_the_second_time(client, secretariat, published):
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:contributions_contribution_publish", args=[published.pk])
    )

    published.refresh_from_db()
    assert (published.status, published.number) == (PUBLISHED, 1)
    assert _messages(response) == [
        f"“{published.title}” was not published: A published document cannot become published."
    ]


def test_change_page_shows_status_read_only_and_files_as_links(client, secretariat, published):
    client.force_login(secretariat)
    file = published.files.get()

    response = client.get(reverse("admin:contributions_contribution_change", args=[published.pk]))

    form = response.context["adminform"].form
    assert {"status", "number", "meeting", "base"}.isdisjoint(form.fields)
    file_inline, status_inline = response.context["inline_admin_formsets"][1:]
    assert (file_inline.has_add_permission, file_inline.has_change_permission) == (False, False)
    assert file_inline.has_delete_permission is False
    assert status_inline.has_add_permission is False
    assert f'<a href="{file.get_absolute_url()}">{file.download_name}</a>' in response.text
    assert file.sha256 in response.text


def test_change_page_saves_metadata_but_not_the_status(client, secretariat, submitted):
    client.force_login(secretariat)
    url = reverse("admin:contributions_contribution_change", args=[submitted.pk])
    source = submitted.sources.get()
    data = {
        "meeting": submitted.meeting_id,
        "kind": submitted.kind,
        "title": "A better title",
        "abstract": "",
        "original_language": "fr",
        "access_level": "members",
        "submitted_by": submitted.submitted_by_id,
        "status": PUBLISHED,
        "number": "7",
        "amendment_kind": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "1",
        "sources-0-id": source.pk,
        "sources-0-contribution": submitted.pk,
        "sources-0-order": "0",
        "sources-0-organization": source.organization_id,
        "sources-0-confirmation": source.confirmation,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "1",
        "files-0-id": submitted.files.get().pk,
        "files-0-contribution": submitted.pk,
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "1",
        "status_changes-0-id": submitted.status_changes.get().pk,
        "status_changes-0-contribution": submitted.pk,
    }

    response = client.post(url, data)

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.original_language, submitted.access_level) == (
        "A better title",
        "fr",
        "members",
    )
    assert (submitted.status, submitted.number) == (SUBMITTED, None)


def test_documents_with_a_history_cannot_be_deleted(
    client, secretariat, meeting, delegate_a, submitted
):
    blank_draft = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    with_file = make_contribution(meeting=meeting, delegate=delegate_a)
    client.force_login(secretariat)

    def delete_page(contribution):
        url = reverse("admin:contributions_contribution_delete", args=[contribution.pk])
        return client.get(url).status_code

    assert [delete_page(c) for c in [submitted, with_file, blank_draft]] == [403, 403, 200]
    response = client.get(reverse(CHANGELIST))
    assert [name for name, _label in response.context["action_form"].fields["action"].choices][
        1:
    ] == [
        "publish_selected",
        "return_selected",
        "withdraw_selected",
        "decide_late_selected",
        "request_translations_selected",
    ]


def test_history_cannot_be_reverted(client, secretariat, published):
    client.force_login(secretariat)
    version = published.history.earliest()
    url = reverse(
        "admin:contributions_contribution_simple_history",
        args=[published.pk, version.history_id],
    )

    response = client.post(url, {"title": published.title})

    assert response.status_code == 403
    published.refresh_from_db()
    assert (published.status, published.number) == (PUBLISHED, 1)


def test_secretariat_filters_the_register_by_status(client, secretariat, submitted, published):
    client.force_login(secretariat)

    response = client.get(reverse(CHANGELIST), {"status__exact": "submitted"})

    assert list(response.context["cl"].result_list) == [submitted]


def test_other_meetings_do_not_add_queries_to_the_meeting_filter(
    client, secretariat, submitted, group, django_assert_num_queries
):
    for _n in range(3):
        factories.MeetingFactory(group=group)
    client.force_login(secretariat)

    # (One loads the authenticator that passed the second step of the sign-in.)
    with django_assert_num_queries(11):
        client.get(reverse(CHANGELIST))


def test_the_meeting_filter_waits_for_a_group_when_the_meetings_are_many(
    client, secretariat, submitted, group, monkeypatch
):
    monkeypatch.setattr("meetings.admin.LISTED_MEETINGS", 2)
    other = factories.ExpertGroupFactory(acronym="EG-Other")
    other_meeting = factories.MeetingFactory(group=other)
    client.force_login(secretariat)
    # (A filter of one choice is not shown: two meetings at first, as many as listed.)

    def meetings_listed(**query):
        """The meetings the filter lists (none: the filter is not shown), and the page."""
        response = client.get(reverse(CHANGELIST), query)
        specs = response.context["cl"].filter_specs
        listed = [
            pk
            for spec in specs
            if getattr(spec, "field_path", "") == "meeting"
            for pk, _name in spec.lookup_choices
        ]
        return sorted(listed), response.text

    listed, _page = meetings_listed()
    assert listed == sorted([other_meeting.pk, submitted.meeting_id])
    factories.MeetingFactory(group=group)

    listed, page = meetings_listed()
    assert listed == []
    assert "By meeting" not in page
    second = factories.MeetingFactory(group=other)
    listed, page = meetings_listed(meeting__group__id__exact=other.pk)
    assert listed == [other_meeting.pk, second.pk]
    assert "By meeting" in page


def test_staff_without_the_register_permissions_cannot_export_nor_import(client, submitted):
    client.force_login(factories.UserFactory(username="other-staff", is_staff=True))

    export = client.get(reverse("admin:contributions_contribution_export"))
    import_ = client.get(reverse("admin:contributions_contribution_import"))
    changelist = client.get(reverse(CHANGELIST))

    assert (export.status_code, import_.status_code, changelist.status_code) == (403, 403, 403)


# Co-sponsors: each source's confirmation is read-only; the secretariat confirms by letter.


@pytest.fixture
def awaiting_cosponsor(meeting, delegate_a, org_b):
    return make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b]
    )


def _override_url(source):
    return reverse(
        "admin:contributions_contribution_source_override",
        args=[source.contribution_id, source.pk],
    )


def test_sources_show_their_confirmation_read_only_with_a_link_for_the_pending(
    client, secretariat, awaiting_cosponsor
):
    submitter, cosponsor = awaiting_cosponsor.sources.order_by("order")
    client.force_login(secretariat)

    response = client.get(
        reverse("admin:contributions_contribution_change", args=[awaiting_cosponsor.pk])
    )

    source_inline = response.context["inline_admin_formsets"][0]
    assert {"confirmation", "confirmed_by", "override_reason"}.isdisjoint(
        source_inline.formset.forms[0].fields
    )
    assert response.text.count("Confirm for the organization</a>") == 1
    assert f'<a href="{_override_url(cosponsor)}">Confirm for the organization</a>' in (
        response.text
    )


def test_secretariat_confirms_a_cosponsor_by_letter(
    client, secretariat, awaiting_cosponsor, org_b, mailoutbox, django_capture_on_commit_callbacks
):
    cosponsor = awaiting_cosponsor.sources.get(organization=org_b)
    client.force_login(secretariat)

    page = client.get(_override_url(cosponsor))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _override_url(cosponsor), {"reason": "Confirmed by letter of 12 January."}
        )

    assert page.status_code == 200
    assert "Member State B is named as a co-sponsor; its answer: Pending." in page.text
    assert response["Location"] == reverse(
        "admin:contributions_contribution_change", args=[awaiting_cosponsor.pk]
    )
    cosponsor.refresh_from_db()
    assert (cosponsor.confirmation, cosponsor.confirmed_by, cosponsor.override_reason) == (
        "confirmed",
        secretariat,
        "Confirmed by letter of 12 January.",
    )
    assert _messages(response) == [
        f"Member State B is confirmed as a source of “{awaiting_cosponsor.title}”."
    ]
    assert [message.to for message in mailoutbox] == [["delegate-a@example.org"]]
    change_page = client.get(
        reverse("admin:contributions_contribution_change", args=[awaiting_cosponsor.pk])
    )
    assert "Confirmed by letter of 12 January." in change_page.text
    assert "Confirm for the organization</a>" not in change_page.text


def test_confirming_for_an_organization_needs_a_reason(client, secretariat, awaiting_cosponsor):
    cosponsor = awaiting_cosponsor.sources.get(order=1)
    client.force_login(secretariat)

    response = client.post(_override_url(cosponsor), {"reason": "  "})

    assert response.context["form"].errors == {"reason": ["This field is required."]}
    cosponsor.refresh_from_db()
    assert (cosponsor.confirmation, cosponsor.override_reason) == ("pending", "")


def test_a_confirmed_cosponsor_is_not_confirmed_again(
    client, secretariat, awaiting_cosponsor, delegate_b
):
    cosponsor = awaiting_cosponsor.sources.get(order=1)
    services.confirm_cosponsorship(source=cosponsor, by=delegate_b)
    client.force_login(secretariat)

    response = client.post(_override_url(cosponsor), {"reason": "By letter."})

    assert response.context["form"].non_field_errors() == [
        "Member State B has already confirmed, or the document is closed."
    ]
    cosponsor.refresh_from_db()
    assert (cosponsor.confirmed_by, cosponsor.override_reason) == (delegate_b, "")


def test_a_source_of_another_document_is_404(client, secretariat, awaiting_cosponsor, submitted):
    cosponsor = awaiting_cosponsor.sources.get(order=1)
    client.force_login(secretariat)
    url = reverse(
        "admin:contributions_contribution_source_override", args=[submitted.pk, cosponsor.pk]
    )

    assert client.post(url, {"reason": "By letter."}).status_code == 404
    cosponsor.refresh_from_db()
    assert cosponsor.confirmation == "pending"


@pytest.mark.parametrize("role", ["anonymous", "delegate_a", "delegate_b", "officer"])
def test_others_cannot_confirm_for_an_organization(client, roles, role, awaiting_cosponsor):
    cosponsor = awaiting_cosponsor.sources.get(order=1)
    if roles[role]:
        client.force_login(roles[role])
    url = _override_url(cosponsor)

    response = client.post(url, {"reason": "By letter."})

    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    cosponsor.refresh_from_db()
    assert (cosponsor.confirmation, cosponsor.override_reason) == ("pending", "")


def test_admin_index_links_the_desk(client, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("admin:index"))

    assert f'<a href="{reverse("contributions:desk")}">' in response.text
    assert response.context["app_list"] != []
