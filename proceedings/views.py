from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("not built yet")


meeting_detail = report_list = _todo
