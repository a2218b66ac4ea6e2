"""Each document keeps its meeting's group (`Contribution.group`), filled from the meetings."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_groups(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Meeting = apps.get_model("meetings", "Meeting")
    group_of_meeting = Meeting.objects.filter(pk=OuterRef("meeting_id")).values("group_id")
    Contribution.objects.update(group_id=Subquery(group_of_meeting[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0007_search_entries"),
        ("meetings", "0003_rows_ordered_by_their_parent_column"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="group",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.expertgroup",
                verbose_name="group",
            ),
        ),
        migrations.RunPython(fill_groups, migrations.RunPython.noop, elidable=False),
    ]
