import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import history.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoryImport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=255, upload_to=history.models.upload_to, verbose_name="file"
                    ),
                ),
                ("file_name", models.CharField(max_length=255, verbose_name="name as uploaded")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="uploaded"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("checked", "Checked: ready to import"),
                            ("refused", "Refused: the file has problems"),
                            ("imported", "Imported"),
                        ],
                        editable=False,
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "summary",
                    models.JSONField(default=dict, editable=False, verbose_name="dry-run summary"),
                ),
                (
                    "problems",
                    models.JSONField(default=list, editable=False, verbose_name="problems"),
                ),
                (
                    "imported_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="imported"
                    ),
                ),
                (
                    "imported_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="imported by",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "history import",
                "verbose_name_plural": "history imports",
                "ordering": ["-uploaded_at", "-pk"],
            },
        ),
    ]
