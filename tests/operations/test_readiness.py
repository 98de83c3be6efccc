"""/health/ready/ says whether the site can do all its work: 200 when it
can, 503 when not, in JSON for machines and as a short page for people;
never cached, never showing an address or a password, and quick even when
Redis hangs."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from operations.models import WorkerSighting
from operations.workers import note_worker_seen
from tests.booklets import celery_conf
from tests.helpers import EN, count_queries

from .conftest import PASSWORD, redis_cache

URL = "/health/ready/"
JSON = {"accept": "application/json", **EN}
OK = {"status": "ok"}

pytestmark = pytest.mark.django_db


def read(client, **headers):
    response = client.get(URL, headers=headers or JSON)
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def assert_nothing_secret(response, port):
    text = response.content.decode()
    for secret in (PASSWORD, "127.0.0.1", str(port), "redis://", "localhost"):
        assert secret not in text


def test_without_redis_tasks_run_in_process_and_the_site_is_ready(client):
    with celery_conf(task_always_eager=True):
        status, report = read(client)
    assert status == 200
    assert report == {
        "status": "ok",
        "checks": {
            "database": OK,
            "cache": OK,
            "broker": {"status": "ok", "detail": "in-process"},
            "workers": {"status": "ok", "detail": "in-process", "last_seen": None},
        },
    }


def test_without_redis_readiness_costs_one_query(client):
    with celery_conf(task_always_eager=True):
        assert count_queries(lambda: client.get(URL, headers=JSON)) == 1  # SELECT 1


def test_the_answer_is_never_cached(client):
    response = client.get(URL, headers=JSON)
    assert "no-store" in response["Cache-Control"]
    assert "Accept" in response["Vary"]
    assert "no-store" in client.get(URL, headers=EN)["Cache-Control"]


def test_json_is_chosen_by_the_accept_header_or_the_format(client):
    assert client.get(URL + "?format=json")["Content-Type"] == "application/json"
    page = client.get(URL, headers={"accept": "text/html,application/json;q=0.9", **EN})
    assert page["Content-Type"].startswith("text/html")


def test_with_redis_and_a_worker_seen_just_now_the_site_is_ready(client, with_redis):
    note_worker_seen()
    status, report = read(client)
    assert status == 200, report
    assert report["status"] == "ok"
    assert report["checks"]["cache"] == OK
    assert report["checks"]["broker"] == OK
    seen = WorkerSighting.objects.get().seen_at
    assert report["checks"]["workers"] == {"status": "ok", "last_seen": seen.isoformat()}


def test_a_cache_that_cannot_be_reached_makes_the_site_not_ready_and_is_not_named(
    client, settings, with_redis, closed_port_url
):
    note_worker_seen()
    settings.CACHES = redis_cache(closed_port_url)
    port = closed_port_url.rsplit(":", 1)[1].split("/")[0]
    response = client.get(URL, headers=JSON)
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable"
    assert report["checks"]["cache"] == {"status": "unavailable", "detail": "unreachable"}
    assert report["checks"]["broker"] == OK
    assert report["checks"]["database"] == OK
    assert_nothing_secret(response, port)

    page = client.get(URL, headers=EN)
    assert page.status_code == 503
    assert "Not ready" in page.content.decode()
    assert_nothing_secret(page, port)


def test_a_broker_that_cannot_be_reached_makes_the_site_not_ready(
    client, with_redis, closed_port_url
):
    note_worker_seen()
    with celery_conf(broker_url=closed_port_url):
        response = client.get(URL, headers=JSON)
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == {"status": "unavailable", "detail": "unreachable"}
    assert_nothing_secret(response, closed_port_url.rsplit(":", 1)[1].split("/")[0])


def test_a_redis_that_hangs_gets_an_answer_within_five_seconds(client, with_redis):
    note_worker_seen()
    with with_redis.frozen():
        started = time.monotonic()
        response = client.get(URL, headers=JSON)
        took = time.monotonic() - started
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == checks["broker"]["status"] == "unavailable"
    assert checks["database"] == OK
    # A load balancer's probe gives up at 5 s: the answer must come first.
    assert took < 5
    assert_nothing_secret(response, with_redis.port)


def test_silent_workers_make_the_site_not_ready(client, settings, with_redis):
    status, report = read(client)
    assert status == 503
    assert report["checks"]["workers"] == {
        "status": "unavailable",
        "detail": "never seen",
        "last_seen": None,
    }

    long_ago = timezone.now() - timedelta(seconds=settings.WORKER_SILENT_AFTER + 1)
    WorkerSighting.objects.create(seen_at=long_ago, started_at=long_ago)
    status, report = read(client)
    assert status == 503
    assert report["checks"]["workers"] == {
        "status": "unavailable",
        "detail": "silent",
        "last_seen": long_ago.isoformat(),
    }

    note_worker_seen()
    status, report = read(client)
    assert (status, report["status"]) == (200, "ok")


def test_the_page_for_people_says_what_works(client, with_redis):
    page = client.get(URL, headers=EN)
    assert page.status_code == 503
    text = page.content.decode()
    assert '<html lang="en">' in text
    assert "Not ready: part of the site cannot work now" in text
    assert "No worker has ever taken a job" in text

    note_worker_seen()
    page = client.get(URL, headers=EN)
    assert page.status_code == 200
    assert "Ready: the site can do all its work" in page.content.decode()
