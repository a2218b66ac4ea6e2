import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from contributions import services
from contributions.enums import ContributionKind, Language
from contributions.forms import ContributionForm, WithdrawForm
from meetings.enums import AccessLevel
from tests import factories
from tests.factories import docx_upload, make_contribution, pdf_upload

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def form_data(**overrides):
    data = {
        "title": "Proposal on Article 5",
        "abstract": "Amend Article 5.",
        "kind": ContributionKind.CONTRIBUTION,
        "original_language": Language.FRENCH,
        "access_level": AccessLevel.PUBLIC,
    }
    data.update(overrides)
    return data


def test_delegate_of_one_organization_submits_for_it_without_choosing(meeting, delegate_a, org_a):
    form = ContributionForm(user=delegate_a, meeting=meeting)

    assert "organization" not in form.fields
    assert form.submitter == org_a
    assert form.chooses_organization is False
    assert [value for value, _ in form.fields["kind"].choices] == [
        ContributionKind.CONTRIBUTION,
        ContributionKind.INFORMATION,
    ]
    assert [value for value, _ in form.fields["access_level"].choices] == [
        AccessLevel.PUBLIC,
        AccessLevel.MEMBERS,
    ]
    assert form.fields["access_level"].initial == meeting.group.default_access


def test_delegate_may_not_choose_kinds_or_access_reserved_to_the_secretariat(meeting, delegate_a):
    form = ContributionForm(
        form_data(kind=ContributionKind.CHAIR_PROPOSAL, access_level=AccessLevel.SECRETARIAT),
        user=delegate_a,
        meeting=meeting,
    )

    assert form.is_valid() is False
    assert set(form.errors) == {"kind", "access_level"}


def test_access_defaults_to_members_when_the_group_default_is_not_a_delegate_choice(
    meeting, delegate_a
):
    meeting.group.default_access = AccessLevel.SECRETARIAT
    meeting.group.save()

    form = ContributionForm(user=delegate_a, meeting=meeting)

    assert form.fields["access_level"].initial == AccessLevel.MEMBERS


def test_delegate_of_two_organizations_chooses_among_them(meeting, delegate_a, org_a, org_b):
    factories.DelegateFactory(username=delegate_a.username, organization=org_b)
    delegate_a._organization_ids = None
    factories.OrganizationFactory(name="Member State C")

    form = ContributionForm(user=delegate_a, meeting=meeting)

    assert list(form.fields["organization"].queryset) == [org_a, org_b]
    assert form.chooses_organization is True

    bound = ContributionForm(form_data(organization=org_b.pk), user=delegate_a, meeting=meeting)
    assert bound.is_valid(), bound.errors
    assert bound.submitter == org_b


def test_submitter_cannot_also_cosponsor(meeting, delegate_a, org_a, org_b):
    form = ContributionForm(
        form_data(cosponsors=[org_a.pk, org_b.pk]), user=delegate_a, meeting=meeting
    )
    assert org_a not in form.fields["cosponsors"].queryset

    assert form.is_valid() is False
    assert list(form.errors) == ["cosponsors"]


def test_cosponsors_are_the_active_organizations_other_than_the_submitter(
    meeting, delegate_a, org_a, org_b
):
    retired = factories.OrganizationFactory(name="Retired State")
    retired.active = False
    retired.save()

    form = ContributionForm(user=delegate_a, meeting=meeting)

    assert list(form.fields["cosponsors"].queryset) == [org_b]


def test_secretariat_chooses_any_active_organization_kind_and_access(
    meeting, secretariat, org_a, org_b
):
    form = ContributionForm(user=secretariat, meeting=meeting)

    assert list(form.fields["organization"].queryset) == [org_a, org_b]
    assert [value for value, _ in form.fields["kind"].choices] == ContributionKind.values
    assert [value for value, _ in form.fields["access_level"].choices] == AccessLevel.values

    bound = ContributionForm(
        form_data(organization=org_b.pk, kind=ContributionKind.ADMINISTRATIVE),
        user=secretariat,
        meeting=meeting,
    )
    assert bound.is_valid(), bound.errors
    assert bound.submitter == org_b


def test_agenda_items_are_those_of_the_meeting_and_absent_without_any(meeting, delegate_a):
    assert "agenda_items" not in ContributionForm(user=delegate_a, meeting=meeting).fields

    item = factories.AgendaItemFactory(meeting=meeting)
    factories.AgendaItemFactory(meeting=factories.MeetingFactory(group=meeting.group))

    form = ContributionForm(user=delegate_a, meeting=meeting)
    assert list(form.fields["agenda_items"].queryset) == [item]


