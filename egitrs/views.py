import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from health_check.views import HealthCheckView

from egitrs.page_cache import public_page
from meetings.models import ExpertGroup
from meetings.views import group_detail

# What a request meets when the database is down, hung or refusing connections: a wait
# that is worth retrying, not a fault of the page.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


@public_page
def home(request):
    """The group's page when the installation runs one group, else the list of groups."""
    groups = list(ExpertGroup.objects.all())
    if len(groups) == 1:
        return group_detail(request, groups[0].slug)
    return render(request, "home.html", {"groups": groups})


def server_error(request):
    """Django's handler500: the page of an error no view caught.

    When the database is what failed, the site is temporarily unavailable (503, and when to
    try again), else it is a server error (500). Either page renders without the request,
    whose context would look the user up in the database.
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = _error_page("503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_page("500.html", status=500)


def _error_page(template_name, *, status):
    content = loader.get_template(template_name).render({"site_title": settings.SITE_NAME})
    return HttpResponse(content, status=status)


# For load balancers: 200 when the database, the cache and the file storage answer, 500
# otherwise. Public, as a load balancer calls it anonymously: it names the services and
# whether each works, nothing more.
health = HealthCheckView.as_view(
    checks=[
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    ]
)
