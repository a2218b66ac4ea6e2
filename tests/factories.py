"""Factories for the tests: plain rows here, workflow states through the services."""

import datetime
import functools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contributions import services
from contributions.enums import (
    ContributionKind,
    ContributionStatus,
    Language,
    SourceConfirmation,
)
from egitrs.sample_documents import docx_bytes, pdf_bytes
from meetings.enums import MeetingStatus, OfficerRole
from meetings.models import AgendaItem, ExpertGroup, Meeting, Officer
from members import services as member_services
from members.enums import OrganizationKind
from members.models import Membership, Organization
from members.rules import SECRETARIAT_GROUP, has_authenticator


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def authenticator(user, create, extracted, **kwargs):
        """Staff accounts have set up an authenticator app, as the site requires of them
        (`authenticator=False`: not yet); others when `authenticator=True`."""
        wanted = user.is_staff if extracted is None else extracted
        if create and wanted and not has_authenticator(user):
            member_services.confirm_two_factor(member_services.start_two_factor(user))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Member State {n}")
    kind = OrganizationKind.MEMBER_STATE


class DelegateFactory(UserFactory):
    """A user who is an active delegate of `organization` (a new one when not given)."""

    @factory.post_generation
    def organization(user, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(
                user=user, organization=extracted or OrganizationFactory()
            )


class SecretariatUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])


class ExpertGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertGroup
        django_get_or_create = ("acronym",)

    acronym = "EG-ITRs"
    name = "Expert Group on the International Telecommunication Regulations"
    slug = factory.LazyAttribute(lambda group: group.acronym.lower())
    references = "Resolution 146 (Rev. Bucharest, 2022)\nCouncil Resolution 1379 (Mod. 2023)"


class OfficerUserFactory(UserFactory):
    """A user who chairs `group`, with no organization membership of their own."""

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if create:
            Officer.objects.get_or_create(
                group=extracted or ExpertGroupFactory(),
                user=user,
                defaults={"name": "Chair", "role": OfficerRole.CHAIR},
            )


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting open for contributions, a month from now, deadline not yet passed."""

    class Meta:
        model = Meeting

    group = factory.SubFactory(ExpertGroupFactory)
    ordinal = factory.Sequence(lambda n: n + 1)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda meeting: meeting.start_date + datetime.timedelta(1))
    venue = "ITU Headquarters"
    city = "Geneva"
    country = "Switzerland"
    status = MeetingStatus.OPEN


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Agenda item {n + 1}")
    order = factory.Sequence(lambda n: n)


@functools.cache
def docx_content(title):
    """A small DOCX holding `title`: python-docx takes tens of milliseconds to write one and
    writes the same bytes for the same text, so each title is written once per run."""
    return docx_bytes(title, ["Proposal."])


def docx_upload(name="contribution.docx", title="A contribution"):
    return SimpleUploadedFile(
        name,
        docx_content(title),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf_upload(name="contribution.pdf", title="A contribution"):
    return SimpleUploadedFile(
        name, pdf_bytes(title, ["Proposal."]), content_type="application/pdf"
    )


def make_contribution(
    *,
    meeting,
    delegate,
    organization=None,
    status=ContributionStatus.DRAFT,
    secretariat=None,
    title="Proposal for the work plan",
    kind=ContributionKind.CONTRIBUTION,
    cosponsors=(),
    access_level=None,
    with_file=True,
    agenda_items=(),
):
    """A contribution brought to `status` the way users do it, through the services."""
    if organization is None:
        organization = delegate.memberships.get().organization
    contribution = services.create_draft(
        meeting=meeting,
        organization=organization,
        by=delegate,
        title=title,
        abstract="What the contribution proposes.",
        kind=kind,
        original_language=Language.ENGLISH,
        access_level=access_level,
        cosponsors=cosponsors,
        agenda_items=agenda_items,
        upload=docx_upload() if with_file else None,
    )
    if status == ContributionStatus.DRAFT:
        return contribution
    if status == ContributionStatus.WITHDRAWN and secretariat is None:
        return services.withdraw_contribution(contribution=contribution, by=delegate)
    contribution = services.submit_contribution(contribution=contribution, by=delegate)
    if status == ContributionStatus.SUBMITTED:
        return contribution
    secretariat = secretariat or SecretariatUserFactory(username="publisher")
    # Co-sponsors confirm before publication; here the secretariat records it for them.
    for source in contribution.sources.filter(confirmation=SourceConfirmation.PENDING):
        services.override_cosponsorship(
            source=source, by=secretariat, reason="Confirmed by letter."
        )
    contribution = services.publish_contribution(contribution=contribution, by=secretariat)
    if status == ContributionStatus.WITHDRAWN:
        contribution = services.withdraw_contribution(contribution=contribution, by=secretariat)
    return contribution


def publish_document(
    meeting,
    *,
    delegate,
    secretariat,
    title="Proposal",
    language=Language.ENGLISH,
    base=None,
    amendment_kind="",
    extra_files=(),
    withdraw=False,
    requested=False,
    upload=None,
    **fields,
):
    """Publish a document through the services, the way delegates and the secretariat do.

    With `base`, the document is an amendment of it (`amendment_kind`): started from the
    base, then given its own title, text and file. Co-sponsors confirm (the secretariat
    records it) before publication, which waits for them. `upload` is the file of its
    original language (a small DOCX otherwise).
    """
    by = secretariat if requested else delegate
    if base is None:
        draft = services.create_draft(
            meeting=meeting,
            organization=delegate.memberships.get().organization,
            by=by,
            title=title,
            abstract=f"About {title}.",
            kind=fields.pop("kind", ContributionKind.CONTRIBUTION),
            original_language=language,
            upload=upload or docx_upload(),
            is_requested=requested,
            **fields,
        )
    else:
        draft = services.start_amendment(base=base, kind=amendment_kind, by=by)
        draft = services.update_draft(
            contribution=draft,
            by=by,
            title=title,
            abstract=f"About {title}.",
            kind=fields.pop("kind", draft.kind),
            original_language=language,
            cosponsors=fields.pop("cosponsors", ()),
            agenda_items=fields.pop("agenda_items", ()),
            upload=upload or docx_upload(),
            is_requested=requested,
            **fields,
        )
    for file_language, upload in extra_files:
        services.add_file(contribution=draft, upload=upload, language=file_language, by=delegate)
    for source in draft.sources.filter(confirmation=SourceConfirmation.PENDING):
        services.override_cosponsorship(source=source, by=secretariat, reason="By letter.")
    services.submit_contribution(contribution=draft, by=delegate)
    document = services.publish_contribution(contribution=draft, by=secretariat)
    if withdraw:
        document = services.withdraw_contribution(contribution=document, by=secretariat)
    return document
