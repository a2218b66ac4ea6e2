from django.http import Http404


def desk(request):
    raise Http404("not built yet")
