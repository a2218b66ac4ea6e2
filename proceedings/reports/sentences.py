"""The sentences a report writes about its records: decisions, statements, documents.

Each is a whole sentence of the wording templates (`Wording`); the wording the meeting
agreed and the statements' text are quoted as the secretariat wrote them.
"""

from proceedings.enums import Outcome
from proceedings.reports.wording import clause, fold, join, ordinal, ordinal_title


def decision_sentences(wording, decision, *, form, meeting=None):
    """What was decided, then the wording agreed: `form` is "lead" (it opens the paragraph
    of `meeting` in a report to the parent body), "group" (it follows there) or "meeting"
    (a meeting report)."""
    with_understanding = decision.outcome == Outcome.APPROVED_WITH_UNDERSTANDING
    understanding = clause(decision.text) if with_understanding else ""
    sentence = wording(
        "decision",
        form=form,
        outcome=decision.outcome,
        subject=decision.subject,
        understanding=understanding,
        ordinal=ordinal(meeting.ordinal) if meeting else "",
        group=decision.meeting.group.acronym,
    )
    quoted = "" if with_understanding else fold(decision.text)
    return [sentence, quoted] if quoted else [sentence]


def statement_sentence(wording, statement, annex):
    """'A statement from the Russian Federation in this respect is attached as Annex 2 ...'

    `annex` says where the statement is annexed (see `RecordLoader.annex_of`).
    """
    return wording(
        "statement",
        on_decision=statement.decision_id is not None,
        organizations=join(
            organization.in_sentence for organization in statement.organizations.all()
        ),
        annexed=annex.where,
        number=annex.number,
        ordinal_title=ordinal_title(annex.report.meeting.ordinal) if annex.meeting else "",
        title=annex.report.title if annex.report else "",
        document=annex.report.parent_body_document if annex.report else "",
    )


def document_line(document):
    """'EG-ITRs 2/2, Draft work plan of the EG-ITRs (ITU General Secretariat)'."""
    sources = ", ".join(str(organization) for organization in document.public_sources)
    line = f"{document.register_number}, {document.title}"
    return f"{line} ({sources})" if sources else line
