"""The rows that hang off a document are read without joining the register: a list's
prefetch of sources, files, translations and status changes stays one plain query per kind
however large the register grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions.models import ContributionFile, Source, StatusChange, Translation


@pytest.mark.parametrize("model", [Source, ContributionFile, Translation, StatusChange])
def test_the_rows_of_some_documents_are_read_from_their_own_table_alone(db, model):
    with CaptureQueriesContext(connection) as queries:
        list(model.objects.filter(contribution_id__in=[1, 2]))

    [query] = queries.captured_queries
    assert "JOIN" not in query["sql"]
    assert query["sql"].endswith(
        {
            Source: 'ORDER BY "contributions_source"."contribution_id" ASC, '
            '"contributions_source"."order" ASC, "contributions_source"."id" ASC',
            ContributionFile: 'ORDER BY "contributions_contributionfile"."contribution_id" ASC, '
            '"contributions_contributionfile"."language" ASC, '
            '"contributions_contributionfile"."id" DESC',
            Translation: 'ORDER BY "contributions_translation"."contribution_id" ASC, '
            '"contributions_translation"."language" ASC',
            StatusChange: 'ORDER BY "contributions_statuschange"."contribution_id" ASC, '
            '"contributions_statuschange"."at" ASC, "contributions_statuschange"."id" ASC',
        }[model]
    )
