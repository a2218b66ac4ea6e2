"""Hand-written histories for the tests: a second group, unlike the demo in every way.

`second_history()` is a TSAG group with a meeting in person and a virtual one in another
time zone, kept numbers with a gap (2/20, with a Rev.1 and a Corr.1), late documents
accepted and refused, a co-sponsor who declined, a "no consensus" decision, two work plans
(the first superseded), a statement annexed, a meeting report and a final report, both
approved and published. `write_files(folder, history)` puts the files it names beside it.
"""

import copy
import json

from egitrs.sample_documents import docx_bytes, pdf_bytes
from history.format import HISTORY_FILE

ACRONYM = "EG-DWM"
DELEGATE_DE = "delegate-de"


def _file(path, language="en", name=None, at=None):
    entry = {"language": language, "path": f"files/{path}"}
    if name:
        entry["name"] = name
    if at:
        entry["uploaded_at"] = at
    return entry


def _doc(number, title, *, sources, submitted, published, kind="contribution", **fields):
    stem = number.replace(" ", "-").replace("/", "-").replace("(", "").replace(")", "")
    stem = stem.replace(".", "")
    return {
        "number": number,
        "kind": kind,
        "title": title,
        "original_language": fields.pop("original_language", "en"),
        "sources": sources,
        "files": fields.pop("files", [_file(f"{stem}-E.docx")]),
        "status": fields.pop("status", "published"),
        "submitted_at": submitted,
        "published_at": published,
        **fields,
    }


