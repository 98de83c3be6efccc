"""The demo loader: the seed research, loaded once and only once."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from agendas.models import Agenda, Issue
from communities.models import Neighbourhood
from demo.loader import load_demo
from proposals.models import Proposal

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["communities", "workshops", "agendas", "proposals", "pages"]


def snapshot():
    """Every row of every project table, as plain values."""
    rows = {}
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = sorted(
                model.objects.order_by("pk").values_list(), key=lambda row: row[0]
            )
            for m2m in model._meta.many_to_many:
                rows[f"{model._meta.label}.{m2m.name}"] = sorted(
                    m2m.remote_field.through.objects.values_list()
                )
    return rows


def test_loading_the_demo_twice_changes_nothing():
    before = snapshot()
    report = load_demo()
    assert (report.created, report.updated) == (0, 0)
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_participant_numbers_are_derived_from_workshops():
    totals = dict(
        Neighbourhood.objects.with_participant_total().values_list("slug", "participant_total")
    )
    assert totals == {
        "lazaro-cardenas": 63,
        "sanchez-taboada": 61,
        "nuevo-almaguer": 61,
        "acapulco": 0,
    }


def test_acapulco_says_the_work_stopped_and_whom_the_team_spoke_to():
    acapulco = Neighbourhood.objects.get(slug="acapulco")
    assert acapulco.is_stopped
    assert "prevented us from carrying out planned activities" in acapulco.stopped_reason_en
    assert acapulco.stopped_reason_es
    assert set(acapulco.groups_engaged.values_list("slug", flat=True)) == {
        "afro-descendant",
        "indigenous",
        "women",
        "men",
    }
    assert not acapulco.agendas.exists()


def test_the_seed_agendas_are_complete():
    counts = {
        agenda.slug: (
            agenda.issues.filter(kind="prioritised").count(),
            agenda.issues.filter(kind="silenced", visibility="public").count(),
            [agenda.proposals.filter(actor=a).count() for a in Proposal.Actor.values],
        )
        for agenda in Agenda.objects.all()
    }
    assert counts["lazaro-cardenas"] == (13, 2, [7, 5, 6])
    assert counts["sanchez-taboada"] == (9, 4, [3, 0, 0])
    assert counts["nuevo-almaguer"] == (15, 0, [7, 4, 5])
    assert counts["national"] == (0, 0, [0, 0, 0])
    landslides = Issue.objects.get(title_en="Disaster and distress due to landslides")
    assert landslides.dimension.slug == "environmental"
    assert set(landslides.related_dimensions.values_list("slug", flat=True)) == {
        "community",
        "economic",
        "personal",
        "political",
    }


def test_the_demo_has_exactly_one_invented_restricted_issue():
    restricted = Issue.objects.filter(visibility="restricted")
    assert restricted.count() == 1
    issue = restricted.get()
    assert issue.kind == "silenced" and issue.agenda.slug == "lazaro-cardenas"
    assert "invented" in issue.title_en.lower()
