"""Pages of long lists that are not counted to the end.

Django's `Paginator` counts every row to say "page 3 of 40"; for a list that grows with
the years (an organization's own documents) the count costs more than the page. Such a
list is read a page at a time with Previous and Next (`uncounted_page`): one row more
than a page is read to know whether there is a next one. A search is counted up to a
cap (`CappedPaginator`); the admin's changelists up to a cap, then estimated
(`EstimatedPaginator`).
"""

import json
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property


@dataclass
class UncountedPage:
    """What the pagination template reads of a page; `paginator` is None: no total."""

    object_list: list
    number: int
    has_next: bool
    paginator: None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def uncounted_page(queryset, number, per_page):
    """Page `number` (as the query string gives it) of the ordered `queryset`; the first
    page when the number is not one, or is past the end."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        return uncounted_page(queryset, 1, per_page)
    return UncountedPage(rows[:per_page], number, has_next=len(rows) > per_page)


class CappedPaginator(Paginator):
    """A paginator that counts no further than `cap` rows: a search for a word in every
    document would count them all to say so. Past the cap, `more` is true and the pages
    end at the cap; the rest is reached by narrowing the search."""

    cap = None

    def __init__(self, object_list, per_page, *args, cap=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        if cap is not None:
            self.cap = cap

    @cached_property
    def _counted(self):
        # Unordered: the count stops after cap + 1 rows instead of sorting every match.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def more(self):
        return self._counted > self.cap


class EstimatedPaginator(CappedPaginator):
    """The admin's paginator for a register of a million rows: counted up to `cap`, and
    past it, on PostgreSQL, the database's estimate (`estimated` is then true) instead of
    a count of every row for each page. The changelist then says "about" (the register's
    pagination.html, search_form.html and actions.html). SQLite, the embedded default,
    always counts. Every page stays reachable: past the cap the pages are not cut.
    """

    cap = 10_000
    estimated = False

    @cached_property
    def count(self):
        if not self.more:
            return self._counted
        rows = self.object_list.order_by()
        if connection.vendor != "postgresql":
            return rows.count()
        self.estimated = True
        plan = json.loads(rows.explain(format="json"))
        return max(self.cap + 1, int(plan[0]["Plan"]["Plan Rows"]))
