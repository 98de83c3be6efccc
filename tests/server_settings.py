"""Settings of a real server started by the tests (gunicorn, several worker
processes): the production settings, read from the environment the test
gives the server, with one change when REDIS_URL is unset.

Without Redis the production settings keep the cache in each process's own
memory, which is right for the one process of the zero set-up site but not
for several workers: each would count attempts at participant codes apart.
Here they share a folder instead (SERVER_TEST_CACHE_DIR). Its increments are
not atomic (django_ratelimit's check E003, already silenced without Redis),
which is enough for a test that sends its wrong attempts one at a time.
With REDIS_URL set these are the production settings unchanged.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import REDIS_URL

if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["SERVER_TEST_CACHE_DIR"],
        }
    }
