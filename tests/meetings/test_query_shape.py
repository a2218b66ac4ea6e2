"""The rows that hang off a meeting, a work plan or a report are read without joining
their parent: a prefetch of agenda items, decisions or report paragraphs stays one plain
query on its own table however many meetings and groups the installation holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AgendaItem, Registration
from proceedings.models import (
    Decision,
    ReportParagraph,
    ReportRendition,
    ReportTranslation,
    ReportTranslationFile,
    Statement,
    WorkPlanItem,
)

PARENT = {
    AgendaItem: ("meeting_id", "meetings_meeting"),
    Decision: ("meeting_id", "meetings_meeting"),
    Statement: ("meeting_id", "meetings_meeting"),
    WorkPlanItem: ("work_plan_id", "proceedings_workplan"),
    ReportParagraph: ("report_id", "proceedings_report"),
    ReportRendition: ("report_id", "proceedings_report"),
    ReportTranslation: ("report_id", "proceedings_report"),
    ReportTranslationFile: ("translation_id", "proceedings_reporttranslation"),
}


@pytest.mark.parametrize("model", list(PARENT), ids=lambda model: model.__name__)
def test_the_rows_of_some_parents_are_read_from_their_own_table_alone(db, model):
    column, parent_table = PARENT[model]
    with CaptureQueriesContext(connection) as queries:
        list(model.objects.filter(**{f"{column}__in": [1, 2]}))

    [query] = queries.captured_queries
    assert f'"{parent_table}"' not in query["sql"]
    order_by = query["sql"].split(" ORDER BY ")[1]
    assert order_by.startswith(f'"{model._meta.db_table}"."{column}" ASC, ')


def test_registrations_join_only_the_organization_they_are_sorted_by(db):
    with CaptureQueriesContext(connection) as queries:
        list(Registration.objects.filter(meeting_id__in=[1, 2]))

    [query] = queries.captured_queries
    assert '"meetings_meeting"' not in query["sql"]
    assert query["sql"].split(" ORDER BY ")[1] == (
        '"meetings_registration"."meeting_id" ASC, "members_organization"."name" ASC, '
        '"meetings_registration"."name" ASC'
    )
