"""Every test here runs against a redis-server of its own, as cache and
broker, that it stops, freezes and starts again."""

import pytest

from core import cache as resilient
from tests.booklets import celery_conf

from .redis_server import INSTALLED, OwnRedis

pytestmark = pytest.mark.skipif(not INSTALLED, reason="redis-server is not installed")


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
        }
    }
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    resilient._outages.clear()
    try:
        with celery_conf(broker_url=server.url, task_always_eager=False):
            yield server
    finally:
        server.close()
        resilient._outages.clear()
