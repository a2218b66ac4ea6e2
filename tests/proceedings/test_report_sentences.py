"""Every outcome and every shape of decision reads right, in a report to the parent body
and in the meeting's own report: sentences written from small records of their own."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from meetings.enums import MeetingStatus, OfficerRole
from meetings.models import Meeting, Officer, Registration
from proceedings import services
from proceedings.enums import Outcome, ReportStatus
from proceedings.models import Statement
from proceedings.reports import HeaderField, build_report
from tests import factories
from tests.proceedings.conftest import make_decision, make_report, make_statement
from tests.proceedings.stories import satellite_story

SUBJECT = "the amendments to Article 4 proposed by Japan"

# The first sentence of the meeting's paragraph in the progress report, per outcome, with
# and without the wording agreed (which follows it, or completes it for an understanding).
LEAD = {
    (Outcome.APPROVED, False): (
        "In the first meeting of the EG-TBL, the Group approved the amendments to Article 4 "
        "proposed by Japan."
    ),
    (Outcome.APPROVED, True): (
        "In the first meeting of the EG-TBL, the Group approved the amendments to Article 4 "
        "proposed by Japan. Japan's delegation will align the French text."
    ),
    (Outcome.APPROVED_WITH_UNDERSTANDING, False): (
        "In the first meeting of the EG-TBL, the Group approved the amendments to Article 4 "
        "proposed by Japan with an understanding."
    ),
    (Outcome.APPROVED_WITH_UNDERSTANDING, True): (
        "In the first meeting of the EG-TBL, the Group approved the amendments to Article 4 "
        "proposed by Japan with the understanding that Japan's delegation will align the "
        "French text."
    ),
    (Outcome.NOTED, False): (
        "In the first meeting of the EG-TBL, the Group took note of the amendments to Article 4 "
        "proposed by Japan."
    ),
    (Outcome.NOTED, True): (
        "In the first meeting of the EG-TBL, the Group took note of the amendments to Article 4 "
        "proposed by Japan. Japan's delegation will align the French text."
    ),
    (Outcome.NO_CONSENSUS, False): (
        "In the first meeting of the EG-TBL, no consensus was reached on the amendments to "
        "Article 4 proposed by Japan."
    ),
    (Outcome.NO_CONSENSUS, True): (
        "In the first meeting of the EG-TBL, no consensus was reached on the amendments to "
        "Article 4 proposed by Japan. Japan's delegation will align the French text."
    ),
    (Outcome.DEFERRED, False): (
        "In the first meeting of the EG-TBL, the Group deferred its consideration of the "
        "amendments to Article 4 proposed by Japan."
    ),
    (Outcome.DEFERRED, True): (
        "In the first meeting of the EG-TBL, the Group deferred its consideration of the "
        "amendments to Article 4 proposed by Japan. Japan's delegation will align the French "
        "text."
    ),
    (Outcome.NOT_APPROVED, False): (
        "In the first meeting of the EG-TBL, the Group did not approve the amendments to "
        "Article 4 proposed by Japan."
    ),
    (Outcome.NOT_APPROVED, True): (
        "In the first meeting of the EG-TBL, the Group did not approve the amendments to "
        "Article 4 proposed by Japan. Japan's delegation will align the French text."
    ),
}
# The same decisions in the meeting report.
MEETING = {
    (
        Outcome.APPROVED,
        False,
    ): "The meeting approved the amendments to Article 4 proposed by Japan.",
    (Outcome.APPROVED, True): (
        "The meeting approved the amendments to Article 4 proposed by Japan. Japan's "
        "delegation will align the French text."
    ),
    (Outcome.APPROVED_WITH_UNDERSTANDING, False): (
        "The meeting approved the amendments to Article 4 proposed by Japan with an understanding."
    ),
    (Outcome.APPROVED_WITH_UNDERSTANDING, True): (
        "The meeting approved the amendments to Article 4 proposed by Japan with the "
        "understanding that Japan's delegation will align the French text."
    ),
    (
        Outcome.NOTED,
        False,
    ): "The meeting took note of the amendments to Article 4 proposed by Japan.",
    (Outcome.NOTED, True): (
        "The meeting took note of the amendments to Article 4 proposed by Japan. Japan's "
        "delegation will align the French text."
    ),
    (Outcome.NO_CONSENSUS, False): (
        "No consensus was reached on the amendments to Article 4 proposed by Japan."
    ),
    (Outcome.NO_CONSENSUS, True): (
        "No consensus was reached on the amendments to Article 4 proposed by Japan. Japan's "
        "delegation will align the French text."
    ),
    (Outcome.DEFERRED, False): (
        "The meeting deferred its consideration of the amendments to Article 4 proposed by Japan."
    ),
    (Outcome.DEFERRED, True): (
        "The meeting deferred its consideration of the amendments to Article 4 proposed by "
        "Japan. Japan's delegation will align the French text."
    ),
    (Outcome.NOT_APPROVED, False): (
        "The meeting did not approve the amendments to Article 4 proposed by Japan."
    ),
    (Outcome.NOT_APPROVED, True): (
        "The meeting did not approve the amendments to Article 4 proposed by Japan. Japan's "
        "delegation will align the French text."
    ),
}
CONSIDERED = "The meeting considered Document EG-TBL 1/1."
# The statements on the decision: none; Japan's, made but not annexed; and a joint one of
# Brazil and the Russian Federation, annexed as Annex 3 to the approved meeting report.
STATEMENTS_IN_PROGRESS = [
    [],
    ["A statement was made by Japan in this respect."],
    [
        "A statement was made by Japan in this respect.",
        "A statement from Brazil and the Russian Federation in this respect is attached as "
        "Annex 3 to the First Meeting Report.",
    ],
]
STATEMENTS_IN_MEETING_REPORT = [
    [],
    ["A statement was made by Japan in this respect."],
    [
        "A statement was made by Japan in this respect.",
        "A statement from Brazil and the Russian Federation in this respect is attached as "
        "Annex 3 to this report.",
    ],
]


def table_group(secretariat, *, outcome, wording, with_document, statements):
    """The EG-TBL: one meeting in Nairobi, one decision of `outcome`, its meeting report
    approved (by a procedural decision) and a progress report of the period."""
    group = factories.ExpertGroupFactory(acronym="EG-TBL", name="Expert Group on Tables")
    group.parent_body_in_sentence = "the Council"
    group.save()
    Officer.objects.create(group=group, name="Chair", role=OfficerRole.CHAIR)
    meeting = factories.MeetingFactory(
        group=group,
        ordinal=1,
        venue="United Nations Office at Nairobi",
        city="Nairobi",
        country="Kenya",
    )
    documents = []
    if with_document:
        japan_delegate = factories.DelegateFactory(
            organization=factories.OrganizationFactory(name="Japan")
        )
        documents = [
            factories.publish_document(
                meeting, delegate=japan_delegate, secretariat=secretariat, title="Article 4"
            )
        ]
    meeting.start_date = meeting.end_date = datetime.date(2022, 5, 10)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    decision = make_decision(
        meeting,
        subject=SUBJECT,
        outcome=outcome,
        text="Japan's delegation will align the French text." if wording else "",
        documents=documents,
        order=1,
    )
    approval = make_decision(
        meeting, subject="the report of the meeting", order=2, procedural=True
    )
    meeting_report = make_report(
        group,
        meeting=meeting,
        title="Report of the first meeting of the EG-TBL",
        approved_by=approval,
    )
    japan = factories.OrganizationFactory(name="Japan")
    if statements >= 1:
        make_statement(meeting, organizations=[japan], decision=decision, title="By Japan")
    if statements >= 2:
        make_statement(
            meeting,
            organizations=[
                factories.OrganizationFactory(name="Brazil"),
                factories.OrganizationFactory(
                    name="Russian Federation", name_in_sentence="the Russian Federation"
                ),
            ],
            decision=decision,
            title="Joint statement",
            report=meeting_report,
            annex_number=3,
        )
    progress = make_report(
        group,
        title="Progress report of the EG-TBL",
        status=ReportStatus.DRAFT,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
    )
    return SimpleNamespace(progress=progress, meeting_report=meeting_report)


@pytest.mark.parametrize("statements", [0, 1, 2])
@pytest.mark.parametrize("with_document", [False, True], ids=["no-document", "document"])
@pytest.mark.parametrize("wording", [False, True], ids=["no-wording", "wording"])
@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_and_shape_of_decision_reads_right(
    secretariat, outcome, wording, with_document, statements
):
    records = table_group(
        secretariat,
        outcome=outcome,
        wording=wording,
        with_document=with_document,
        statements=statements,
    )

    progress = build_report(records.progress)
    meeting_report = build_report(records.meeting_report)

    # Never left out by a guess: only the procedural approval of the report is.
    assert [p.text for p in progress.section("2").paragraphs] == [
        "The EG-TBL held its first meeting at the United Nations Office at Nairobi in Nairobi, "
        "Kenya, on 10 May 2022.",
        "The Report of the first meeting of the EG-TBL was approved by the Group.",
        " ".join([LEAD[outcome, wording], *STATEMENTS_IN_PROGRESS[statements]]),
    ]
    assert meeting_report.section("3").paragraphs[0].text == " ".join(
        [
            *([CONSIDERED] if with_document else []),
            MEETING[outcome, wording],
            *STATEMENTS_IN_MEETING_REPORT[statements],
        ]
    )


# The second history (EG-SAT): a deferral, an online meeting, a joint statement annexed to
# the draft report of that meeting.


@pytest.fixture
def sat(secretariat):
    return satellite_story(secretariat)


def texts(section):
    return [(paragraph.number, paragraph.text) for paragraph in section.paragraphs]


SAT_2_1 = (
    "The EG-SAT held its first meeting at the United Nations Conference Centre in Bangkok, "
    "Thailand, on 3-4 June 2019. The EG-SAT held its second meeting online on 9 March 2020."
)
SAT_2_3 = (
    "In the first meeting of the EG-SAT, the Group deferred its consideration of the terms of "
    "reference. The Group will take them up at its next meeting."
)
SAT_2_4 = (
    "In the second meeting of the EG-SAT, the Group took note of the filing procedures. The "
    "Group will revisit them in 2021."
)
SAT_THANKS = (
    "On behalf of the EG-SAT, the Chair thanks the members who made contributions and took "
    "part in the work of the Group and the secretariat for their assistance during the first "
    "and second meetings of the EG-SAT."
)


def test_a_progress_report_is_written_from_its_groups_records(sat):
    document = build_report(sat.progress)

    assert document.header.author == "Chair of the EG-SAT"
    assert document.by_line == "Report by the Chair of the EG-SAT"
    assert [(field.label, field.value) for field in document.header_block] == [
        (
            "Purpose",
            "This report summarizes the main results of the first and second meetings of the "
            "EG-SAT, held on 3-4 June 2019 and 9 March 2020 respectively, in line with "
            "Resolution 9 (Rev. Dubai, 2018).",
        ),
        ("Action required by the Council", "The Council is invited to note the report."),
        ("References", "Resolution 9 (Rev. Dubai, 2018)"),
    ]
    # The second meeting report is a draft: the statement's annex number is not final.
    assert texts(document.section("2")) == [
        ("2.1", SAT_2_1),
        ("2.2", "The Report of the first meeting of the EG-SAT was approved by the Group."),
        ("2.3", SAT_2_3),
        (
            "2.4",
            f"{SAT_2_4} A statement from Kenya and Thailand in this respect is to be attached "
            "to the Second Meeting Report, provisionally as Annex 1.",
        ),
    ]
    # One chair, no vice-chair: the thanks name no vice-chair.
    assert texts(document.section("3")) == [
        ("3.1", "The Council is invited to note this progress report of the EG-SAT."),
        ("3.2", SAT_THANKS),
    ]


def test_a_period_counts_only_its_meetings_and_approvals(sat):
    sat.progress.period_end = datetime.date(2019, 12, 31)

    # The first meeting's report was approved by the second meeting, after the period.
    assert texts(build_report(sat.progress).section("2")) == [
        (
            "2.1",
            "The EG-SAT held its first meeting at the United Nations Conference Centre in "
            "Bangkok, Thailand, on 3-4 June 2019.",
        ),
        ("2.2", SAT_2_3),
    ]


def test_an_annex_number_is_quoted_from_the_approved_meeting_report(sat, secretariat):
    sat.online_report.parent_body_document = "EG-SAT-2/REP"
    sat.online_report.save()
    services.approve_report(report=sat.online_report, decision=sat.approval_2, by=secretariat)
    approved = (
        "A statement from Kenya and Thailand in this respect is attached as Annex 1 to "
        "the Second Meeting Report."
    )

    assert build_report(sat.progress).paragraph("2.4").text == f"{SAT_2_4} {approved}"

    # A new version renumbers its annexes; until it is approved, the approved number holds.
    sat.online_report.refresh_from_db()
    draft = services.new_report_version(report=sat.online_report, by=secretariat)
    Statement.objects.filter(pk=sat.statement.pk).update(annex_number=5)

    assert build_report(sat.progress).paragraph("2.4").text == f"{SAT_2_4} {approved}"
    assert build_report(draft).annex(5).title == "Joint statement by Kenya and Thailand"


def test_header_fields_are_written_from_the_records_until_the_secretariat_writes_its_own(
    sat, secretariat
):
    progress = sat.progress
    assert progress.purpose == ""

    Meeting.objects.filter(pk=sat.online.pk).update(end_date=datetime.date(2020, 3, 10))

    assert build_report(progress).header_block[0].value == (
        "This report summarizes the main results of the first and second meetings of the "
        "EG-SAT, held on 3-4 June 2019 and 9-10 March 2020 respectively, in line with "
        "Resolution 9 (Rev. Dubai, 2018)."
    )
    assert build_report(progress).notices == []

    progress.purpose = "This report gives the Council the Group's proposals."
    services.record_header_basis(progress, ["purpose"])
    progress.save()
    assert build_report(progress).notices == []

    Meeting.objects.filter(pk=sat.online.pk).update(end_date=datetime.date(2020, 3, 11))
    document = build_report(progress)

    assert document.header_block[0].value == "This report gives the Council the Group's proposals."
    assert document.notices == [
        "The records changed since the secretariat wrote the purpose: it was written when "
        "they read “This report summarizes the main results of the first and second meetings "
        "of the EG-SAT, held on 3-4 June 2019 and 9-10 March 2020 respectively, in line with "
        "Resolution 9 (Rev. Dubai, 2018).”; they now read “This report summarizes the main "
        "results of the first and second meetings of the EG-SAT, held on 3-4 June 2019 and "
        "9-11 March 2020 respectively, in line with Resolution 9 (Rev. Dubai, 2018).”. Check "
        "it before approval."
    ]


def test_another_parent_body_and_its_officers_are_named_from_the_records(sat):
    group = sat.group
    group.parent_body = "Telecommunication Standardization Advisory Group"
    group.parent_body_in_sentence = "TSAG"
    group.save()
    sat.progress.kind = "final"
    Officer.objects.filter(group=group).delete()
    Officer.objects.create(group=group, name="Co-Chair", role=OfficerRole.CHAIR)
    Officer.objects.create(group=group, name="Co-Chair", role=OfficerRole.CHAIR)
    Officer.objects.create(group=group, name="Vice-Chair", role=OfficerRole.VICE_CHAIR)
    # An officer whose term ended before the report is not thanked.
    Officer.objects.create(
        group=group,
        name="Vice-Chair",
        role=OfficerRole.VICE_CHAIR,
        end_date=datetime.date(2019, 1, 1),
    )

    document = build_report(sat.progress)

    assert document.header.author == "Co-Chairs of the EG-SAT"
    assert document.header_block[1] == HeaderField(
        "Action required by TSAG", "TSAG is invited to note the report."
    )
    assert texts(document.section("3")) == [
        ("3.1", "TSAG is invited to note this final report of the EG-SAT."),
        (
            "3.2",
            "On behalf of the EG-SAT, the Co-Chairs thank the members who made contributions "
            "and took part in the work of the Group, the Vice-Chair and the secretariat for "
            "their assistance during the first and second meetings of the EG-SAT.",
        ),
    ]


def test_a_parent_body_or_a_group_words_a_sentence_its_own_way(sat, tmp_path, settings):
    bodies = tmp_path / "reports" / "wording" / "bodies" / "itu-council"
    bodies.mkdir(parents=True)
    (bodies / "invitation.txt").write_text(
        "{{ parent_body|capfirst }} is invited to take note of the report of the {{ group }}."
    )
    groups = tmp_path / "reports" / "wording" / "groups" / "eg-sat"
    groups.mkdir(parents=True)
    (groups / "action_required.txt").write_text("The Council is invited to endorse the report.")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    document = build_report(sat.progress)

    assert document.paragraph("3.1").text == (
        "The Council is invited to take note of the report of the EG-SAT."
    )
    assert document.header_block[1].value == "The Council is invited to endorse the report."


def test_a_number_outside_the_parent_bodys_series_is_refused(sat, secretariat):
    sat.progress.parent_body_document = "TSAG-TD 45"
    sat.progress.save()

    with pytest.raises(ValidationError) as refusal:
        services.approve_report(report=sat.progress, decision=sat.approval_2, by=secretariat)

    assert refusal.value.messages == [
        "“TSAG-TD 45” is not a document number of ITU Council, whose numbers start “CYY/”."
    ]


def test_a_meeting_in_session_is_not_said_to_have_closed(sat):
    item = factories.AgendaItemFactory(
        meeting=sat.online, number="3", title="Closing", kind="closing", order=3
    )
    factories.AgendaItemFactory(
        meeting=sat.online, number="1", title="Opening", kind="opening", order=0
    )
    factories.AgendaItemFactory(
        meeting=sat.online, number="1A", title="Agenda", kind="agenda", order=1
    )

    held = build_report(sat.online_report)
    Meeting.objects.filter(pk=sat.online.pk).update(status=MeetingStatus.OPEN)
    sat.online_report.refresh_from_db()
    in_session = build_report(sat.online_report)

    assert texts(held.section(item.number)) == [("3.1", "The meeting closed on 9 March 2020.")]
    assert texts(in_session.section(item.number)) == [
        ("3.1", "Nothing is recorded under this item yet.")
    ]


def test_a_meeting_without_recorded_attendance_says_so_and_annexes_no_list(sat):
    Registration.objects.filter(meeting=sat.online).delete()

    document = build_report(sat.online_report)

    assert texts(document.section("1")) == [
        ("1.1", "The second meeting of the EG-SAT was held online on 9 March 2020."),
        ("1.2", "No attendance was recorded for the meeting."),
    ]
    assert [(annex.number, annex.title) for annex in document.annexes] == [
        (1, "Joint statement by Kenya and Thailand"),
        (2, "Agenda"),
    ]
