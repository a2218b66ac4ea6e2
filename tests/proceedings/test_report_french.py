"""A report written in French reads as French (issue 8): a group whose records are in
French (`histories/ge-tst.json`), its progress report to the Council in French, word for
word, in the built document and in the page, the DOCX and the PDF, with no English left.

The group met at a venue in Geneva, then online; its report recounts an approval with an
understanding, a decision noted, one deferred without wording or documents, no consensus,
a joint statement annexed to the first meeting's report and another to this report.
"""

import io
import re
import xml.etree.ElementTree as ET

import docx
import pytest
from django.utils import translation

from proceedings.enums import ReportKind
from proceedings.reports import HeaderField, Paragraph, Section
from tests.proceedings.group_reports import (
    built_from_history,
    docx_sections,
    history_file,
    html_header_block,
    html_sections,
    lines,
    missing_in_order,
    pdf_lines,
    pdf_text,
    text_of,
)

# The module's fixture builds in the test database; the mark sets it up.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ge_tst(django_db_setup, django_db_blocker, tmp_path_factory):
    history = history_file("ge-tst.json")
    with django_db_blocker.unblock():
        return built_from_history(tmp_path_factory, history, "GE-TST", ReportKind.PROGRESS)


HEADER_BLOCK = [
    HeaderField(
        "Objet",
        "Le présent rapport résume les principaux résultats des première et deuxième réunions "
        "du GE-TST (respectivement 3-4 mars 2025 et 15-16 septembre 2025), conformément aux "
        "textes suivants\u00a0: Résolution 1410 du Conseil (2024).",
    ),
    HeaderField(
        "Suite à donner par le Conseil", "Le Conseil est invité à prendre note du rapport."
    ),
    HeaderField(
        "Lien(s) pertinent(s) avec le Plan stratégique",
        "Plateforme de rassemblement ; essais de conformité et d'interopérabilité.",
    ),
    HeaderField("Incidences financières", "Dans les limites du budget alloué pour 2026-2027."),
    HeaderField("Références", "Résolution 1410 du Conseil (2024)"),
]

SECTIONS = [
    Section(
        "1",
        "Introduction",
        [
            Paragraph(
                "1.1",
                "Le Conseil a créé le Groupe d'experts sur les essais de conformité (GE-TST), "
                "ouvert à tous les États Membres et Membres de Secteur, pour étudier les "
                "programmes d'essais de conformité et d'interopérabilité.",
            ),
            Paragraph(
                "1.2",
                # The builder's own words, with French's no-break space before the colon.
                "Les attributions du GE-TST sont les suivantes\u00a0:",
                [
                    "examiner les programmes d'essais de conformité et d'interopérabilité",
                    "proposer des lignes directrices aux États Membres",
                ],
            ),
        ],
    ),
    Section(
        "2",
        "Activités du GE-TST",
        [
            # Two places: a sentence each, the dates before the place, whose country is
            # already in parentheses.
            Paragraph(
                "2.1",
                "Le GE-TST a tenu sa première réunion (3-4 mars 2025) au Centre international de "
                "conférences à Genève (Suisse). Le GE-TST a tenu sa deuxième réunion "
                "(15-16 septembre 2025) en ligne.",
            ),
            Paragraph(
                "2.2", "Le rapport de la première réunion du GE-TST a été approuvé par le Groupe."
            ),
            # "le rapport" after a verb, never after "de": no "de le" to contract.
            Paragraph(
                "2.3",
                "Lors de la première réunion du GE-TST, le Groupe a approuvé le plan de travail, "
                "étant entendu que le plan sera revu à chaque réunion du Groupe. Une déclaration "
                "faite à ce sujet (Canada et France) figure à l'Annexe 1 du rapport de la "
                "première réunion. Le Groupe a examiné le rapport sur les essais "
                "d'interopérabilité et en a pris note. Le Groupe a invité le secrétariat à mettre "
                "à jour le rapport pour sa prochaine réunion.",
            ),
            Paragraph(
                "2.4",
                "Lors de la deuxième réunion du GE-TST, le Groupe a décidé d'examiner le "
                "questionnaire aux États Membres ultérieurement. Aucun consensus n'a été atteint "
                "sur le projet de lignes directrices relatives aux essais de conformité. "
                "Plusieurs États Membres ont demandé un délai supplémentaire pour consulter leurs "
                "régulateurs. Une déclaration faite à ce sujet (France) figure à l'Annexe 1 du "
                "présent rapport.",
            ),
        ],
    ),
    Section(
        "3",
        "Conclusions",
        [
            Paragraph(
                "3.1",
                "Le Conseil est invité à prendre note du présent rapport d'activité du GE-TST.",
            ),
            Paragraph(
                "3.2",
                "Au nom du GE-TST, le Président remercie les membres qui ont soumis des "
                "contributions et participé aux travaux du Groupe, ainsi que le Vice-Président et "
                "le secrétariat pour leur appui lors des première et deuxième réunions du GE-TST.",
            ),
        ],
    ),
]

# Words only an English sentence has: one of them in the report is an untranslated one.
ENGLISH = re.compile(
    r"\b(the|and|of|meetings?|Group|approved|statements?|Annex|held|online|respectively|"
    r"invited|report|Chair|Vice-Chairs?|secretariat|Purpose|Action|References|Financial|"
    r"English|French)\b"
)


def english_words(texts):
    return sorted({word for text in texts for word in ENGLISH.findall(text)})


@pytest.fixture
def in_french():
    """The document's labels (its by-line, its annexes' and its header's lines) are words
    of the language active when they are read: the renderers read them in the report's."""
    with translation.override("fr"):
        yield


def test_header_and_header_block_are_in_french(ge_tst, in_french):
    document = ge_tst.document

    assert document.title == "Rapport d'activité du GE-TST"
    assert document.by_line == "Rapport du Président du GE-TST"
    assert [line.text for line in document.header.left()] == ["Conseil 2026"]
    assert [line.text for line in document.header.right()][:2] == [
        "Document C26/40",
        "16 septembre 2025",
    ]
    assert document.header_block == HEADER_BLOCK


def test_the_original_language_is_named_as_french_writes_it(ge_tst, in_french):
    assert ge_tst.document.header.right()[-1].text == "Original\u00a0: français"


def test_sections_1_to_3_read_word_for_word_in_french(ge_tst):
    assert ge_tst.document.sections == SECTIONS


def test_no_english_is_left_in_the_report(ge_tst, in_french):
    document = ge_tst.document
    header = document.header
    texts = [
        document.title,
        document.by_line,
        *(line.text for line in [*header.left(), *header.right()]),
        *(text for field in document.header_block for text in (field.label, field.value)),
        *(text for section in lines(document.sections) for text in section),
        *(text for annex in document.annexes for text in (annex.label, *annex.paragraphs)),
    ]
    word = docx.Document(io.BytesIO(ge_tst.docx))
    cells = [cell for table in word.tables for row in table.rows for cell in row.cells]

    assert english_words(texts) == []
    # Nor anywhere in the page or in the DOCX a visitor downloads.
    assert english_words([text_of(ET.fromstring(ge_tst.html))]) == []
    assert english_words(p.text for p in [*word.paragraphs, *cells]) == []


def test_the_page_the_docx_and_the_pdf_say_it_in_french(ge_tst, tmp_path):
    assert html_sections(ge_tst.html) == lines(SECTIONS)
    assert html_header_block(ge_tst.html) == HEADER_BLOCK
    assert docx_sections(ge_tst.docx) == lines(SECTIONS)
    assert missing_in_order(pdf_text(ge_tst.pdf, tmp_path), pdf_lines(SECTIONS)) == []
