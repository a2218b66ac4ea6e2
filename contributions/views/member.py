from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("not built yet")


mine = draft_create = member_detail = draft_edit = draft_submit = withdraw = _todo