@pytest.mark.parametrize("upload", [docx_upload, pdf_upload, None], ids=["docx", "pdf", "none"])
def test_a_docx_a_pdf_or_no_file_is_accepted(meeting, delegate_a, upload):
    files = {} if upload is None else {"file": upload()}

    form = ContributionForm(form_data(), files, user=delegate_a, meeting=meeting)

    assert form.is_valid(), form.errors


def test_an_executable_renamed_docx_is_refused_with_a_clear_error(meeting, delegate_a):
    upload = SimpleUploadedFile("proposal.docx", EXECUTABLE)

    form = ContributionForm(form_data(), {"file": upload}, user=delegate_a, meeting=meeting)

    assert form.is_valid() is False
    assert form.errors["file"] == [
        "“proposal.docx” is named .docx but its content is not a DOCX document."
    ]


def test_an_oversized_file_is_refused(meeting, delegate_a, settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 1024

    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1530)

    form = ContributionForm(form_data(), {"file": upload}, user=delegate_a, meeting=meeting)

    assert form.is_valid() is False
    assert form.errors["file"] == ["The file is 1.5 KB; files up to 1 KB are accepted."]


def test_a_refused_file_is_explained_in_the_delegates_language(meeting, delegate_a, settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1530)

    with translation.override("fr"):
        form = ContributionForm(form_data(), {"file": upload}, user=delegate_a, meeting=meeting)
        errors = list(form.errors["file"])

    assert errors == [
        "Le fichier fait 1,5\u00a0Ko\u00a0; les fichiers jusqu'à 1\u00a0Ko sont acceptés."
    ]


def test_edit_starts_from_the_draft_and_keeps_its_submitter(meeting, delegate_a, org_a, org_b):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b])

    form = ContributionForm(user=delegate_a, meeting=meeting, contribution=contribution)

    assert "organization" not in form.fields
    assert form.submitter == org_a
    assert form.initial["title"] == "Proposal for the work plan"
    assert form.initial["cosponsors"] == [org_b]
    assert form.initial["updated_at"] == contribution.updated_at.isoformat()


def test_edit_keeps_a_kind_the_secretariat_chose(meeting, delegate_a, org_a, secretariat):
    contribution = services.create_draft(
        meeting=meeting,
        organization=org_a,
        by=secretariat,
        title="Compilation",
        kind=ContributionKind.COMPILATION,
        original_language=Language.ENGLISH,
    )

    form = ContributionForm(user=delegate_a, meeting=meeting, contribution=contribution)

    assert ContributionKind.COMPILATION in dict(form.fields["kind"].choices)


def test_stale_edit_is_refused_once_then_accepted(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    loaded_at = contribution.updated_at.isoformat()
    contribution.updated_at -= datetime.timedelta(seconds=1)  # what the first tab saw
    stale_stamp = contribution.updated_at.isoformat()
    contribution.updated_at += datetime.timedelta(seconds=1)

    form = ContributionForm(
        form_data(title="My version", updated_at=stale_stamp),
        user=delegate_a,
        meeting=meeting,
        contribution=contribution,
    )

    assert form.is_valid() is False
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    assert form["title"].value() == "My version"
    assert form["updated_at"].value() == loaded_at

    again = ContributionForm(
        form.data, user=delegate_a, meeting=meeting, contribution=contribution
    )
    assert again.is_valid(), again.errors


def test_withdraw_note_is_optional():
    assert WithdrawForm({"note": ""}).is_valid()


def test_only_the_secretariat_is_offered_the_requested_checkbox(
    meeting, delegate_a, secretariat, org_a
):
    delegate_form = ContributionForm(
        form_data(is_requested="on"), user=delegate_a, meeting=meeting
    )
    secretariat_form = ContributionForm(
        form_data(is_requested="on", organization=org_a.pk), user=secretariat, meeting=meeting
    )

    assert delegate_form.is_valid() and secretariat_form.is_valid()
    assert "is_requested" not in delegate_form.fields
    assert "is_requested" not in delegate_form.service_arguments()
    assert secretariat_form.service_arguments()["is_requested"] is True


def test_the_requested_checkbox_starts_from_the_draft(meeting, secretariat, org_a):
    draft = services.create_draft(
        meeting=meeting,
        organization=org_a,
        by=secretariat,
        title="Asked by the chair",
        kind=ContributionKind.CONTRIBUTION,
        original_language=Language.ENGLISH,
        is_requested=True,
    )

    form = ContributionForm(user=secretariat, meeting=meeting, contribution=draft)

    assert form["is_requested"].value() is True
