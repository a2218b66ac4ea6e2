"""The ceiling of the benchmarks: the cheapest page Django serves through the site's
middleware, a 50-row table from memory, without a query."""

import functools
from pathlib import Path

from django.http import HttpResponse
from django.template import engines

ROWS = [
    {
        "number": f"EG-ITRs 1/{number}",
        "title": f"Proposal {number} on the review of the Regulations",
        "source": f"Member State {number % 7 + 1}",
        "date": f"2024-01-{number % 28 + 1:02}",
    }
    for number in range(1, 51)
]


@functools.cache
def _template():
    # The site's template engine, its context processors included, as `render` uses it;
    # the template is read here because bench/ is not an installed app.
    source = (Path(__file__).parent / "templates" / "ceiling.html").read_text()
    return engines["django"].from_string(source)


def ceiling(request):
    return HttpResponse(_template().render({"rows": ROWS}, request))
