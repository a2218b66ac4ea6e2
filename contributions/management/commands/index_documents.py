"""Write the search index of every registered document: after an upgrade, or a restore."""

from django.core.management.base import BaseCommand

from contributions.models import Contribution
from contributions.search import index_documents

BATCH = 500


class Command(BaseCommand):
    help = "Index the words of every registered document for the search (title, abstract, files)."

    def handle(self, *args, **options):
        ids = list(Contribution.objects.registered().order_by("pk").values_list("pk", flat=True))
        entries = 0
        for start in range(0, len(ids), BATCH):
            entries += index_documents(ids[start : start + BATCH])
            self.stdout.write(f"{min(start + BATCH, len(ids))} of {len(ids)} documents")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {len(ids)} documents in {entries} language entries.")
        )
