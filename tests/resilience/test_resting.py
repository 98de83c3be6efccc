"""After Redis fails once, the cache leaves it alone for CACHE_RETRY_AFTER
seconds: a page that asks the cache many things pays one timeout, not one
per call. Then it tries again, and works as before."""

import time

import pytest
import redis
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def held(own_redis):
    """The keys Redis holds, read directly."""
    return sorted(key.decode() for key in redis.Redis.from_url(own_redis.url).keys("*"))


def test_calls_made_while_resting_are_not_sent_to_redis(own_redis, settings):
    settings.CACHE_RETRY_AFTER = 30
    own_redis.freeze()
    assert cache.get("greeting", "missed") == "missed"  # one timeout
    own_redis.thaw()
    # Redis answers again, but the cache rests: reads miss, writes are skipped.
    cache.set("greeting", "hello")
    assert cache.get_many(["greeting"]) == {}
    assert cache.add("other", 1) is False
    with pytest.raises(ValueError):
        cache.incr("other")
    assert held(own_redis) == []


def test_the_cache_works_again_after_its_rest(own_redis, settings):
    settings.CACHE_RETRY_AFTER = 0.2
    own_redis.stop()
    cache.set("greeting", "hello")
    assert cache.get("greeting") is None
    own_redis.start()
    time.sleep(settings.CACHE_RETRY_AFTER)
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    assert cache.add("visits", 1)
    assert cache.incr("visits") == 2
    assert any(key.endswith("greeting") for key in held(own_redis))


def test_an_outage_is_logged_without_the_password_of_the_redis_url(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://:a-secret-password@127.0.0.1:1/3",
        }
    }
    assert cache.get("greeting") is None
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "redis://127.0.0.1:1/3" in logged
    assert "a-secret-password" not in logged
