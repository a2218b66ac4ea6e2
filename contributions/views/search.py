"""Search across every group's register: ranked documents with the passages that matched."""

from django.shortcuts import render
from django.utils.functional import cached_property

from contributions import search as index
from contributions.filters import SearchFilter, names_a_version, searched_words
from contributions.models import Contribution
from contributions.policies import contribution_policy
from egitrs.page_cache import kept_rows, public_page
from egitrs.paging import CappedPaginator

RESULTS_PER_PAGE = 20
# A search is counted, ranked and paged this far (ten pages): a word found in half the
# register would otherwise be counted and ranked in half a million documents for every
# page. Finding the most recent takes time in proportion (a word in 7% of a million
# documents: 12 ms for 200, 31 ms for 500, 82 ms for 1,000).
RESULTS_COUNTED = 200
NEWEST = ("-published_at", "-pk")


class RankedPaginator(CappedPaginator):
    """The documents found, best match first, in pages.

    One query finds the most recently published, up to one more than the cap: how many
    there are (up to the cap), and which to rank. When more are found than the cap, the
    cap's most recent are ranked: ranking reads the words of each document it ranks, and
    a word found in half the register would be ranked in half a million documents for
    each page. The page says so, and how to narrow the search.
    """

    def __init__(self, found, per_page, *, cap, text):
        super().__init__(found, per_page, cap=cap)
        self.text = text

    @cached_property
    def newest(self):
        # Found once per generation of the records: the next page ranks the same ones.
        found = self.object_list.order_by(*NEWEST).values_list("pk", flat=True)
        return kept_rows(found[: self.cap + 1])

    @cached_property
    def _counted(self):
        return len(self.newest)

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        documents = Contribution.objects.filter(pk__in=self.newest[: self.cap])
        ranked = index.ranked(documents.with_register_data(), self.text)
        ranked = ranked.order_by("-search_rank", *NEWEST)
        return self._get_page(ranked[start : start + self.per_page], number, self)


@public_page
def search(request):
    text = request.GET.get("q", "").strip()
    documents = contribution_policy.visible_to(request.user).registered()
    if not names_a_version(text):
        documents = documents.latest_versions(request.user)
    filters = SearchFilter(request.GET or None, queryset=documents)
    page_obj = None
    if text and filters.is_valid():
        paginator = RankedPaginator(
            filters.qs,
            RESULTS_PER_PAGE,
            cap=RESULTS_COUNTED,
            text=searched_words(text),
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        passages = index.snippets(page_obj.object_list, text)
        for document in page_obj.object_list:
            document.passage = passages.get(document.pk, "")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "text": text,
        "page_obj": page_obj,
        "query_string": query.urlencode(),
    }
    return render(request, "contributions/search.html", context)
