"""A report to the parent body reads right for any group, any outcome, any parent body
(issue 8): three groups built from history files, word for word, in the built document
and in the page, the DOCX and the PDF a visitor downloads.

- EG-ITRs, the demo (`demo/history.json`): the seed's progress report to the Council;
- EG-INR (`histories/eg-inr.json`): three meetings at one venue, one of them over the New
  Year, every outcome, a decision with neither wording nor documents, statements annexed
  to a meeting report and to this report (one joint, by Canada and "the United Kingdom"),
  two Vice-Chairs, and a final report to the Council written wholly from the records;
- EG-DWM (the second history of `tests/history`): a group of TSAG with an online meeting,
  a Chair and no Vice-Chair, its final report written wholly from the records.

Each group is imported and its report built and rendered once for the module.
"""

import io

import pytest
from django.core.management import call_command

from proceedings.enums import ReportKind
from proceedings.models import Report
from proceedings.reports import HeaderField, Paragraph, ReportHeader, Section
from tests.demo import seed
from tests.history.helpers import second_history_accounts
from tests.history.histories import second_history
from tests.proceedings.group_reports import (
    built_from_history,
    built_once,
    docx_sections,
    history_file,
    html_header_block,
    html_sections,
    lines,
    missing_in_order,
    pdf_lines,
    pdf_text,
)
from tests.proceedings.test_builder import (
    SEED_2_1,
    SEED_2_2,
    SEED_2_3,
    SEED_2_4_APPROVAL,
    SEED_2_4_STATEMENT,
    SEED_3_1,
    SEED_3_2,
)

# The module's fixtures build in the test database; the mark sets it up.
pytestmark = pytest.mark.django_db


# The records ----------------------------------------------------------------------------


def tsag_history():
    """The second history of `tests/history`, its records written as a report quotes
    them: subjects as a sentence names them, the adoption of the agenda and the approvals
    of reports marked procedural, a venue without its room, wording that does not repeat
    the decision, and the final report's header and conclusions left to the builder."""
    history = second_history()
    group = history["groups"][0]
    first, second = group["meetings"]
    first["venue"] = "ITU Headquarters"
    agenda, work_plan = first["decisions"]
    agenda.update(subject="the agenda", procedural=True)
    work_plan.update(subject="the work plan")
    del work_plan["text"]  # "The work plan was approved as proposed." says it twice.
    report, revised, electronic, final = second["decisions"]
    report.update(subject="the report of the first meeting", procedural=True)
    revised.update(subject="the revised work plan")
    electronic.update(
        subject="the use of electronic meetings", text="Some members preferred to meet in person."
    )
    final.update(subject="its final report to TSAG", procedural=True)
    final_report = group["reports"][1]
    for field in ("author", "purpose", "action_required", "conclusions", "paragraphs"):
        del final_report[field]
    return history


def load_demo_progress_report():
    call_command("load_demo", stdout=io.StringIO())
    return Report.objects.get(group__acronym="EG-ITRs", kind=ReportKind.PROGRESS)


