"""The demo data: the EG-ITRs story of the seed progress report, plus an account per role.

Everything is replayed through the services, as the secretariat and the delegates did it
at the time: each step passes the moment it happened (`at=`), so the register shows the
real dates and nothing is flagged late that was not; and none sends mail (`notify=False`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from contributions import services
from contributions.enums import AmendmentKind, ContributionKind, Language, SourceConfirmation
from contributions.files import DOCX, PDF
from egitrs.sample_documents import docx_bytes, pdf_bytes
from meetings import services as meeting_services
from meetings.enums import AccessLevel, MeetingFormat, MeetingStatus, OfficerRole, RegistrationRole
from meetings.models import ExpertGroup
from members.enums import OrganizationKind
from members.models import Membership, Organization
from members.resources import import_member_states
from members.rules import SECRETARIAT_GROUP
from proceedings import services as proceedings_services
from proceedings.demo_text import (  # noqa: F401
    ACTION_REQUIRED,
    BRAZIL,
    CONCLUSIONS,
    DEMO_FILE_NOTE,
    FINANCIAL_IMPLICATIONS,
    GENEVA,
    GROUP_SLUG,
    INDIA,
    LOGINS,
    MANDATE,
    NO_CONSENSUS,
    PASSWORD,
    PURPOSE,
    REFERENCES,
    REPORTS_TO_COUNCIL,
    RUSSIA,
    SECRETARIAT_ORGANIZATION,
    SECTOR_MEMBER,
    STATEMENT_TEXT,
    STATEMENT_TITLE,
    STRATEGIC_PLAN_LINKS,
    TERMS_OF_REFERENCE,
    TERMS_OF_REFERENCE_INTRO,
    TRANSLATED_TITLES,
    TRANSLATION_DEADLINE_DAYS,
    UNDERSTANDING,
)
from proceedings.enums import (
    Outcome,
    WorkPlanItemStatus,
)


def geneva(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=GENEVA)


def is_loaded():
    return ExpertGroup.objects.filter(slug=GROUP_SLUG).exists()


def load_demo():
    """Load the whole story once; returns False, changing nothing, if it is already there."""
    if is_loaded():
        return False
    with transaction.atomic():
        _Story().tell()
    return True


def upload(title, *, pdf=False, note=DEMO_FILE_NOTE):
    """A small real file; in English, the documents' original language, unless told."""
    paragraphs = [title, note]
    if pdf:
        return SimpleUploadedFile(f"{title[:40]}.pdf", pdf_bytes(title, paragraphs), PDF)
    return SimpleUploadedFile(f"{title[:40]}.docx", docx_bytes(title, paragraphs), DOCX)


