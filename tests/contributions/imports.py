"""How a test imports documents as the secretariat does: a CSV file through the admin."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV


def admin_import_preview(client, dataset):
    """The admin's dry run of `dataset` uploaded as a CSV file (the preview page)."""
    return client.post(
        reverse("admin:contributions_contribution_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile(
                "documents.csv", CSV().export_data(dataset).encode()
            ),
        },
    )
