from django.shortcuts import render

from meetings.models import ExpertGroup
from meetings.views import group_detail


def home(request):
    """The group's page when the installation runs one group, else the list of groups."""
    groups = list(ExpertGroup.objects.all())
    if len(groups) == 1:
        return group_detail(request, groups[0].slug)
    return render(request, "home.html", {"groups": groups})
