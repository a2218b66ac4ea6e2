"""What a meeting decided and what delegations stated: recorded by the secretariat.

A decision takes only the agenda items, documents and statements of its own meeting: a
record that points at another meeting's item would put a decision in the wrong report.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egitrs.workflow import stamp
from proceedings import rules
from proceedings.enums import Outcome
from proceedings.models import Decision, Statement


def _require(by):
    if not rules.records_proceedings(by):
        raise PermissionDenied(_("Only the secretariat records decisions and statements."))


def check_own_meeting(meeting, *, agenda_item=None, documents=(), decision=None, document=None):
    """Refuse an agenda item, a document or a decision of another meeting than `meeting`."""
    errors = {}
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = _(
            "Agenda item %(item)s is on the agenda of %(other)s, not of %(meeting)s."
        ) % {"item": agenda_item.number, "other": agenda_item.meeting, "meeting": meeting}
    others = [document for document in documents if document.meeting_id != meeting.pk]
    if others:
        errors["documents"] = _("These documents are not of %(meeting)s: %(documents)s.") % {
            "meeting": meeting,
            "documents": ", ".join(
                document.register_number or str(document) for document in others
            ),
        }
    if document is not None and document.meeting_id != meeting.pk:
        errors["document"] = _("The document is not of %(meeting)s.") % {"meeting": meeting}
    if decision is not None and decision.meeting_id != meeting.pk:
        errors["decision"] = _("The decision was taken by %(other)s, not by %(meeting)s.") % {
            "other": decision.meeting,
            "meeting": meeting,
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_decision(
    *,
    meeting,
    by,
    subject,
    outcome,
    agenda_item=None,
    text="",
    procedural=False,
    documents=(),
    order=None,
    at=None,
):
    """Record what `meeting` decided on `subject`, after its other decisions unless `order`."""
    _require(by)
    if outcome not in Outcome.values:
        raise ValidationError(_("Unknown outcome: %(outcome)s."), params={"outcome": outcome})
    documents = list(documents)
    check_own_meeting(meeting, agenda_item=agenda_item, documents=documents)
    if order is None:
        last = meeting.decisions.aggregate(last=Max("order"))["last"]
        order = 1 if last is None else last + 1
    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        subject=subject,
        outcome=outcome,
        text=text,
        procedural=procedural,
        order=order,
    )
    decision.full_clean()
    stamp(decision, by=by, at=at or timezone.now())
    decision.save()
    decision.documents.set(documents)
    return decision


@transaction.atomic
def record_statement(
    *, meeting, by, title, organizations, decision=None, text="", document=None, at=None
):
    """Record a statement made at `meeting` by `organizations`, as text or as a document.

    Annexing it to a report is its own step (`annex_statement`), with its number.
    """
    _require(by)
    organizations = list(organizations)
    if not organizations:
        raise ValidationError(_("Say who made the statement."), code="no_organization")
    if not text.strip() and document is None:
        raise ValidationError(
            _("Give the statement's text or the document that holds it."), code="empty"
        )
    check_own_meeting(meeting, decision=decision, document=document)
    statement = Statement(
        meeting=meeting, decision=decision, title=title, text=text, document=document
    )
    statement.full_clean(exclude=["organizations"])
    stamp(statement, by=by, at=at or timezone.now())
    statement.save()
    statement.organizations.set(organizations)
    return statement
