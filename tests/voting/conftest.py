"""Fixtures of the voting tests."""

import pytest
from django.core.cache import cache


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()
