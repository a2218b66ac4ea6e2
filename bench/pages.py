"""Time the main public pages of a running server (`make run` first).

    .venv/bin/python bench/pages.py [BASE_URL] [REQUESTS_PER_PAGE]

Prints, per page, the median and 95th-percentile response time over sequential requests
and the size of the page. Loopback only: it is meant for the server on this machine.
"""

import statistics
import sys
import time
import urllib.request

PAGES = [
    "/",
    "/eg-itrs/meetings/",
    "/eg-itrs/meetings/2/",
    "/eg-itrs/documents/",
    "/eg-itrs/documents/2-2-rev1/",
    "/eg-itrs/documents/feed/",
    "/eg-itrs/work-plan/",
    "/eg-itrs/reports/",
]


def main(base="http://127.0.0.1:8000", count=50):
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    for path in PAGES:
        timings = []
        for _ in range(int(count)):
            started = time.perf_counter()
            with urllib.request.urlopen(base + path) as response:
                body = response.read()
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{path:32} {statistics.median(timings):10.1f} {p95:8.1f} {len(body):8}")


if __name__ == "__main__":
    main(*sys.argv[1:])
