"""A fresh install can log its first workshop: the first migrations create
the nine security dimensions and the usual participant groups in both
languages, as the demo data file has them, and mark ethnic origin sensitive.
The demo loader then finds them by slug: it updates, never duplicates."""

import importlib

import pytest
import yaml
from django.apps import apps

from communities.models import ParticipantGroup, SecurityDimension
from demo.loader import DATA_FILE, load_demo
from residents.models import SensitiveGroup
from tests.administration.empty import empty_install

pytestmark = pytest.mark.django_db

first = importlib.import_module("communities.migrations.0003_first_dimensions_and_groups")
sensitive = importlib.import_module("residents.migrations.0005_first_sensitive_groups")
SEED = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def test_the_migration_has_the_seeds_dimensions_exactly():
    assert [
        {key: item[key] for key in ("slug", "order", "colour", "name", "description")}
        for item in SEED["dimensions"]
    ] == first.DIMENSIONS


def test_the_migration_has_the_seeds_groups_but_the_demos_own():
    seeded = [g for g in SEED["participant_groups"] if g["slug"] != "unrecorded"]
    assert [
        {key: item[key] for key in ("slug", "order", "name")} for item in seeded
    ] == first.GROUPS
    assert sorted(sensitive.SENSITIVE) == sorted(g["slug"] for g in seeded if g.get("sensitive"))


def run_migrations():
    first.create_first_vocabularies(apps, None)
    sensitive.mark(apps, None)


def test_an_empty_database_gets_the_dimensions_and_groups_in_both_languages():
    empty_install(vocabularies=False)
    run_migrations()
    dimensions = SecurityDimension.objects.order_by("order")
    assert [d.slug for d in dimensions] == [
        "personal", "political", "community", "economic", "women",
        "youths", "health", "environmental", "food",
    ]  # fmt: skip
    for dimension in dimensions:
        assert dimension.name_es and dimension.name_en
        assert dimension.description_es and dimension.description_en
        assert dimension.colour.startswith("#")
    assert SecurityDimension.objects.get(slug="food").name_es == "Seguridad alimentaria"
    groups = ParticipantGroup.objects.order_by("order")
    assert [g.slug for g in groups] == [
        "women", "men", "youths", "elderly", "afro-descendant", "indigenous",
    ]  # fmt: skip
    assert all(group.name_es and group.name_en for group in groups)
    assert set(SensitiveGroup.objects.values_list("group__slug", flat=True)) == {
        "afro-descendant",
        "indigenous",
    }


def test_the_migration_leaves_rows_of_the_same_slug_as_they_are():
    SecurityDimension.objects.filter(slug="health").update(name_en="Health, renamed")
    run_migrations()
    assert SecurityDimension.objects.get(slug="health").name_en == "Health, renamed"
    assert SecurityDimension.objects.count() == 9


def test_loading_the_demo_after_migrating_leaves_nine_dimensions():
    empty_install(vocabularies=False)
    run_migrations()
    load_demo()
    assert SecurityDimension.objects.count() == 9
    assert ParticipantGroup.objects.count() == len(SEED["participant_groups"])
    report = load_demo()  # and again: nothing to create
    assert report.created == 0
    assert SecurityDimension.objects.count() == 9