def second_history():
    meeting1 = {
        "number": 1,
        "start_date": "2021-03-15",
        "end_date": "2021-03-16",
        "venue": "ITU Headquarters, Popov room",
        "city": "Geneva",
        "country": "Switzerland",
        "format": "in_person",
        "time_zone": "Europe/Zurich",
        "contribution_deadline": "2021-03-01T22:59:00Z",
        "status": "held",
        "created_at": "2020-12-01T09:00:00Z",
        "agenda": [
            {"number": "1", "title": "Opening"},
            {"number": "2", "title": "Adoption of the agenda"},
            {"number": "3", "title": "Work plan"},
            {"number": "4", "title": "Closing"},
        ],
        "registrations": [
            {
                "name": "Head of delegation, France",
                "organization": "FR",
                "role": "head",
                "attended": True,
            },
            {"name": "Delegate, Germany", "organization": "DE", "attended": True},
            {
                "name": "Observer, Example Academy",
                "organization": "Example Academy",
                "role": "observer",
            },
        ],
        "documents": [
            _doc(
                "EG-DWM 1/1",
                "Agenda of the first meeting",
                kind="administrative",
                sources=[{"organization": "ITU General Secretariat"}],
                submitted="2021-02-01T09:00:00Z",
                published="2021-02-01T10:00:00Z",
                agenda_items=["2"],
            ),
            _doc(
                "EG-DWM 1/2",
                "Proposal for a work plan",
                agenda_items=["3"],
                abstract="France proposes a work plan.",
                sources=[
                    {"organization": "FR"},
                    {
                        "organization": "DE",
                        "confirmation": "confirmed",
                        "at": "2021-02-20T08:00:00Z",
                        "reason": "Letter of the German administration, 19 February 2021.",
                    },
                ],
                submitted="2021-02-19T16:00:00Z",
                published="2021-02-22T08:00:00Z",
                translations=[
                    {"language": "fr", "status": "posted", "requested_at": "2021-02-22T09:00:00Z"}
                ],
                files=[
                    _file("EG-DWM-1-2-E.docx", name="Work plan proposal.docx"),
                    _file("EG-DWM-1-2-F.docx", "fr", at="2021-02-25T14:00:00Z"),
                ],
            ),
            _doc(
                "EG-DWM 1/3",
                "Comments on the work plan",
                agenda_items=["3"],
                sources=[{"organization": "BR"}],
                submitted="2021-03-05T11:00:00Z",
                published="2021-03-08T08:00:00Z",
                late=True,
                late_decision={
                    "decision": "accepted",
                    "reason": "Accepted by the chair.",
                    "at": "2021-03-08T07:30:00Z",
                },
                files=[_file("EG-DWM-1-3-E.pdf")],
            ),
        ],
        "decisions": [
            {
                "subject": "Adoption of the agenda",
                "agenda_item": "2",
                "outcome": "approved",
                "documents": ["EG-DWM 1/1"],
                "recorded_at": "2021-03-15T08:30:00Z",
            },
            {
                "subject": "Work plan",
                "agenda_item": "3",
                "outcome": "approved",
                "text": "The work plan was approved as proposed.",
                "documents": ["EG-DWM 1/2", "EG-DWM 1/3"],
                "recorded_at": "2021-03-16T15:00:00Z",
            },
        ],
    }
    meeting2 = {
        "number": 2,
        "start_date": "2021-09-20",
        "end_date": "2021-09-21",
        "format": "virtual",
        "time_zone": "America/New_York",
        "contribution_deadline": "2021-09-08T03:59:00Z",
        "translation_deadline": "2021-08-30T03:59:00Z",
        "status": "held",
        "created_at": "2021-04-01T09:00:00Z",
        "agenda": [
            {"number": "1", "title": "Opening"},
            {"number": "2", "title": "Report of the first meeting"},
            {"number": "3", "title": "Revised work plan"},
            {"number": "3.1", "title": "Electronic meetings"},
            {"number": "4", "title": "Final report"},
        ],
        "registrations": [
            {
                "name": "Head of delegation, France",
                "organization": "FR",
                "role": "head",
                "attended": True,
            },
            {"name": "Head of delegation, Brazil", "organization": "BR", "role": "head"},
        ],
        "documents": [
            _doc(
                "EG-DWM 2/1",
                "Agenda of the second meeting",
                kind="administrative",
                sources=[{"organization": "ITU General Secretariat"}],
                submitted="2021-08-01T13:00:00Z",
                published="2021-08-02T13:00:00Z",
            ),
            _doc(
                "EG-DWM 2/20",
                "Revised work plan",
                kind="chair_proposal",
                agenda_items=["3"],
                sources=[{"organization": "ITU General Secretariat"}],
                submitted="2021-09-01T13:00:00Z",
                published="2021-09-01T15:00:00Z",
                comment="Numbered 20 in the original register: the number is kept.",
            ),
            _doc(
                "EG-DWM 2/20 (Rev.1)",
                "Revised work plan",
                kind="chair_proposal",
                agenda_items=["3"],
                sources=[{"organization": "ITU General Secretariat"}],
                created_at="2021-09-20T20:00:00Z",
                submitted="2021-09-20T21:00:00Z",
                published="2021-09-21T12:00:00Z",
            ),
            _doc(
                "EG-DWM 2/20 (Corr.1)",
                "Revised work plan",
                kind="chair_proposal",
                sources=[{"organization": "ITU General Secretariat"}],
                agenda_items=["3"],
                submitted="2021-09-10T13:00:00Z",
                published="2021-09-10T15:00:00Z",
            ),
            _doc(
                "EG-DWM 2/21",
                "Electronic meetings",
                agenda_items=["3.1"],
                original_language="fr",
                sources=[
                    {"organization": "FR"},
                    {
                        "organization": "DE",
                        "confirmation": "declined",
                        "at": "2021-09-03T10:00:00Z",
                        "by": DELEGATE_DE,
                    },
                ],
                submitted="2021-09-02T13:00:00Z",
                published="2021-09-06T13:00:00Z",
                files=[_file("EG-DWM-2-21-F.docx", "fr")],
            ),
            _doc(
                "EG-DWM 2/22",
                "Statement by France",
                kind="other",
                agenda_items=["3"],
                sources=[{"organization": "FR"}],
                submitted="2021-09-21T14:00:00Z",
                published="2021-09-21T16:00:00Z",
                late=True,
            ),
            {
                "kind": "contribution",
                "title": "Late comments, not accepted",
                "original_language": "en",
                "sources": [{"organization": "BR"}],
                "files": [_file("EG-DWM-2-draft-1-E.docx")],
                "status": "submitted",
                "submitted_at": "2021-09-19T10:00:00Z",
                "late": True,
                "late_decision": {"decision": "refused", "reason": "Received the day before."},
            },
        ],
        "decisions": [
            {
                "subject": "Report of the first meeting",
                "agenda_item": "2",
                "outcome": "approved",
                "recorded_at": "2021-09-20T14:00:00Z",
            },
            {
                "subject": "Revised work plan",
                "agenda_item": "3",
                "outcome": "approved_with_understanding",
                "text": "the plan may be revised at each meeting",
                "documents": ["EG-DWM 2/20", "EG-DWM 2/20 (Rev.1)"],
                "recorded_at": "2021-09-21T15:00:00Z",
            },
            {
                "subject": "Electronic meetings",
                "agenda_item": "3.1",
                "outcome": "no_consensus",
                "text": "No consensus was reached on electronic meetings.",
                "documents": ["EG-DWM 2/21"],
                "recorded_at": "2021-09-21T15:30:00Z",
            },
            {
                "subject": "Final report",
                "agenda_item": "4",
                "outcome": "approved",
                "recorded_at": "2021-09-21T17:00:00Z",
            },
        ],
        "statements": [
            {
                "title": "Statement by France on the revised work plan",
                "text": "France recalled its proposal.",
                "organizations": ["FR"],
                "decision": 2,
                "document": "EG-DWM 2/22",
                "recorded_at": "2021-09-21T16:30:00Z",
            },
        ],
    }
    history = {
        "format": "egitrs-history",
        "version": 1,
        "comment": "A second group for the tests: nothing like the demo.",
        "organizations": [
            {"name": "Example Academy", "kind": "academia", "active": True},
            {"name": "ITU General Secretariat", "kind": "secretariat", "active": True},
        ],
        "groups": [
            {
                "acronym": ACRONYM,
                "name": "Expert Group on Digital Working Methods",
                "slug": "eg-dwm",
                "parent_body": "TSAG",
                "references": ["TSAG Decision 3 (2020)"],
                "mandate": "TSAG established the Group to review digital working methods.",
                "terms_of_reference_intro": "The Group is to:",
                "terms_of_reference": [
                    "review the use of electronic meetings",
                    "propose changes to the working methods",
                ],
                "period_start": "2021-01-01",
                "period_end": "2021-12-31",
                "default_access": "members",
                "created_at": "2020-11-30T09:00:00Z",
                "officers": [
                    {
                        "name": "Chair of the EG-DWM",
                        "role": "chair",
                        "organization": "FR",
                        "start_date": "2021-01-01",
                        "end_date": "2021-12-31",
                    },
                    {
                        "name": "Secretary of the EG-DWM",
                        "role": "secretary",
                        "organization": "ITU General Secretariat",
                    },
                ],
                "meetings": [meeting1, meeting2],
                "work_plans": [
                    {
                        "version": 1,
                        "title": "Work plan",
                        "status": "superseded",
                        "proposed_in": "EG-DWM 1/2",
                        "proposed_at": "2021-03-16T14:00:00Z",
                        "approved_by": {"meeting": 1, "decision": 2},
                        "items": [
                            {
                                "description": "Final report to TSAG",
                                "target_session": "TSAG 2022",
                                "status": "in_progress",
                            }
                        ],
                    },
                    {
                        "version": 2,
                        "title": "Revised work plan",
                        "status": "approved",
                        "proposed_in": "EG-DWM 2/20 (Rev.1)",
                        "proposed_at": "2021-09-21T14:30:00Z",
                        "approved_by": {"meeting": 2, "decision": 2},
                        "items": [
                            {
                                "description": "Electronic meetings",
                                "target_meeting": 2,
                                "status": "dropped",
                            },
                            {
                                "description": "Final report to TSAG",
                                "target_session": "TSAG 2022",
                                "status": "done",
                            },
                        ],
                    },
                ],
                "reports": [
                    {
                        "kind": "meeting",
                        "meeting": 1,
                        "title": "Report of the first meeting",
                        "original_language": "en",
                        "author": "Chair of the EG-DWM",
                        "date": "2021-03-16",
                        "paragraphs": [
                            {
                                "section": "agenda_item",
                                "agenda_item": "3",
                                "text": "The chair introduced the proposals.",
                            }
                        ],
                        "status": "published",
                        "created_at": "2021-04-01T09:00:00Z",
                        "approved_by": {"meeting": 2, "decision": 1},
                        "approved_at": "2021-09-20T14:30:00Z",
                        "published_at": "2021-09-22T09:00:00Z",
                    },
                    {
                        "kind": "final",
                        "title": "Final report of the EG-DWM",
                        "period_start": "2021-01-01",
                        "period_end": "2021-12-31",
                        "parent_body_session": "TSAG 2022",
                        "parent_body_document": "TSAG-TD 101",
                        "original_language": "en",
                        "author": "Chair of the EG-DWM",
                        "purpose": "The final report of the Group.",
                        "action_required": "TSAG is invited to note the report.",
                        "conclusions": "TSAG is invited to note this final report.",
                        "paragraphs": [
                            {
                                "section": "conclusions",
                                "text": "The chair thanks the participants.",
                            }
                        ],
                        "annexes": [{"statement": {"meeting": 2, "statement": 1}, "number": 1}],
                        "status": "published",
                        "created_at": "2021-09-21T16:45:00Z",
                        "approved_by": {"meeting": 2, "decision": 4},
                        "approved_at": "2021-09-21T17:30:00Z",
                        "published_at": "2021-10-01T09:00:00Z",
                    },
                ],
            }
        ],
    }
    return copy.deepcopy(history)


def write_files(folder, history):
    """Write `history` as `history.json` into `folder`, with a real file for each it names."""
    for group in history["groups"]:
        for meeting in group.get("meetings", []):
            for document in meeting.get("documents", []):
                for file in document.get("files", []):
                    target = folder / file["path"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    title = f"{document.get('number', 'Draft')} {file['language']}"
                    if target.suffix == ".pdf":
                        target.write_bytes(pdf_bytes(document["title"], [title]))
                    else:
                        target.write_bytes(docx_bytes(document["title"], [title]))
    path = folder / HISTORY_FILE
    path.write_text(json.dumps(history, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
