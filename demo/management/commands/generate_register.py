from django.core.management.base import BaseCommand, CommandError

from demo.generator import RegisterRefused, generate_register


class Command(BaseCommand):
    help = (
        "Generate a register for benchmarks: expert groups, meetings and N published "
        "documents with sources, agenda items, revisions, translations, files and history. "
        "Refuses a database that holds anything it did not generate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, required=True, help="Register entries.")
        parser.add_argument(
            "--groups", type=int, help="Expert groups (default: one per 4,000 documents)."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed, the same register."
        )
        parser.add_argument("--chunk", type=int, default=2000, help="Documents per transaction.")

    def handle(self, *args, documents, groups, seed, chunk, **options):
        try:
            summary = generate_register(
                documents=documents,
                groups=groups,
                seed=seed,
                chunk=chunk,
                progress=self.stdout.write,
            )
        except (RegisterRefused, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.documents} documents ({summary.revisions} revisions, "
                f"{summary.addenda} addenda, {summary.corrigenda} corrigenda, "
                f"{summary.withdrawn} withdrawn) in {summary.groups} groups and "
                f"{summary.meetings} meetings; {summary.files} files "
                f"({summary.file_bytes / 2**20:.0f} MB), {summary.status_changes} status changes. "
                f"{summary.seconds:.1f} s, {summary.per_second:.0f} documents/s, "
                f"peak RSS {summary.peak_rss_mb:.0f} MB."
            )
        )
