"""The import benchmark's files and its way through the admin (bench/import.py), on a
small register. Not its speed: the script measures it."""

import importlib

import pytest
import tablib

from contributions.models import Contribution
from tests import factories

bench = importlib.import_module("bench.import")


@pytest.fixture
def register(meeting, delegate_a, secretariat, org_b):
    """Two published documents; the secretariat member the benchmark signs in as."""
    for title in ["Proposal", "Statement"]:
        factories.publish_document(
            meeting, delegate=delegate_a, secretariat=secretariat, title=title
        )
    return meeting


def test_the_files_are_the_register_edited_and_new_drafts(register):
    edits = tablib.Dataset().load(bench.update_file(5).decode(), format="csv")
    drafts = tablib.Dataset().load(bench.new_file(4).decode(), format="csv")

    assert edits["title"] == ["Proposal (edited)", "Statement (edited)"]
    assert drafts.headers == [
        "id",
        "meeting",
        "title",
        "abstract",
        "kind",
        "original_language",
        "access_level",
        "sources",
    ]
    assert [(row[1], row[2], row[7]) for row in drafts] == [
        (f"EG-ITRs {register.ordinal}", "Imported proposal 1", "Member State A"),
        (f"EG-ITRs {register.ordinal}", "Imported proposal 2", "Member State B; Member State A"),
        (
            f"EG-ITRs {register.ordinal}",
            "Imported proposal 3",
            "Member State A; Member State B",
        ),
        (f"EG-ITRs {register.ordinal}", "Imported proposal 4", "Member State B"),
    ]


def test_the_import_goes_through_the_dry_run_and_the_confirm(register):
    client, user = bench.signed_in_client()
    files = [("update.csv", bench.update_file(2)), ("new.csv", bench.new_file(3))]

    steps = [bench.import_through_admin(client, name, content) for name, content in files]

    assert user.username == "secretariat"
    assert sorted(Contribution.objects.values_list("title", flat=True)) == [
        "Imported proposal 1",
        "Imported proposal 2",
        "Imported proposal 3",
        "Proposal (edited)",
        "Statement (edited)",
    ]
    table = bench.table([("update", 2, steps[0]), ("new", 3, steps[1])]).splitlines()
    assert [line.split(" | ")[:3] for line in table[2:]] == [
        ["| update", "dry run", "2"],
        ["| update", "confirm", "2"],
        ["| new", "dry run", "3"],
        ["| new", "confirm", "3"],
    ]
    assert [step.log.count > 0 for pair in steps for step in pair] == [True] * 4
    assert [(dry_run.page_size > 0, confirm.page_size) for dry_run, confirm in steps] == [
        (True, 0),
        (True, 0),
    ]
