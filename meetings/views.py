from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("not built yet")


group_detail = meeting_list = _todo
