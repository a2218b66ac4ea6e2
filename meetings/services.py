"""Every write to groups and meetings: atomic, checked, with who and when in the history.

Time is an argument (`at`, now when omitted): a secretariat bringing in a group's past
records it as it happened. Rows are validated as the admin validates them
(`full_clean`), so a refusal names the field and the rule.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egitrs.workflow import perform_move, stamp
from meetings import rules
from meetings.enums import (
    AccessLevel,
    AgendaItemKind,
    MeetingFormat,
    MeetingStatus,
    RegistrationRole,
)
from meetings.models import (
    AgendaItem,
    ExpertGroup,
    Meeting,
    Officer,
    Registration,
    TermOfReference,
)


def _require(by):
    if not rules.can_manage_group(by):
        raise PermissionDenied(_("Only the secretariat sets up groups and meetings."))


def _save(obj, *, by, at, exclude=None):
    obj.full_clean(exclude=exclude)
    stamp(obj, by=by, at=at)
    obj.save()
    return obj


def _next_order(queryset):
    last = queryset.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def create_group(
    *,
    by,
    acronym,
    name,
    slug,
    parent_body="ITU Council",
    parent_body_in_sentence="",
    parent_body_series="",
    references="",
    mandate="",
    terms_of_reference_intro="",
    terms_of_reference=(),
    period_start=None,
    period_end=None,
    default_access=AccessLevel.PUBLIC,
    at=None,
):
    """A new expert group with its mandate and the items of its terms of reference."""
    _require(by)
    at = at or timezone.now()
    group = _save(
        ExpertGroup(
            acronym=acronym,
            name=name,
            slug=slug,
            parent_body=parent_body,
            parent_body_in_sentence=parent_body_in_sentence,
            parent_body_series=parent_body_series,
            references=references,
            mandate=mandate,
            terms_of_reference_intro=terms_of_reference_intro,
            period_start=period_start,
            period_end=period_end,
            default_access=default_access,
        ),
        by=by,
        at=at,
    )
    for order, text in enumerate(terms_of_reference, start=1):
        _save(TermOfReference(group=group, text=text, order=order), by=by, at=at)
    return group


@transaction.atomic
def add_officer(
    *,
    group,
    by,
    name,
    role,
    user=None,
    organization=None,
    start_date=None,
    end_date=None,
    order=None,
    at=None,
):
    """A chair, vice-chair or secretary of `group`, for the term given (open-ended if not)."""
    _require(by)
    officer = Officer(
        group=group,
        name=name,
        role=role,
        user=user,
        organization=organization,
        start_date=start_date,
        end_date=end_date,
        order=_next_order(group.officers.all()) if order is None else order,
    )
    return _save(officer, by=by, at=at or timezone.now())


@transaction.atomic
def create_meeting(
    *,
    group,
    by,
    ordinal,
    start_date,
    end_date,
    venue="",
    city="",
    country="",
    format=MeetingFormat.IN_PERSON,
    time_zone="Europe/Zurich",
    contribution_deadline=None,
    translation_deadline=None,
    at=None,
):
    """A planned meeting of `group`; `move_meeting` opens it for contributions.

    The contribution deadline defaults to 12 days before opening, 23:59 meeting time.
    """
    _require(by)
    meeting = Meeting(
        group=group,
        ordinal=ordinal,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
        city=city,
        country=country,
        format=format,
        time_zone=time_zone,
        contribution_deadline=contribution_deadline,
        translation_deadline=translation_deadline,
        status=MeetingStatus.PLANNED,
    )
    return _save(meeting, by=by, at=at or timezone.now())


@transaction.atomic
def add_agenda_item(*, meeting, by, number, title, kind=AgendaItemKind.ITEM, order=None, at=None):
    """An item of the meeting's agenda, after the others unless `order` says otherwise."""
    _require(by)
    item = AgendaItem(
        meeting=meeting,
        number=number,
        title=title,
        kind=kind,
        order=_next_order(meeting.agenda_items.all()) if order is None else order,
    )
    return _save(item, by=by, at=at or timezone.now())


@transaction.atomic
def register_participant(
    *,
    meeting,
    by,
    name,
    organization,
    role=RegistrationRole.DELEGATE,
    user=None,
    attended=False,
    at=None,
):
    """A participant on the meeting's list, for `organization`."""
    _require(by)
    registration = Registration(
        meeting=meeting,
        name=name,
        organization=organization,
        role=role,
        user=user,
        attended=attended,
    )
    return _save(registration, by=by, at=at or timezone.now())


def move_meeting(*, meeting, to, by, at=None, note=""):
    """Open, close, reopen or mark as held: the only way a meeting's status changes."""
    return perform_move(
        meeting,
        to,
        roles=rules.MEETING_ROLES,
        by=by,
        at=at,
        note=note,
        related=("group",),
        refusal=_("Only the secretariat sets up groups and meetings."),
    )
