"""Shared fixtures: the demo data is loaded once per test database, and each
test runs in a transaction that is rolled back."""

import os
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis.configuration import set_hypothesis_home_dir

from communities.models import Membership, Neighbourhood
from demo.loader import load_demo

# Hypothesis (under the API's schema fuzzing) keeps its caches and examples in
# a folder of its own; outside the checkout, so running the tests leaves the
# working tree as it found it.
set_hypothesis_home_dir(
    os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
    or Path(tempfile.gettempdir()) / "human-security-agendas-hypothesis"
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: throttles count by address, and
    every test client comes from the same one."""
    cache.clear()


@pytest.fixture
def demo_users(db):
    """One person per role, seen from the Lázaro Cárdenas agenda:
    `other_facilitator` facilitates another neighbourhood."""
    User = get_user_model()
    return {
        "visitor": None,
        "resident": User.objects.get(username="resident-lazaro-cardenas"),
        "other_facilitator": User.objects.get(username="facilitator-sanchez-taboada"),
        "facilitator": User.objects.get(username="facilitator-lazaro-cardenas"),
        "researcher": User.objects.get(username="researcher"),
        "admin": User.objects.get(username="admin"),
    }


@pytest.fixture
def client_for(client, demo_users):
    """client_for("resident") -> a test client signed in as that role."""

    def make(role):
        from django.test import Client

        c = Client()
        user = demo_users[role]
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def make_person(db):
    def make(username, *, role=None, neighbourhood=None, **fields):
        user = get_user_model().objects.create_user(username=username, password="x", **fields)
        if role:
            Membership.objects.create(
                user=user,
                neighbourhood=Neighbourhood.objects.get(slug=neighbourhood),
                role=role,
            )
        return user

    return make
