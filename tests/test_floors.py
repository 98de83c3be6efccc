"""The apps stand on floors (docs/architecture.md draws them): an app
imports only apps on lower floors. Moving an app, or adding one, is a change
to this table and to that drawing together."""

import functools
from pathlib import Path

import pytest

from tests.test_import_cycles import import_graph, project_modules

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {
    "config": 12,
    "opendata": 11,
    **dict.fromkeys(("workspace", "api", "comparison", "privacy"), 10),
    **dict.fromkeys(("demo", "people", "administration", "operations"), 9),
    "residents": 8,
    **dict.fromkeys(("booklets", "editing", "pages"), 7),
    **dict.fromkeys(("items", "publication"), 6),
    **dict.fromkeys(("synthesis", "voting"), 5),
    **dict.fromkeys(("proposals", "tallies"), 4),
    "agendas": 3,
    "workshops": 2,
    **dict.fromkeys(("communities", "history"), 1),
    **dict.fromkeys(("access", "core"), 0),
}


@functools.cache
def graph():
    return import_graph(project_modules())


def apps_imported_by(app):
    """(module, app) for every import of another of the project's apps, as
    the cycle test reads them (access's imports inside functions aside)."""
    for module, imported in graph().items():
        if module.split(".")[0] != app:
            continue
        for target in imported:
            other = target.split(".")[0]
            if other != app:
                yield module, other


def test_every_app_of_the_project_has_a_floor():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config"}
    assert packages == set(FLOORS)


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_an_app_imports_only_apps_on_lower_floors(app):
    upward = [
        (path, other) for path, other in apps_imported_by(app) if FLOORS[other] >= FLOORS[app]
    ]
    assert upward == [], f"{app} (floor {FLOORS[app]}) imports apps on its floor or above"
