"""A site that made its first vocabularies before youths were named
"personas jóvenes" gets the new names, unless an administrator has
renamed them since: then their name stays."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from communities.models import ParticipantGroup, SecurityDimension

pytestmark = pytest.mark.django_db

NAME = "0004_youths_named_personas_jovenes"
renaming = importlib.import_module(f"communities.migrations.{NAME}")


def run_the_renaming():
    """The migration, on the models as they stand when it runs."""
    state = MigrationLoader(connection).project_state(("communities", NAME), at_end=False)
    renaming.forwards(state.apps, None)


def test_the_first_names_become_personas_jovenes():
    ParticipantGroup.objects.filter(slug="youths").update(name_es="Jóvenes")
    SecurityDimension.objects.filter(slug="youths").update(
        name_es="Seguridad de los jóvenes", description_es=renaming.OLD_DESCRIPTION
    )

    run_the_renaming()

    group = ParticipantGroup.objects.get(slug="youths")
    dimension = SecurityDimension.objects.get(slug="youths")
    assert (group.name_es, group.name_en) == ("Personas jóvenes", "Youths")
    assert dimension.name_es == "Seguridad de las personas jóvenes"
    assert dimension.description_es == renaming.NEW_DESCRIPTION


def test_a_name_an_administrator_chose_stays():
    ParticipantGroup.objects.filter(slug="youths").update(name_es="Juventudes de la colonia")

    run_the_renaming()

    assert ParticipantGroup.objects.get(slug="youths").name_es == "Juventudes de la colonia"
