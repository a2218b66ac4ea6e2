"""Export, import into an empty database, export again: the same bytes, files included."""

from django.db import transaction

from history.exporter import export_history
from history.importer import import_history_file
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
