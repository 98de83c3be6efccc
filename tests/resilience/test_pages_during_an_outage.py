"""With Redis stopped, or hanging, every page still answers, soon and
without a server error: the cache is skipped, the API's throttles let
requests through, sign-in lockout keeps counting (in the database), and a
booklet asked for waits for the broker."""

import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client

from api.views import viewsets_by_prefix
from booklets.models import ExportJob
from tests.booklets.jobs import FORM
from tests.helpers import EN, PASSWORD

from . import answered

pytestmark = pytest.mark.django_db

AGENDA = "/agendas/lazaro-cardenas/"
PUBLIC_PAGES = [
    "/",
    AGENDA,
    "/compare/",
    "/sign-in/",
    "/join/",
    "/invitation/",
    *(f"/api/v1/{prefix}/" for prefix in viewsets_by_prefix()),
]
FACILITATOR_PAGES = ["/", AGENDA, "/workspace/", "/compare/"]


def outage(own_redis, kind):
    if kind == "stopped":
        own_redis.stop()
    else:
        own_redis.freeze()


def visit_everything(client_for):
    visitor = client_for("visitor")
    for url in PUBLIC_PAGES:
        assert answered(visitor.get, url, headers=EN).status_code == 200, url
    facilitator = client_for("facilitator")
    for url in FACILITATOR_PAGES:
        assert answered(facilitator.get, url, headers=EN).status_code == 200, url


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_every_page_answers_while_redis_is_away(own_redis, client_for, kind):
    visit_everything(client_for)  # the pages are cached now
    outage(own_redis, kind)
    visit_everything(client_for)


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_sign_in_lockout_keeps_counting_while_redis_is_away(own_redis, kind):
    outage(own_redis, kind)
    client = Client()
    before = AccessAttempt.objects.count()
    wrong = {"username": "facilitator-lazaro-cardenas", "password": "not the password"}
    response = answered(client.post, "/sign-in/", wrong, headers=EN)
    assert response.status_code == 200
    assert AccessAttempt.objects.count() == before + 1
    right = {"username": "facilitator-lazaro-cardenas", "password": PASSWORD}
    response = answered(client.post, "/sign-in/", right, headers=EN)
    assert response.status_code == 302
    assert answered(client.get, "/workspace/", headers=EN).status_code == 200


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_a_booklet_asked_for_while_redis_is_away_waits_for_the_broker(
    own_redis, client_for, django_capture_on_commit_callbacks, kind
):
    outage(own_redis, kind)
    visitor = client_for("visitor")
    data = {"edition": "public", "language": "en", "paper": "a4"}

    def ask():  # the job is sent when the request's transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            return visitor.post(FORM, data, headers=EN)

    response = answered(ask)
    assert response.status_code == 302
    job = ExportJob.objects.get(pk=response["Location"].split("/")[-2])
    assert (job.status, job.dispatched) == (ExportJob.Status.QUEUED, False)
    assert answered(visitor.get, response["Location"], headers=EN).status_code == 200


def test_an_outage_is_told_once_and_its_end_once(own_redis, client_for, settings, caplog):
    settings.CACHE_RETRY_AFTER = 0
    visitor = client_for("visitor")
    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(3):
            answered(visitor.get, AGENDA, headers=EN)
        own_redis.start()
        answered(visitor.get, AGENDA, headers=EN)
    told = [record.getMessage() for record in caplog.records if record.name == "core.cache"]
    assert len(told) == 2, told
    assert "cannot be reached" in told[0]
    assert "answers again" in told[1]
