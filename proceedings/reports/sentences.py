"""The sentences a report writes about its records: decisions, statements, documents.

A decision is procedural when it has no text and concerns no document but administrative
ones (see `is_procedural`): what a meeting decides in substance either quotes the wording
agreed or is about contributions.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from contributions.enums import ContributionKind
from proceedings.enums import Outcome, ReportKind
from proceedings.reports.wording import (
    full_stop,
    join,
    lower_initial,
    ordinal,
    organization_in_sentence,
    sentence_start_lowered,
)


def is_procedural(decision):
    """True for a decision a progress report does not recount (uses prefetched documents)."""
    return not decision.text.strip() and all(
        document.kind == ContributionKind.ADMINISTRATIVE for document in decision.documents.all()
    )


def subject_phrase(decision):
    """What the decision was about, as the subject of a sentence."""
    if decision.work_plans.all():
        return _("a work plan")
    return _("the %(subject)s") % {"subject": lower_initial(decision.subject)}


def decision_sentence(decision):
    """What was decided, as it follows 'In the second meeting of the EG-ITRs, '."""
    subject = subject_phrase(decision)
    text = " ".join(decision.text.split())
    if decision.outcome == Outcome.NO_CONSENSUS:
        if text:
            return full_stop(sentence_start_lowered(text))
        return _("no consensus was reached on %(subject)s.") % {"subject": subject}
    if decision.outcome == Outcome.APPROVED_WITH_UNDERSTANDING:
        if text:
            return _(
                "%(subject)s was approved by the meeting with the understanding that "
                "%(understanding)s."
            ) % {"subject": subject, "understanding": text.rstrip(".")}
        return _("%(subject)s was approved by the meeting with an understanding.") % {
            "subject": subject
        }
    sentence = {
        Outcome.APPROVED: _("%(subject)s was approved by the meeting."),
        Outcome.NOTED: _("the meeting took note of %(subject)s."),
        Outcome.DEFERRED: _("the consideration of %(subject)s was deferred."),
        Outcome.NOT_APPROVED: _("%(subject)s was not approved by the meeting."),
    }[decision.outcome] % {"subject": subject}
    return f"{sentence} {full_stop(text)}" if text else sentence


def annexed_to(statement, report):
    """'the Second Meeting Report', 'this report': where a statement is annexed."""
    annexed = statement.report
    if annexed.pk == report.pk:
        return _("this report")
    if annexed.kind == ReportKind.MEETING:
        return _("the %(ordinal)s Meeting Report") % {
            "ordinal": capfirst(ordinal(annexed.meeting.ordinal))
        }
    return annexed.title


def statement_sentence(statement, report):
    """'A statement from the Russian Federation in this respect is attached as Annex 2 ...'"""
    values = {
        "organizations": join(organization_in_sentence(o) for o in statement.organizations.all())
    }
    on_decision = statement.decision_id is not None
    if statement.report is None:
        if on_decision:
            return capfirst(_("%(organizations)s made a statement in this respect.") % values)
        return capfirst(_("%(organizations)s made a statement.") % values)
    values["report"] = annexed_to(statement, report)
    values["number"] = statement.annex_number
    if statement.annex_number is None:
        if on_decision:
            message = _(
                "A statement from %(organizations)s in this respect is attached to %(report)s."
            )
        else:
            message = _("A statement from %(organizations)s is attached to %(report)s.")
    elif on_decision:
        message = _(
            "A statement from %(organizations)s in this respect is attached as Annex "
            "%(number)s to %(report)s."
        )
    else:
        message = _(
            "A statement from %(organizations)s is attached as Annex %(number)s to %(report)s."
        )
    return message % values


def document_line(document):
    """'EG-ITRs 2/2, Draft work plan of the EG-ITRs (ITU General Secretariat)'."""
    sources = ", ".join(str(organization) for organization in document.public_sources)
    line = f"{document.register_number}, {document.title}"
    return f"{line} ({sources})" if sources else line
