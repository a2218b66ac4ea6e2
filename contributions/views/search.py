"""Search across every group's register: ranked documents with the passages that matched."""

from django.shortcuts import render

from contributions import search as index
from contributions.filters import SearchFilter, names_a_version
from contributions.policies import contribution_policy
from egitrs.page_cache import public_page
from egitrs.paging import CappedPaginator

RESULTS_PER_PAGE = 20
# A search is counted, and paged, this far: a word in most documents would otherwise be
# counted (and ranked) in all of them for each page.
RESULTS_COUNTED = 1000


@public_page
def search(request):
    text = request.GET.get("q", "").strip()
    documents = contribution_policy.visible_to(request.user).registered()
    if not names_a_version(text):
        documents = documents.latest_versions(request.user)
    filters = SearchFilter(request.GET or None, queryset=documents)
    page_obj = None
    if text and filters.is_valid():
        results = filters.qs.with_register_data().order_by("-search_rank", "-published_at", "-pk")
        paginator = CappedPaginator(results, RESULTS_PER_PAGE, cap=RESULTS_COUNTED)
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
