"""Time the inspection of uploads: a normal 5 MB Word document, a 20 MB PDF, ZIP bombs.

    .venv/bin/python bench/uploads.py [RUNS]

Prints, per file, its size, what the inspection says and the median time of
`contributions.files.check_document_file` over the runs. With CLAMD_SOCKET (or
CLAMD_HOST) set, the virus scan is part of it, as on the site.
"""

import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egitrs.settings")
django.setup()

import docx  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from contributions.files import FileRefused, antivirus, check_document_file  # noqa: E402
from tests.contributions import hostile  # noqa: E402


def word_document(size):
    """A DOCX of about `size` bytes: pages of text and photographs (noise, which does not
    compress, as photographs hardly do)."""
    randomness = random.Random(0)
    document = docx.Document()
    document.add_heading("Proposal on the review of the ITRs", level=1)
    for number in range(3000):
        document.add_paragraph(
            f"{number}. " + " ".join(randomness.choice(WORDS) for _ in range(40))
        )
    buffer = io.BytesIO()
    document.save(buffer)
    while buffer.tell() < size:
        picture = io.BytesIO()
        Image.frombytes("RGB", (400, 400), randomness.randbytes(400 * 400 * 3)).save(
            picture, "PNG"
        )
        picture.seek(0)
        document.add_picture(picture)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


WORDS = [
    "the",
    "group",
    "reviews",
    "article",
    "telecommunication",
    "regulations",
    "member",
    "states",
    "proposal",
]


def pdf_document(size):
    """A PDF of about `size` bytes, made as the site's own sample PDFs are."""
    return hostile.pdf_file(
        objects=[b"<< /Length %d >>\nstream\n" % size + b"0" * size + b"\nendstream"]
    )


def timed(name, content, runs):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            check_document_file(SimpleUploadedFile(name, content))
            outcome = "accepted"
        except FileRefused as refused:
            outcome = f"refused ({refused.code})"
        timings.append((time.perf_counter() - started) * 1000)
    size = f"{len(content) / 2**20:.2f} MB"
    print(f"{name:36} {size:>10} {outcome:28} {statistics.median(timings):9.1f}")


def main(runs=5):
    runs = int(runs)
    scanning = (
        "with clamd at " + antivirus.scanner_address() if antivirus.is_configured() else "no clamd"
    )
    print(f"check_document_file, median of {runs} runs, {scanning}")
    print(f"{'file':36} {'size':>10} {'outcome':28} {'median ms':>9}")
    timed("proposal.docx", word_document(5 * 2**20), runs)
    timed("report.pdf", pdf_document(20 * 2**20 - 4096), runs)
    bomb = [hostile.bomb_entry("word/media/image1.png", 300, declared_size=1000)]
    timed("bomb-lying-headers.docx", hostile.docx(add=bomb), runs)
    bomb = [hostile.bomb_entry("word/media/image1.png", 300, declared_size=300 * 2**20)]
    timed("bomb-honest-headers.docx", hostile.docx(add=bomb), runs)
    nested = hostile.zip_package([hostile.bomb_entry("zeros", 300, declared_size=300 * 2**20)])
    nested_bomb = hostile.docx(add=[hostile.Entry("word/media/x.png", nested, deflate=False)])
    timed("nested-bomb.docx", nested_bomb, runs)


if __name__ == "__main__":
    main(*sys.argv[1:])
