"""Groups and meetings through their services: time as an argument, one table of moves."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from egitrs.workflow import TransitionNotAllowed
from meetings import services
from meetings.enums import MEETING_MOVES, MeetingFormat, MeetingStatus, OfficerRole
from meetings.models import ExpertGroup, Meeting
from tests.roles import ROLES

UTC = datetime.UTC
AT = datetime.datetime(2016, 3, 1, 9, 30, tzinfo=UTC)
STATUSES = list(MeetingStatus)


def test_a_group_brought_in_from_the_past_keeps_its_dates(secretariat):
    group = services.create_group(
        by=secretariat,
        at=AT,
        acronym="CWG-WSIS",
        name="Council Working Group on WSIS",
        slug="cwg-wsis",
        parent_body="ITU Council",
        terms_of_reference=["Follow up the outcomes of WSIS", "Report to Council"],
        period_start=datetime.date(2016, 1, 1),
    )
    officer = services.add_officer(
        group=group,
        by=secretariat,
        at=AT,
        name="Chair of the CWG-WSIS",
        role=OfficerRole.CHAIR,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )

    assert [t.text for t in group.terms_of_reference.all()] == [
        "Follow up the outcomes of WSIS",
        "Report to Council",
    ]
    assert [(h.history_date, h.history_user) for h in group.history.all()] == [(AT, secretariat)]
    assert (officer.order, officer.history.get().history_date) == (0, AT)


def test_a_group_needs_the_secretariat_and_valid_fields(delegate_a, secretariat):
    with pytest.raises(PermissionDenied, match="Only the secretariat sets up groups"):
        services.create_group(by=delegate_a, acronym="X", name="X", slug="x")
    with pytest.raises(ValidationError, match="reserved by the site"):
        services.create_group(by=secretariat, acronym="ADM", name="Admin", slug="admin")
    assert ExpertGroup.objects.count() == 0


def test_a_meeting_starts_planned_with_the_default_deadline(group, secretariat):
    meeting = services.create_meeting(
        group=group,
        by=secretariat,
        at=AT,
        ordinal=4,
        start_date=datetime.date(2016, 9, 20),
        end_date=datetime.date(2016, 9, 21),
        format=MeetingFormat.VIRTUAL,
        time_zone="Asia/Tokyo",
    )
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.contribution_deadline == datetime.datetime(
        2016, 9, 8, 23, 59, tzinfo=meeting.tz
    )
    assert meeting.history.get().history_date == AT


def test_a_meeting_that_closes_before_it_opens_is_refused(group, secretariat):
    with pytest.raises(ValidationError, match="A meeting cannot close before it opens."):
        services.create_meeting(
            group=group,
            by=secretariat,
            ordinal=1,
            start_date=datetime.date(2016, 9, 20),
            end_date=datetime.date(2016, 9, 19),
        )
    assert Meeting.objects.count() == 0


def test_an_agenda_item_and_a_participant(group, secretariat, org_a):
    meeting = services.create_meeting(
        group=group,
        by=secretariat,
        ordinal=1,
        start_date=datetime.date(2016, 9, 20),
        end_date=datetime.date(2016, 9, 20),
    )
    first = services.add_agenda_item(meeting=meeting, by=secretariat, number="1", title="Opening")
    second = services.add_agenda_item(meeting=meeting, by=secretariat, number="2", title="Agenda")
    with pytest.raises(ValidationError, match="Agenda item with this Meeting and Number"):
        services.add_agenda_item(meeting=meeting, by=secretariat, number="2", title="Again")
    participant = services.register_participant(
        meeting=meeting, by=secretariat, at=AT, name="Head of delegation", organization=org_a
    )

    assert [(i.number, i.order) for i in meeting.agenda_items.all()] == [("1", 0), ("2", 1)]
    assert (first.pk, second.pk) != (None, None)
    assert participant.history.get().history_date == AT


# Every pair of statuses, legal or not, for each role.
PAIRS = [(a, b) for a, b in itertools.product(STATUSES, STATUSES) if a != b]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_move_of_a_meeting_for_every_role(meeting, roles, role, source, target):
    Meeting.objects.filter(pk=meeting.pk).update(status=source)
    meeting.refresh_from_db()
    user = roles[role] or AnonymousUser()
    rows = meeting.history.count()

    def attempt():
        return services.move_meeting(meeting=meeting, to=target, by=user, at=AT, note="As agreed.")

    if MEETING_MOVES.move(source, target) is None:
        with pytest.raises(TransitionNotAllowed, match="A meeting that is .* cannot become"):
            attempt()
    elif role != "secretariat":
        with pytest.raises(PermissionDenied, match="Only the secretariat sets up groups"):
            attempt()
    else:
        moved = attempt()
        last = moved.history.order_by("-history_id").first()
        assert (last.status, last.history_date, last.history_user) == (target, AT, user)
        assert last.history_change_reason == "As agreed."
        return
    meeting.refresh_from_db()
    assert (meeting.status, meeting.history.count()) == (source, rows)


def test_the_table_of_meeting_moves():
    assert sorted((m.source, m.target) for m in MEETING_MOVES) == sorted(
        [
            ("planned", "open"),
            ("open", "closed"),
            ("closed", "open"),
            ("planned", "held"),
            ("open", "held"),
            ("closed", "held"),
        ]
    )
