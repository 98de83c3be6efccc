"""A Redis server of the test's own, which it may stop, freeze and empty
(never the machine's shared one), with a password, so that the tests can
check it is never shown."""

import pytest

from tests.booklets import celery_conf
from tests.redis_server import OwnRedis, free_port

PASSWORD = "hunter2-never-shown"


@pytest.fixture
def redis_server(tmp_path):
    server = OwnRedis(tmp_path, password=PASSWORD)
    server.start()
    yield server
    server.close()


@pytest.fixture
def closed_port_url():
    """Where Redis would be, with its password, but nothing listens."""
    return f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"


def redis_cache(url):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


@pytest.fixture
def with_redis(settings, redis_server):
    """The site as with REDIS_URL set: cache and broker on the test's Redis."""
    settings.CACHES = redis_cache(redis_server.url)
    with celery_conf(task_always_eager=False, broker_url=redis_server.url):
        yield redis_server
