"""Pages cached before an outage are never served after it when the agenda
was edited meanwhile: the edit could not tell Redis, so the cache retires
every page of before when it finds Redis back. And caching works again."""

import time

import pytest

from agendas.models import Issue
from tests.helpers import EN, count_queries

from . import answered

pytestmark = pytest.mark.django_db

AGENDA = "/agendas/nuevo-almaguer/"


def outage_with_old_data(own_redis, kind):
    """Redis goes away, and comes back holding what it held before."""
    if kind == "stopped":
        own_redis.keep()
        own_redis.stop()
    else:
        own_redis.freeze()


def back(own_redis, kind):
    if kind == "stopped":
        own_redis.start()
    else:
        own_redis.thaw()


def visitor_page(client):
    response = answered(client.get, AGENDA, headers=EN)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_an_edit_made_during_an_outage_is_seen_when_redis_is_back(
    own_redis, client_for, settings, kind
):
    # Long enough for the edit below to fall within the rest that follows the
    # first failure: the edit is not even sent to Redis (a frozen Redis would
    # otherwise read it from its socket when it wakes up).
    settings.CACHE_RETRY_AFTER = 3
    visitor = client_for("visitor")
    issue = Issue.objects.filter(agenda__slug="nuevo-almaguer").first()
    before = issue.title_en
    assert before in visitor_page(visitor)
    assert count_queries(lambda: visitor_page(visitor)) == 0  # from the cache

    outage_with_old_data(own_redis, kind)
    assert before in visitor_page(visitor)  # built without the cache
    issue.title_en = "A title changed while the cache was away"
    issue.save()
    assert issue.title_en in visitor_page(visitor)  # built without the cache

    back(own_redis, kind)
    time.sleep(settings.CACHE_RETRY_AFTER)
    page = visitor_page(visitor)
    assert issue.title_en in page
    assert before not in page
    # The cache works again: the page just built is served from it alone.
    assert count_queries(lambda: visitor_page(visitor)) == 0
    assert issue.title_en in visitor_page(visitor)
