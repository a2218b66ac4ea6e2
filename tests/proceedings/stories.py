"""A second, hand-written history, unlike the demo's: another group, places, dates, outcomes."""

import datetime
from types import SimpleNamespace

from meetings.enums import MeetingFormat, MeetingStatus, OfficerRole
from meetings.models import Meeting, Officer, Registration, TermOfReference
from proceedings import services
from proceedings.enums import Outcome, ReportStatus
from tests import factories
from tests.proceedings.conftest import make_decision, make_report, make_statement

SAT_TERMS_OF_REFERENCE = [
    "to review the filing procedures of the Radio Regulations;",
    "to propose simpler procedures to the Council.",
]


def satellite_story(secretariat):
    """The EG-SAT: met in Bangkok in June 2019 (deferred its terms of reference) and online
    in March 2020 (took note of the filing procedures, on which Kenya and Thailand made a
    joint statement annexed to the draft report of that meeting, and approved the report
    of the first meeting); its progress report to Council 2020 is a draft."""
    group = factories.ExpertGroupFactory(
        acronym="EG-SAT",
        name="Expert Group on Satellite Filings",
        references="Resolution 9 (Rev. Dubai, 2018)",
    )
    group.mandate = "The Group reviews the procedures for satellite filings."
    group.parent_body_in_sentence = "the Council"
    group.parent_body_series = "C{yy}/"
    group.save()
    # A chair and no vice-chair: the thanks name only who is in office.
    Officer.objects.create(group=group, name="Chair of the EG-SAT", role=OfficerRole.CHAIR)
    for order, text in enumerate(SAT_TERMS_OF_REFERENCE):
        TermOfReference.objects.create(group=group, text=text, order=order)
    kenya = factories.OrganizationFactory(name="Kenya")
    thailand = factories.OrganizationFactory(name="Thailand")
    bangkok = factories.MeetingFactory(
        group=group,
        ordinal=1,
        start_date=datetime.date(2019, 6, 3),
        end_date=datetime.date(2019, 6, 4),
        venue="United Nations Conference Centre",
        city="Bangkok",
        country="Thailand",
        status=MeetingStatus.HELD,
    )
    # Its document was published while the meeting was ahead; then the meeting was held.
    online = factories.MeetingFactory(group=group, ordinal=2, format=MeetingFormat.VIRTUAL)
    procedures_item = factories.AgendaItemFactory(
        meeting=online, number="2", title="Filing procedures", order=2
    )
    delegate = factories.DelegateFactory(organization=kenya, username="delegate-ke")
    draft_procedures = factories.publish_document(
        online,
        delegate=delegate,
        secretariat=secretariat,
        title="Draft filing procedures",
        agenda_items=[procedures_item],
    )
    for name, organization in [("Wanjiru Kamau", kenya), ("Somchai Boonmee", thailand)]:
        Registration.objects.create(
            meeting=online, name=name, organization=organization, attended=True
        )
    Meeting.objects.filter(pk=online.pk).update(
        start_date=datetime.date(2020, 3, 9),
        end_date=datetime.date(2020, 3, 9),
        status=MeetingStatus.HELD,
    )
    online.refresh_from_db()
    deferred = make_decision(
        bangkok,
        subject="the terms of reference",
        outcome=Outcome.DEFERRED,
        text="The Group will take them up at its next meeting.",
        order=1,
    )
    noted = make_decision(
        online,
        subject="the filing procedures",
        outcome=Outcome.NOTED,
        text="The Group will revisit them in 2021.",
        agenda_item=procedures_item,
        order=1,
    )
    noted.documents.set([draft_procedures])
    approval = make_decision(
        online, subject="the report of the first meeting", order=2, procedural=True
    )
    approval_2 = make_decision(
        online, subject="the report of the second meeting", order=3, procedural=True
    )
    make_report(
        group,
        meeting=bangkok,
        title="Report of the first meeting of the EG-SAT",
        approved_by=approval,
    )
    online_report = make_report(
        group,
        meeting=online,
        title="Report of the second meeting of the EG-SAT",
        status=ReportStatus.DRAFT,
    )
    statement = make_statement(
        online,
        organizations=[thailand, kenya],
        decision=noted,
        title="Joint statement by Kenya and Thailand",
        text="Kenya and Thailand ask for simpler filings.",
    )
    services.annex_statement(
        statement=statement, report=online_report, by=secretariat, first_number=1
    )
    statement.refresh_from_db()
    progress = services.start_progress_report(
        group=group,
        period_start=datetime.date(2019, 5, 1),
        period_end=datetime.date(2020, 4, 30),
        by=secretariat,
        parent_body_session="Council 2020",
        parent_body_document="C20/45",
    )
    return SimpleNamespace(
        group=group,
        bangkok=bangkok,
        online=online,
        deferred=deferred,
        noted=noted,
        approval=approval,
        approval_2=approval_2,
        online_report=online_report,
        procedures_item=procedures_item,
        draft_procedures=draft_procedures,
        statement=statement,
        progress=progress,
        kenya=kenya,
        thailand=thailand,
    )
