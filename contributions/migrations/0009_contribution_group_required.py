"""Every document has its group, and a group's documents are indexed by publication."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0008_contribution_group"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contribution",
            name="group",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.expertgroup",
                verbose_name="group",
            ),
        ),
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                fields=["group", "-published_at"], name="contribution_group_published"
            ),
        ),
    ]