@pytest.fixture(scope="module")
def eg_itrs(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        return built_once(tmp_path_factory.mktemp("media"), load_demo_progress_report)


@pytest.fixture(scope="module")
def eg_inr(django_db_setup, django_db_blocker, tmp_path_factory):
    history = history_file("eg-inr.json")
    with django_db_blocker.unblock():
        return built_from_history(tmp_path_factory, history, "EG-INR", ReportKind.FINAL)


@pytest.fixture(scope="module")
def eg_dwm(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        return built_from_history(
            tmp_path_factory,
            tsag_history(),
            "EG-DWM",
            ReportKind.FINAL,
            accounts=second_history_accounts,
        )


# What each report says ------------------------------------------------------------------

COUNCIL = "Action required by the Council"
LINKS = "Relevant link(s) with the Strategic Plan"
FINANCES = "Financial implications"

HEADERS = {
    "EG-ITRs": ReportHeader(
        parent_body_session="Council 2024",
        document_number="C24/24",
        date="30 January 2024",
        original_language="English",
        author="Chair of the EG-ITRs",
    ),
    "EG-INR": ReportHeader(
        parent_body_session="Council 2025",
        document_number="C25/30",
        # Undated: the day the third meeting approved it.
        date="2 January 2025",
        original_language="English",
        author="Chair of the EG-INR",
    ),
    "EG-DWM": ReportHeader(
        parent_body_session="TSAG 2022",
        document_number="TSAG-TD 101",
        date="21 September 2021",
        original_language="English",
        author="Chair of the EG-DWM",
    ),
}

HEADER_BLOCKS = {
    "EG-ITRs": [
        HeaderField("Purpose", seed.PURPOSE),
        HeaderField(COUNCIL, seed.ACTION_REQUIRED),
        HeaderField(LINKS, seed.STRATEGIC_PLAN_LINKS),
        HeaderField(FINANCES, seed.FINANCIAL_IMPLICATIONS),
        HeaderField(
            "References",
            "Resolution 146 (Rev. Bucharest, 2022); Council Resolution 1379 (Mod. 2023)",
        ),
    ],
    "EG-INR": [
        HeaderField(
            "Purpose",
            "This report summarizes the main results of the first, second and third meetings "
            "of the EG-INR, held on 6-7 May 2024, 30 September - 1 October 2024 and "
            "30 December 2024 - 2 January 2025 respectively, in line with Council Resolution "
            "1405 (2023).",
        ),
        HeaderField(COUNCIL, "The Council is invited to note the report."),
        HeaderField(LINKS, "Convening platform; international numbering resources."),
        HeaderField(FINANCES, "Within the allocated budget 2024-2025."),
        HeaderField("References", "Council Resolution 1405 (2023)"),
    ],
    "EG-DWM": [
        HeaderField(
            "Purpose",
            "This report summarizes the main results of the first and second meetings of the "
            "EG-DWM, held on 15-16 March 2021 and 20-21 September 2021 respectively, in line "
            "with TSAG Decision 3 (2020).",
        ),
        HeaderField("Action required by TSAG", "TSAG is invited to note the report."),
        HeaderField("References", "TSAG Decision 3 (2020)"),
    ],
}

SECTIONS = {
    # The seed's words: 2.1, 2.2 and section 3 word for word, 2.3 and 2.4 its facts.
    "EG-ITRs": [
        Section(
            "1",
            "Introduction",
            [
                Paragraph("1.1", seed.MANDATE),
                Paragraph("1.2", seed.TERMS_OF_REFERENCE_INTRO, seed.TERMS_OF_REFERENCE),
            ],
        ),
        Section(
            "2",
            "Activities of the EG-ITRs",
            [
                Paragraph("2.1", SEED_2_1),
                Paragraph("2.2", SEED_2_2),
                Paragraph("2.3", SEED_2_3),
                Paragraph("2.4", f"{SEED_2_4_APPROVAL} {SEED_2_4_STATEMENT}"),
            ],
        ),
        Section("3", "Conclusions", [Paragraph("3.1", SEED_3_1), Paragraph("3.2", SEED_3_2)]),
    ],
    "EG-INR": [
        Section(
            "1",
            "Introduction",
            [
                Paragraph(
                    "1.1",
                    "The Council established the Expert Group on International Numbering "
                    "Resources (EG-INR), open to all Member States and Sector Members, to study "
                    "the misuse of international numbering resources.",
                ),
                # No introduction of its own: the builder's.
                Paragraph(
                    "1.2",
                    "The terms of reference of the EG-INR are:",
                    [
                        "review the misuse of international numbering resources",
                        "propose guidelines to Member States",
                    ],
                ),
            ],
        ),
        Section(
            "2",
            "Activities of the EG-INR",
            [
                # One venue: said once; dates across a month and across a year.
                Paragraph(
                    "2.1",
                    "The EG-INR held its first, second and third meetings at the ITU "
                    "Headquarters in Geneva, Switzerland, on 6-7 May 2024, 30 September - "
                    "1 October 2024 and 30 December 2024 - 2 January 2025, respectively.",
                ),
                Paragraph(
                    "2.2",
                    "The Reports of the first and second meetings of the EG-INR were approved "
                    "by the Group.",
                ),
                # The adoptions of the agendas and the approvals of reports are procedural.
                Paragraph(
                    "2.3",
                    "In the first meeting of the EG-INR, the Group approved the work plan with "
                    "the understanding that it will be reviewed at each meeting of the Group. "
                    "The Group took note of the report on the use of international numbering "
                    "resources. The Group invited the secretariat to update the report for its "
                    "next meeting.",
                ),
                # The deferral has neither wording nor documents: it is said all the same.
                Paragraph(
                    "2.4",
                    "In the second meeting of the EG-INR, the Group deferred its consideration "
                    "of the questionnaire to Member States. No consensus was reached on the "
                    "draft guidelines on the misuse of international numbering resources. "
                    "Several Member States asked for more time to consult their national "
                    "regulators. A statement from the Russian Federation in this respect is "
                    "attached as Annex 1 to the Second Meeting Report.",
                ),
                Paragraph(
                    "2.5",
                    "In the third meeting of the EG-INR, the Group did not approve the revised "
                    "draft guidelines on the misuse of international numbering resources. The "
                    "Group agreed to continue the work by correspondence. A statement from "
                    "Canada and the United Kingdom in this respect is attached as Annex 1 to "
                    "this report. The Group approved a liaison statement to ITU-T Study "
                    "Group 2.",
                ),
            ],
        ),
        Section(
            "3",
            "Conclusions",
            [
                Paragraph(
                    "3.1", "The Council is invited to note this final report of the EG-INR."
                ),
                Paragraph(
                    "3.2",
                    "On behalf of the EG-INR, the Chair thanks the members who made "
                    "contributions and took part in the work of the Group, the Vice-Chairs and "
                    "the secretariat for their assistance during the first, second and third "
                    "meetings of the EG-INR.",
                ),
            ],
        ),
    ],
    "EG-DWM": [
        Section(
            "1",
            "Introduction",
            [
                Paragraph("1.1", "TSAG established the Group to review digital working methods."),
                Paragraph(
                    "1.2",
                    "The Group is to:",
                    [
                        "review the use of electronic meetings",
                        "propose changes to the working methods",
                    ],
                ),
            ],
        ),
        Section(
            "2",
            "Activities of the EG-DWM",
            [
                Paragraph(
                    "2.1",
                    "The EG-DWM held its first meeting at the ITU Headquarters in Geneva, "
                    "Switzerland, on 15-16 March 2021. The EG-DWM held its second meeting "
                    "online on 20-21 September 2021.",
                ),
                Paragraph(
                    "2.2",
                    "The Report of the first meeting of the EG-DWM was approved by the Group.",
                ),
                Paragraph(
                    "2.3", "In the first meeting of the EG-DWM, the Group approved the work plan."
                ),
                Paragraph(
                    "2.4",
                    "In the second meeting of the EG-DWM, the Group approved the revised work "
                    "plan with the understanding that the plan may be revised at each meeting. "
                    "A statement from France in this respect is attached as Annex 1 to this "
                    "report. No consensus was reached on the use of electronic meetings. Some "
                    "members preferred to meet in person.",
                ),
            ],
        ),
        Section(
            "3",
            "Conclusions",
            [
                Paragraph("3.1", "TSAG is invited to note this final report of the EG-DWM."),
                # A Chair and no Vice-Chair: none is thanked.
                Paragraph(
                    "3.2",
                    "On behalf of the EG-DWM, the Chair thanks the members who made "
                    "contributions and took part in the work of the Group and the secretariat "
                    "for their assistance during the first and second meetings of the EG-DWM.",
                ),
            ],
        ),
    ],
}

GROUPS = list(SECTIONS)


@pytest.fixture(params=GROUPS)
def group(request):
    return request.param


def built(request, group):
    """The module's build of `group` (its fixture is named after it: EG-INR, eg_inr)."""
    return request.getfixturevalue(group.lower().replace("-", "_"))


@pytest.fixture
def rendered(request, group):
    return built(request, group)


# The tests ------------------------------------------------------------------------------


def test_header_and_header_block_are_written_from_the_records(group, rendered):
    assert rendered.document.header == HEADERS[group]
    assert rendered.document.header_block == HEADER_BLOCKS[group]


def test_sections_1_to_3_read_word_for_word(group, rendered):
    assert rendered.document.sections == SECTIONS[group]


def test_the_page_says_it_word_for_word(group, rendered):
    assert html_sections(rendered.html) == lines(SECTIONS[group])
    assert html_header_block(rendered.html) == HEADER_BLOCKS[group]


def test_the_docx_says_it_word_for_word(group, rendered):
    assert docx_sections(rendered.docx) == lines(SECTIONS[group])


def test_the_pdf_says_it_in_order(group, rendered, tmp_path):
    expected = pdf_lines(SECTIONS[group])

    assert missing_in_order(pdf_text(rendered.pdf, tmp_path), expected) == []
