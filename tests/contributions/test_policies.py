"""Who may see a document, its files and its history (DESIGN.md §5 and §8).

Each cell is checked three ways: the one-document answer (`can_view`, evaluated in
Python), the list (`visible_to`, in SQL), and the table written out in tests/access.py.
tests/proceedings/test_access.py checks that every page, file, feed, export, admin and
report agrees with these answers.
"""

import datetime

import pytest
from django.utils import timezone

from contributions import services
from contributions.enums import Language
from contributions.models import Contribution, ContributionFile, StatusChange
from contributions.policies import contribution_policy, file_policy, status_change_policy
from meetings.enums import AccessLevel
from meetings.models import Officer
from tests.access import READERS, STATES, document_in, fresh, may_read
from tests.factories import docx_upload, make_contribution


@pytest.fixture
def make(meeting, people, org_c):
    def make(state, access=AccessLevel.PUBLIC, **fields):
        return document_in(
            state, access, meeting=meeting, people=people, cosponsor_organization=org_c, **fields
        )

    return make


@pytest.mark.parametrize("access", list(AccessLevel))
@pytest.mark.parametrize("state", STATES)
def test_one_rule_answers_for_one_document_and_for_lists(state, access, make, people):
    contribution = make(state, access)

    one = {
        reader: contribution_policy.can_view(people[reader], fresh(contribution))
        for reader in READERS
    }
    prefetched = {
        reader: contribution_policy.can_view(
            people[reader], Contribution.objects.with_register_data().get(pk=contribution.pk)
        )
        for reader in READERS
    }
    listed = {
        reader: contribution_policy.visible_to(people[reader]).filter(pk=contribution.pk).exists()
        for reader in READERS
    }

    assert one == prefetched == listed == may_read(state, access)


def test_explicit_view_tables(make, people):
    """A few rows of the table spelled out, so that `may_read` cannot hide a mistake."""
    yes, no = True, False
    expected = {
        ("draft", "public"): [no, yes, yes, no, no, no, yes],
        ("submitted", "public"): [no, yes, yes, no, yes, no, yes],
        ("submitted", "secretariat"): [no, yes, yes, no, no, no, yes],
        ("published", "public"): [yes, yes, yes, yes, yes, yes, yes],
        ("published", "members"): [no, yes, yes, yes, yes, yes, yes],
        ("published", "secretariat"): [no, yes, yes, no, no, no, yes],
        ("withdrawn_unnumbered", "public"): [no, yes, yes, no, no, no, yes],
        ("withdrawn_numbered", "public"): [yes, yes, yes, yes, yes, yes, yes],
        ("withdrawn_numbered", "members"): [no, yes, yes, yes, yes, yes, yes],
    }
    seen = {}
    for state, access in expected:
        contribution = fresh(make(state, access))
        seen[state, access] = [
            contribution_policy.can_view(people[reader], contribution) for reader in READERS
        ]
    assert seen == expected


def test_the_list_holds_exactly_what_each_reader_may_read(make, people):
    documents = {
        (state, access): make(state, access).pk for state in STATES for access in AccessLevel
    }
    for reader in READERS:
        visible = set(contribution_policy.visible_to(people[reader]).values_list("pk", flat=True))
        expected = {
            pk for (state, access), pk in documents.items() if may_read(state, access)[reader]
        }
        assert visible == expected, reader


def test_a_cosponsor_reads_the_draft_it_is_asked_to_confirm_and_nothing_else(
    meeting, people, make
):
    asked = make("draft")
    other_draft = make_contribution(meeting=meeting, delegate=people["submitter"])
    other_submitted = make_contribution(
        meeting=meeting, delegate=people["submitter"], status="submitted"
    )
    cosponsor = people["cosponsor"]

    assert [
        contribution_policy.can_view(cosponsor, fresh(document))
        for document in (asked, other_draft, other_submitted)
    ] == [True, False, False]
    assert list(contribution_policy.visible_to(cosponsor)) == [asked]


def test_an_officer_of_a_past_term_reads_no_submitted_document(make, people):
    contribution = fresh(make("submitted"))
    Officer.objects.filter(user=people["officer"]).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    officer = type(people["officer"]).objects.get(pk=people["officer"].pk)

    assert contribution_policy.can_view(officer, contribution) is False
    assert list(contribution_policy.visible_to(officer)) == []


def test_one_prefetched_document_is_answered_without_a_query(
    make, people, django_assert_num_queries
):
    contribution = Contribution.objects.with_register_data().get(pk=make("draft").pk)
    readers = [people[reader] for reader in READERS]
    for reader in readers:  # what the user is (organizations, offices) is asked once
        contribution_policy.rule(reader)

    with django_assert_num_queries(0):
        answers = [contribution_policy.can_view(reader, contribution) for reader in readers]

    assert answers == [False, True, True, False, False, False, True]


# Files: the current ones go with the document, superseded uploads are the secretariat's.


@pytest.mark.parametrize("access", list(AccessLevel))
@pytest.mark.parametrize("state", STATES)
def test_files_go_with_their_document_superseded_ones_to_the_secretariat(
    state, access, make, people
):
    contribution = make(state, access)
    first = contribution.files.get()
    second = services.add_file(
        contribution=contribution,
        upload=docx_upload("second.docx"),
        language=Language.ENGLISH,
        by=people["secretariat"],
    )

    answers = {
        reader: [
            file_policy.can_view(people[reader], ContributionFile.objects.get(pk=file.pk))
            for file in (first, second)
        ]
        for reader in READERS
    }
    listed = {
        reader: [
            file_policy.visible_to(people[reader]).filter(pk=file.pk).exists()
            for file in (first, second)
        ]
        for reader in READERS
    }

    readable = may_read(state, access)
    expected = {reader: [reader == "secretariat", readable[reader]] for reader in READERS}
    assert answers == listed == expected


def test_a_file_is_answered_in_one_query(make, people, django_assert_num_queries):
    file = make("published").files.get()
    file_policy.rule(people["officer"])  # what the user is, asked once

    with django_assert_num_queries(1):
        assert file_policy.can_view(people["officer"], file) is True


# History: the public moves for whoever reads the document, every move for the secretariat.


def test_the_history_shows_publication_and_withdrawal_to_readers(make, people):
    contribution = make("withdrawn_numbered")
    moves = StatusChange.objects.filter(contribution=contribution).order_by("at", "pk")

    seen = {
        reader: [
            (change.from_status, change.to_status)
            for change in status_change_policy.visible_to(people[reader], moves)
        ]
        for reader in READERS
    }
    by_one = {
        reader: [
            (change.from_status, change.to_status)
            for change in moves
            if status_change_policy.can_view(people[reader], change)
        ]
        for reader in READERS
    }

    public = [("submitted", "published"), ("published", "withdrawn")]
    every = [("draft", "submitted"), *public]
    assert seen == by_one == dict.fromkeys(READERS, public) | {"secretariat": every}


def test_the_history_of_a_secretariat_document_is_its_readers_only(make, people):
    contribution = make("published", AccessLevel.SECRETARIAT)
    moves = StatusChange.objects.filter(contribution=contribution)

    seen = {
        reader: status_change_policy.visible_to(people[reader], moves).count()
        for reader in READERS
    }

    assert seen == {
        "anonymous": 0,
        "submitter": 1,
        "cosponsor": 1,
        "other_delegate": 0,
        "officer": 0,
        "other_officer": 0,
        "secretariat": 2,
    }
