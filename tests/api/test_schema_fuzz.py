"""The API against its own OpenAPI schema, fuzzed by schemathesis: no answer
is a server error and every answer matches what the schema says, for a
visitor and for a researcher with a token. Bounded and derandomised so that
CI runs the same cases in a few seconds."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.specs.openapi.checks import negative_data_rejection

from config.wsgi import application
from tests.api.tokens import token_for

pytestmark = pytest.mark.django_db

UNLIMITED = {"anon": "100000/min", "user": "100000/min"}


@pytest.fixture(autouse=True)
def unlimited(monkeypatch):
    # 429s would hide the answers the fuzzing is after.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", UNLIMITED)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", UNLIMITED)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    # The WSGI app closes the database connection after each request, which
    # would end the test's transaction; Django's test client does the same.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Read when the module is collected (the schema needs no database); a lazy
# fixture-based schema does not run under this pytest version.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# An empty filter (?agenda=) means "no filter", as django-filter has it: a
# value the schema would not list, answered with every row rather than 400.
LENIENT = [negative_data_rejection]


@schema.parametrize()
@FUZZ
def test_api_as_a_visitor(case):
    case.call_and_validate(headers={"Accept-Language": "es"}, excluded_checks=LENIENT)


@schema.parametrize()
@FUZZ
def test_api_as_a_researcher_with_a_token(case):
    from django.contrib.auth import get_user_model

    researcher = get_user_model().objects.get(username="researcher")
    token = token_for(researcher)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, excluded_checks=LENIENT)


def test_the_schema_is_valid_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
