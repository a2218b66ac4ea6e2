"""The example of docs/history-format.md imports as it says."""

from contributions.models import Contribution
from history.importer import import_history_file
from proceedings.models import Report
from tests import factories
from tests.history.docs_example import write_docs_example


def test_the_documented_example_imports(db, tmp_path):
    secretariat = factories.SecretariatUserFactory(username="secretariat")

    summary = import_history_file(write_docs_example(tmp_path), by=secretariat)

    assert summary.imported is True
    assert [
        (c.register_number, c.is_late, [str(s.organization) for s in c.sources.all()])
        for c in Contribution.objects.order_by("amendment_kind")
    ] == [
        ("TSAG-RG-WM 1/1", False, ["Brazil", "Argentina"]),
        ("TSAG-RG-WM 1/1 (Corr.1)", True, ["Brazil", "Argentina"]),
    ]
    assert [(r.title, r.status) for r in Report.objects.all()] == [
        ("Report of the first meeting", "published")
    ]
