"""Export, import into an empty database, export again: the same bytes, files included."""

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.loader import create_accounts, load_demo
from history.exporter import export_history
from history.importer import import_history_file
from meetings.models import ExpertGroup
from tests.history.helpers import second_history_accounts, tree
from tests.history.histories import second_history, write_files


def exported_and_rolled_back(tmp_path, name, fill):
    """Export what `fill()` puts in the database into tmp_path/name, then roll it back."""
    with transaction.atomic():
        fill()
        export_history(tmp_path / name)
        transaction.set_rollback(True)
    return tmp_path / name


def test_the_second_history_comes_back_byte_for_byte(db, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    write_files(source, second_history())

    first = exported_and_rolled_back(
        tmp_path,
        "first",
        lambda: import_history_file(source / "history.json", by=second_history_accounts()),
    )
    import_history_file(first / "history.json", by=second_history_accounts())
    export_history(tmp_path / "second")

    assert tree(tmp_path / "second") == tree(first)
    assert len(tree(first)) == 12  # the JSON and its 11 files


def test_the_demo_comes_back_byte_for_byte(db, tmp_path):
    first = exported_and_rolled_back(tmp_path, "first", load_demo)
    # Accounts are not part of a history: the demo's are made again, as on any new site.
    secretariat = create_accounts()
    assert (ExpertGroup.objects.count(), get_user_model().objects.count()) == (0, 4)

    import_history_file(first / "history.json", by=secretariat)
    export_history(tmp_path / "second")

    assert tree(tmp_path / "second") == tree(first)
    assert len(tree(first)) == 24  # the JSON and its 23 files