class _Story:
    """The chapters of the seed report, in the order they happened."""

    def tell(self):
        self.organizations()
        self.accounts()
        self.expert_group()
        self.first_meeting()
        self.second_meeting()
        self.meeting3 = self._meeting(
            3, timezone.localdate() + datetime.timedelta(days=60), days=2, at=timezone.now()
        )
        self.work_plans()
        self.reports()
        self.open_meeting()

    def organizations(self):
        import_member_states()
        self.russia = Organization.objects.get(name=RUSSIA)
        self.brazil = Organization.objects.get(name=BRAZIL)
        self.india = Organization.objects.get(name=INDIA)
        self.sector_member = Organization.objects.get_or_create(
            name=SECTOR_MEMBER, defaults={"kind": OrganizationKind.SECTOR_MEMBER}
        )[0]
        self.itu = Organization.objects.get_or_create(
            name=SECRETARIAT_ORGANIZATION, defaults={"kind": OrganizationKind.SECRETARIAT}
        )[0]

    def accounts(self):
        self.secretariat = _user("secretariat", "Secretariat", is_staff=True)
        self.secretariat.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
        self.chair = _user("chair", "Chair")
        self.delegate_ru = _user("delegate-ru", "Delegate (Russian Federation)")
        Membership.objects.create(user=self.delegate_ru, organization=self.russia)
        self.delegate_br = _user("delegate-br", "Delegate (Brazil)")
        Membership.objects.create(user=self.delegate_br, organization=self.brazil)

    def expert_group(self):
        at = geneva(2023, 9, 1)
        self.group = meeting_services.create_group(
            by=self.secretariat,
            at=at,
            acronym="EG-ITRs",
            name="Expert Group on the International Telecommunication Regulations",
            slug=GROUP_SLUG,
            parent_body="ITU Council",
            references=REFERENCES,
            mandate=MANDATE,
            terms_of_reference_intro=TERMS_OF_REFERENCE_INTRO,
            terms_of_reference=TERMS_OF_REFERENCE,
            period_start=datetime.date(2023, 10, 1),
            period_end=datetime.date(2026, 12, 31),
            default_access=AccessLevel.PUBLIC,
        )
        # Officers by office only: the demo names no real person.
        meeting_services.add_officer(
            group=self.group,
            by=self.secretariat,
            at=at,
            name="Chair of the EG-ITRs",
            role=OfficerRole.CHAIR,
            user=self.chair,
            order=0,
        )
        for order in (1, 2):
            meeting_services.add_officer(
                group=self.group,
                by=self.secretariat,
                at=at,
                name="Vice-Chair of the EG-ITRs",
                role=OfficerRole.VICE_CHAIR,
                order=order,
            )

    def first_meeting(self):
        at = geneva(2023, 9, 1)
        meeting = self.meeting1 = self._meeting(1, datetime.date(2023, 10, 16), days=1, at=at)
        items = self._agenda(
            meeting,
            at,
            [
                "Opening of the meeting",
                "Adoption of the agenda",
                "Consideration of contributions on the work plan",
                "Any other business",
                "Approval of the report",
                "Closing of the meeting",
            ],
        )
        self.agenda1 = self._document(
            meeting,
            self.itu,
            self.secretariat,
            "Draft agenda",
            kind=ContributionKind.ADMINISTRATIVE,
            abstract="Draft agenda of the first meeting of the EG-ITRs.",
            items=[items[2]],
            submitted=geneva(2023, 9, 15),
        )
        self.proposals1 = [
            self._document(
                meeting,
                organization,
                by,
                "Proposal for the work plan of the EG-ITRs",
                abstract=f"{organization} proposes a work plan for the EG-ITRs.",
                items=[items[3]],
                submitted=submitted,
            )
            for organization, by, submitted in [
                (self.russia, self.delegate_ru, geneva(2023, 9, 29, 11)),
                (self.brazil, self.delegate_br, geneva(2023, 10, 2, 15)),
                (self.india, self.secretariat, geneva(2023, 10, 4, 16)),
            ]
        ]
        self._document(
            meeting,
            self.itu,
            self.secretariat,
            "Information on the work of the previous Expert Groups on the ITRs",
            kind=ContributionKind.INFORMATION,
            abstract="Background on the work of the two previous Expert Groups on the ITRs.",
            items=[items[3]],
            submitted=geneva(2023, 10, 4, 17),
            pdf=True,
        )
        self._translate(
            self.proposals1[0],
            {
                Language.FRENCH: TRANSLATED_TITLES[Language.FRENCH].replace(
                    "Projet de plan", "Proposition de plan"
                )
            },
            at=geneva(2023, 10, 10),
        )
        self._registrations(meeting, absent=())
        at = geneva(2023, 10, 16, 17)
        self._held(meeting, at)
        self._decision(
            meeting,
            at,
            agenda_item=items[2],
            subject="Adoption of the agenda",
            outcome=Outcome.APPROVED,
            documents=[self.agenda1],
        )
        self.work_plan_decision1 = self._decision(
            meeting,
            at,
            agenda_item=items[3],
            subject="Work plan of the EG-ITRs",
            outcome=Outcome.NO_CONSENSUS,
            text=NO_CONSENSUS,
            documents=self.proposals1,
        )

    def second_meeting(self):
        at = geneva(2023, 12, 1)
        meeting = self.meeting2 = self._meeting(2, datetime.date(2024, 1, 29), days=2, at=at)
        items = self._agenda(
            meeting,
            at,
            [
                "Opening of the meeting",
                "Adoption of the agenda",
                "Approval of the report of the first meeting",
                "Consideration of contributions and of the draft work plan",
                "Any other business",
                "Approval of the report of the meeting",
                "Closing of the meeting",
            ],
        )
        agenda = self._document(
            meeting,
            self.itu,
            self.secretariat,
            "Draft agenda",
            kind=ContributionKind.ADMINISTRATIVE,
            abstract="Draft agenda of the second meeting of the EG-ITRs.",
            items=[items[2]],
            submitted=geneva(2024, 1, 8),
        )
        # A document has organizations as sources; the Chair has none, so the
        # secretariat registers the Chair's proposal in its own name.
        self.chair_proposal = self._document(
            meeting,
            self.itu,
            self.secretariat,
            "Draft work plan of the EG-ITRs",
            kind=ContributionKind.CHAIR_PROPOSAL,
            abstract="The Chair's proposal for the work plan of the EG-ITRs.",
            items=[items[4]],
            submitted=geneva(2024, 1, 12),
        )
        contributions = [
            self._document(
                meeting,
                organization,
                by,
                title,
                abstract=f"{organization} comments on the draft work plan of the EG-ITRs.",
                items=[items[4]],
                submitted=submitted,
                cosponsors=cosponsors,
            )
            for organization, by, title, submitted, cosponsors in [
                (
                    self.russia,
                    self.delegate_ru,
                    "Contribution on the work plan of the EG-ITRs",
                    geneva(2024, 1, 15, 14),
                    (),
                ),
                (
                    self.brazil,
                    self.delegate_br,
                    "Comments on the draft work plan of the EG-ITRs",
                    geneva(2024, 1, 16, 11),
                    (self.india,),
                ),
            ]
        ]
        # Made in session after the decision, so past the deadline: the register says so.
        self.statement_document = self._document(
            meeting,
            self.russia,
            self.delegate_ru,
            STATEMENT_TITLE,
            kind=ContributionKind.OTHER,
            abstract=STATEMENT_TEXT,
            items=[items[4]],
            submitted=geneva(2024, 1, 30, 12),
            published=geneva(2024, 1, 30, 16),
        )
        # The Chair revised her proposal in session, from the discussion of the first day.
        self.chair_proposal_rev = self._revise(
            self.chair_proposal,
            title="Draft work plan of the EG-ITRs",
            started=geneva(2024, 1, 29, 18),
            published=geneva(2024, 1, 30, 9),
        )
        self._translate(self.chair_proposal_rev, TRANSLATED_TITLES, at=geneva(2024, 1, 30, 9, 30))
        services.decide_late_contribution(
            contribution=self.statement_document,
            by=self.secretariat,
            accepted=True,
            reason="Statement made in session on the decision on the work plan.",
            at=geneva(2024, 1, 30, 16, 30),
        )
        self._registrations(meeting, absent=(self.india,))
        at = geneva(2024, 1, 30, 17)
        self._held(meeting, at)
        self._decision(
            meeting,
            at,
            agenda_item=items[2],
            subject="Adoption of the agenda",
            outcome=Outcome.APPROVED,
            documents=[agenda],
        )
        self.report1_decision = self._decision(
            meeting,
            at,
            agenda_item=items[3],
            subject="Report of the first meeting",
            outcome=Outcome.APPROVED,
        )
        self.work_plan_decision2 = self._decision(
            meeting,
            at,
            agenda_item=items[4],
            subject="Work plan of the EG-ITRs",
            outcome=Outcome.APPROVED_WITH_UNDERSTANDING,
            text=UNDERSTANDING,
            documents=[self.chair_proposal, self.chair_proposal_rev, *contributions],
        )
        self.report2_decision = self._decision(
            meeting,
            at,
            agenda_item=items[6],
            subject="Report of the second meeting",
            outcome=Outcome.APPROVED,
        )

    def work_plans(self):
        proceedings_services.propose_work_plan(
            group=self.group,
            by=self.secretariat,
            at=geneva(2023, 10, 16, 17),
            title="Work plan of the EG-ITRs (proposals of the first meeting)",
            items=REPORTS_TO_COUNCIL,
            notes="Considered at the first meeting; no consensus was reached.",
        )
        at = geneva(2024, 1, 30, 17)
        approved = proceedings_services.propose_work_plan(
            group=self.group,
            by=self.secretariat,
            at=at,
            title="Work plan of the EG-ITRs",
            items=[
                *REPORTS_TO_COUNCIL,
                *(
                    {
                        "description": f"Review of the ITRs: {topic}",
                        "target_meeting": self.meeting3,
                    }
                    for topic in TERMS_OF_REFERENCE
                ),
            ],
            proposed_in=self.chair_proposal_rev,
        )
        proceedings_services.approve_work_plan(
            work_plan=approved, decision=self.work_plan_decision2, by=self.secretariat, at=at
        )
        proceedings_services.set_work_plan_item_status(
            item=approved.items.get(target_session="C24"),
            status=WorkPlanItemStatus.IN_PROGRESS,
            by=self.secretariat,
            at=at,
        )

    def reports(self):
        """Both meeting reports approved and published; the progress report in draft."""
        self._meeting_report(
            self.meeting1,
            "first",
            self.report1_decision,
            approved=geneva(2024, 1, 29, 11),
            published=geneva(2024, 2, 5),
        )
        statement = proceedings_services.record_statement(
            meeting=self.meeting2,
            by=self.secretariat,
            at=geneva(2024, 1, 30, 17),
            organizations=[self.russia],
            decision=self.work_plan_decision2,
            title=STATEMENT_TITLE,
            text=STATEMENT_TEXT,
            document=self.statement_document,
        )
        # Annex 1 of the second meeting's report is the approved work plan.
        self._meeting_report(
            self.meeting2,
            "second",
            self.report2_decision,
            approved=geneva(2024, 1, 30, 17, 30),
            published=geneva(2024, 2, 6),
            statements=[statement],
            first_annex=2,
        )
        proceedings_services.start_progress_report(
            group=self.group,
            period_start=datetime.date(2023, 10, 1),
            period_end=datetime.date(2024, 3, 31),
            by=self.secretariat,
            at=geneva(2024, 3, 15),
            title="Progress report of the EG-ITRs",
            parent_body_session="Council 2024",
            parent_body_document="C24/24",
            original_language=Language.ENGLISH,
            author="Chair of the EG-ITRs",
            purpose=PURPOSE,
            action_required=ACTION_REQUIRED,
            strategic_plan_links=STRATEGIC_PLAN_LINKS,
            financial_implications=FINANCIAL_IMPLICATIONS,
            conclusions=CONCLUSIONS,
        )

    def open_meeting(self):
        """The next meeting, open today, so that every role has something to act on."""
        meeting = self.meeting3
        now = timezone.now()
        items = self._agenda(
            meeting,
            now,
            [
                "Opening of the meeting",
                "Adoption of the agenda",
                "Consideration of contributions on the review of the ITRs",
                "Any other business",
                "Approval of the report of the meeting",
                "Closing of the meeting",
            ],
        )
        agenda = self._document(
            meeting,
            self.itu,
            self.secretariat,
            "Draft agenda",
            kind=ContributionKind.ADMINISTRATIVE,
            abstract="Draft agenda of the third meeting of the EG-ITRs.",
            items=[items[2]],
            submitted=now,
            published=now,
        )
        # Its translations are on their way: French in work, Spanish asked for.
        services.request_translations(
            contribution=agenda, languages=[Language.FRENCH, Language.SPANISH], by=self.secretariat
        )
        services.start_translation(
            contribution=agenda, language=Language.FRENCH, by=self.secretariat
        )
        services.create_draft(
            meeting=meeting,
            organization=self.brazil,
            by=self.delegate_br,
            title="Contribution on new trends and emerging issues which may impact the ITRs",
            abstract="Draft contribution to the review of the ITRs.",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
            agenda_items=[items[3]],
            upload=upload("Contribution on new trends and emerging issues"),
        )
        submitted = services.create_draft(
            meeting=meeting,
            organization=self.russia,
            by=self.delegate_ru,
            title="Contribution on the current use of the ITRs",
            abstract="Contribution to the review of the ITRs.",
            kind=ContributionKind.CONTRIBUTION,
            original_language=Language.ENGLISH,
            agenda_items=[items[3]],
            # Brazil has yet to confirm: delegate-br can, then the secretariat publishes.
            cosponsors=[self.brazil],
            upload=upload("Contribution on the current use of the ITRs"),
        )
        services.submit_contribution(contribution=submitted, by=self.delegate_ru, notify=False)
        for organization, role in [
            (self.russia, RegistrationRole.HEAD),
            (self.brazil, RegistrationRole.HEAD),
            (self.sector_member, RegistrationRole.OBSERVER),
        ]:
            meeting_services.register_participant(
                meeting=meeting,
                by=self.secretariat,
                name=f"{RegistrationRole(role).label}, {organization}",
                organization=organization,
                role=role,
                user={self.russia: self.delegate_ru, self.brazil: self.delegate_br}.get(
                    organization
                ),
            )

    # Helpers shared by the chapters.

    def _meeting(self, ordinal, start, *, days, at):
        # Open while its documents are replayed; `_held` closes it once they are in.
        meeting = meeting_services.create_meeting(
            group=self.group,
            by=self.secretariat,
            at=at,
            ordinal=ordinal,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            venue="ITU Headquarters",
            city="Geneva",
            country="Switzerland",
            format=MeetingFormat.IN_PERSON,
            time_zone="Europe/Zurich",
            translation_deadline=datetime.datetime.combine(
                start - datetime.timedelta(days=TRANSLATION_DEADLINE_DAYS),
                datetime.time(23, 59),
                GENEVA,
            ),
        )
        return meeting_services.move_meeting(
            meeting=meeting, to=MeetingStatus.OPEN, by=self.secretariat, at=at
        )

    def _held(self, meeting, at):
        meeting_services.move_meeting(
            meeting=meeting, to=MeetingStatus.HELD, by=self.secretariat, at=at
        )

    def _agenda(self, meeting, at, titles):
        """Numbered items 1, 2, ..., returned by number."""
        return {
            n: meeting_services.add_agenda_item(
                meeting=meeting, by=self.secretariat, at=at, number=str(n), title=title, order=n
            )
            for n, title in enumerate(titles, start=1)
        }

    def _decision(self, meeting, at, **decision):
        return proceedings_services.record_decision(
            meeting=meeting, by=self.secretariat, at=at, **decision
        )

    def _document(
        self,
        meeting,
        organization,
        by,
        title,
        *,
        abstract,
        items,
        submitted,
        kind=ContributionKind.CONTRIBUTION,
        published=None,
        pdf=False,
        cosponsors=(),
    ):
        """Draft, submit and publish one document as its submitter and the secretariat did.

        Co-sponsors without a demo account confirm by letter, which the secretariat records.
        """
        contribution = services.create_draft(
            meeting=meeting,
            organization=organization,
            by=by,
            at=submitted,
            title=title,
            abstract=abstract,
            kind=kind,
            original_language=Language.ENGLISH,
            agenda_items=items,
            cosponsors=cosponsors,
            upload=upload(title, pdf=pdf),
        )
        services.submit_contribution(contribution=contribution, by=by, at=submitted, notify=False)
        for source in contribution.sources.filter(confirmation=SourceConfirmation.PENDING):
            services.override_cosponsorship(
                source=source,
                by=self.secretariat,
                reason=f"Confirmed by letter of the Administration of {source.organization}.",
                at=submitted,
                notify=False,
            )
        # The secretariat publishes the next working morning, unless told otherwise.
        return services.publish_contribution(
            contribution=contribution,
            by=self.secretariat,
            at=published or submitted + datetime.timedelta(days=1),
            notify=False,
        )

    def _revise(self, base, *, title, started, published):
        """Rev.1 of a published document, through the same workflow as the base."""
        revision = services.start_amendment(
            base=base, kind=AmendmentKind.REVISION, by=self.secretariat, at=started
        )
        services.update_draft(
            contribution=revision,
            by=self.secretariat,
            at=started,
            notify=False,
            title=title,
            abstract=base.abstract,
            kind=base.kind,
            original_language=base.original_language,
            cosponsors=[],
            agenda_items=base.agenda_items.all(),
            upload=upload(f"{title} (Rev.1)"),
        )
        services.submit_contribution(
            contribution=revision, by=self.secretariat, at=started, notify=False
        )
        return services.publish_contribution(
            contribution=revision, by=self.secretariat, at=published, notify=False
        )

    def _translate(self, document, titles, *, at):
        """The secretariat requests the languages of `titles` and posts each translation."""
        services.request_translations(
            contribution=document, languages=list(titles), by=self.secretariat, at=at
        )
        for language, title in titles.items():
            services.post_translation(
                contribution=document,
                language=language,
                upload=upload(title, note=title),
                by=self.secretariat,
                at=at,
                notify=False,
            )

    def _registrations(self, meeting, *, absent):
        at = datetime.datetime.combine(meeting.start_date, datetime.time(9), GENEVA)
        for organization, role in [
            (self.russia, RegistrationRole.HEAD),
            (self.russia, RegistrationRole.DELEGATE),
            (self.brazil, RegistrationRole.HEAD),
            (self.india, RegistrationRole.HEAD),
            (self.sector_member, RegistrationRole.OBSERVER),
        ]:
            meeting_services.register_participant(
                meeting=meeting,
                by=self.secretariat,
                at=at,
                name=f"{RegistrationRole(role).label}, {organization}",
                organization=organization,
                role=role,
                attended=organization not in absent,
            )

    def _meeting_report(
        self, meeting, ordinal, decision, *, approved, published, statements=(), first_annex=1
    ):
        """A meeting report, approved by `decision` (which freezes it) and then published."""
        report = proceedings_services.start_meeting_report(
            meeting=meeting,
            by=self.secretariat,
            at=approved,
            title=f"Report of the {ordinal} meeting of the EG-ITRs",
            date=meeting.end_date,
            original_language=Language.ENGLISH,
            author="Chair of the EG-ITRs",
        )
        for statement in statements:
            proceedings_services.annex_statement(
                statement=statement,
                report=report,
                by=self.secretariat,
                first_number=first_annex,
                at=approved,
            )
        proceedings_services.approve_report(
            report=report, decision=decision, by=self.secretariat, at=approved
        )
        return proceedings_services.publish_report(
            report=report, by=self.secretariat, at=published
        )


def _user(username, last_name, *, is_staff=False):
    return get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name="Demo",
        last_name=last_name,
        is_staff=is_staff,
    )
