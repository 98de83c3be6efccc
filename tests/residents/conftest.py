"""Fixtures of the participant code tests."""

import pytest
from django.core.cache import cache

from tests.helpers import EN

from ..booklets import celery_conf
from .helpers import codes_page, neighbourhood


@pytest.fixture
def fresh_attempt_counts():
    # Attempts are counted in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def print_codes(django_capture_on_commit_callbacks):
    """Fill in the codes form as on the site: the sheet is made (here, in
    this process) once the request's transaction commits."""

    def post(client, data, *, place=None):
        with (
            celery_conf(task_always_eager=True, task_eager_propagates=True),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return client.post(codes_page(place or neighbourhood()), data, headers=EN)

    return post
