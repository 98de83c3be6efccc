"""Every test here runs against a redis-server of its own, as cache and
broker, that it stops, freezes and starts again."""

import pytest

from core import cache as resilient
from tests.booklets import celery_conf
from tests.redis_server import INSTALLED, OwnRedis


@pytest.fixture(autouse=True)
def _no_outage_remembered():
    """Each test starts with no outage known to the process, and leaves none."""
    resilient._outages.clear()
    yield
    resilient._outages.clear()


@pytest.fixture
def own_redis(settings, tmp_path):
    if not INSTALLED:
        pytest.skip("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "resilience",
        },
        "attempts": {
            "BACKEND": "core.cache.AttemptsCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "resilience",
        },
    }
    settings.RATELIMIT_USE_CACHE = "attempts"
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    try:
        with celery_conf(broker_url=server.url, task_always_eager=False):
            yield server
    finally:
        server.close()
