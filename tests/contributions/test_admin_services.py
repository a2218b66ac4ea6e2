"""The register's admin writes through the services: drafts, sources, corrections."""

from django.urls import reverse

from contributions.enums import ContributionKind, ContributionStatus, Language, SourceConfirmation
from contributions.models import Contribution, Source
from tests.factories import make_contribution

ADD = reverse("admin:contributions_contribution_add")


def change_url(contribution):
    return reverse("admin:contributions_contribution_change", args=[contribution.pk])


def entry(meeting, submitter, **changes):
    return {
        "meeting": meeting.pk,
        "submitter": submitter.pk,
        "cosponsors": [],
        "kind": ContributionKind.CONTRIBUTION,
        "title": "Proposal on numbering resources",
        "abstract": "Why and how.",
        "original_language": Language.ENGLISH,
        "access_level": "public",
        "amendment_kind": "",
        **changes,
    }


def test_the_add_page_makes_a_draft_through_the_service(
    client, secretariat, meeting, org_a, org_b
):
    client.force_login(secretariat)

    response = client.post(ADD, entry(meeting, org_a, cosponsors=[org_b.pk]))

    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert (contribution.status, contribution.submitted_by) == (
        ContributionStatus.DRAFT,
        secretariat,
    )
    assert [
        (s.organization, s.confirmation, s.confirmed_by) for s in contribution.sources.all()
    ] == [
        (org_a, SourceConfirmation.CONFIRMED, secretariat),
        (org_b, SourceConfirmation.PENDING, None),
    ]
    assert contribution.history.get().history_user == secretariat


def test_the_add_page_needs_the_submitting_organization(client, secretariat, meeting, org_a):
    client.force_login(secretariat)

    response = client.post(ADD, {**entry(meeting, org_a), "submitter": ""})

    assert response.context["adminform"].form.errors == {"submitter": ["This field is required."]}
    assert Contribution.objects.count() == 0


def test_a_meeting_that_takes_no_contributions_is_refused_on_the_add_page(
    client, secretariat, meeting, org_a
):
    meeting.status = "held"
    meeting.save()
    client.force_login(secretariat)

    response = client.post(ADD, entry(meeting, org_a))

    assert response.context["adminform"].form.errors == {
        "meeting": [f"{meeting} does not take contributions now."]
    }
    assert Contribution.objects.count() == 0


def test_sources_are_shown_not_edited(client, secretariat, meeting, delegate_a, org_b):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b])
    client.force_login(secretariat)

    page = client.get(change_url(contribution))

    formsets = {f.formset.prefix: f for f in page.context["inline_admin_formsets"]}
    sources = formsets["sources"]
    assert (sources.has_add_permission, sources.has_change_permission) == (False, False)


def test_publication_fixes_what_the_document_says(client, secretariat, meeting, delegate_a):
    published = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
    )
    client.force_login(secretariat)

    form = client.get(change_url(published)).context["adminform"].form

    assert {"title", "abstract", "kind", "meeting", "original_language"}.isdisjoint(form.fields)
    assert "access_level" in form.fields


def test_a_correction_is_its_own_recorded_act(client, secretariat, meeting, delegate_a):
    published = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        title="Proposal for the work plna",
    )
    url = reverse("admin:contributions_contribution_correct", args=[published.pk])
    client.force_login(secretariat)

    refused = client.post(
        url, {"title": "Proposal for the work plan", "abstract": "", "reason": ""}
    )
    response = client.post(
        url,
        {
            "title": "Proposal for the work plan",
            "abstract": published.abstract,
            "reason": "Typing error in the title.",
        },
    )

    assert refused.context["form"].errors == {"reason": ["This field is required."]}
    assert response["Location"] == change_url(published)
    corrected = Contribution.objects.get()
    assert (corrected.title, corrected.number) == ("Proposal for the work plan", 1)
    last, before = corrected.history.order_by("-history_id")[:2]
    assert (last.title, last.history_change_reason, last.history_user) == (
        "Proposal for the work plan",
        "Typing error in the title.",
        secretariat,
    )
    assert before.title == "Proposal for the work plna"
    assert Source.objects.filter(contribution=corrected).count() == 1
