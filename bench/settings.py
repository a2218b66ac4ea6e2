"""Settings of the benchmarks (bench/scale.py): the site's settings as production reads
them from the environment, DEBUG off and the same middleware, with the URLs of
bench/urls.py, which add the ceiling's page. The site itself never uses them."""

from django.core.exceptions import ImproperlyConfigured

from egitrs.settings import *  # noqa: F403
from egitrs.settings import DEBUG

# DEBUG decides more than itself (static files, secure cookies, allowed hosts), so it is
# read from the environment with the rest, not switched off here.
if DEBUG:
    raise ImproperlyConfigured("The benchmarks measure the site as in production: set DEBUG=0.")

ROOT_URLCONF = "bench.urls"
