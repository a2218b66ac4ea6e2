"""The pages of a group's register, read from the meetings they show only.

The register lists a group's documents newest meeting first, each meeting's documents by
register number. Sorted whole, every page of a group of 40,000 documents would sort all
40,000 with their meetings. `RegisterPaginator` counts the documents meeting by meeting
instead (one grouped query, which is also the count), then reads a page from the meetings
it spans: a page within one meeting (most of them) straight from the register number's
index, at the page's offset within that meeting. The count is read once per generation of
the records (`kept_rows`), so the next page, or the next reader, need not count again.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property

from egitrs.page_cache import kept_rows

MEETINGS_ORDER = ("-meeting__start_date", "-meeting__ordinal")
NUMBER_ORDER = ("number", "amendment_kind", "amendment_ordinal")
REGISTER_ORDER = MEETINGS_ORDER + NUMBER_ORDER


class RegisterPaginator(Paginator):
    """A Paginator of registered documents (any filtered queryset of one group's) in
    register order; the page's rows keep the queryset's related data."""

    @cached_property
    def meetings(self):
        """[(meeting id, documents)], in register order."""
        return kept_rows(
            self.object_list.order_by(*MEETINGS_ORDER)
            .values_list("meeting_id")
            .annotate(documents=Count("pk"))
        )

    @cached_property
    def count(self):
        return sum(documents for _meeting, documents in self.meetings)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        spanned, offset, start = [], 0, 0
        for meeting, documents in self.meetings:
            if start + documents > bottom and start < bottom + self.per_page:
                if not spanned:
                    offset = bottom - start
                spanned.append(meeting)
            start += documents
        order = NUMBER_ORDER if len(spanned) == 1 else REGISTER_ORDER
        rows = self.object_list.filter(meeting__in=spanned).order_by(*order)
        return self._get_page(rows[offset : offset + self.per_page], number, self)
