from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("not built yet")


file_download = document_list = document_detail = _todo
