"""The project's layers: `core` is the bottom, importing no app of the
project; `agendas` imports none of the apps that build on it (the agenda as
pages and booklets show it is `publication`'s). No import cycle can pass
through either."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
# Apps above agendas: they read or extend agendas, never the other way round.
ABOVE_AGENDAS = {
    "proposals",
    "synthesis",
    "tallies",
    "voting",
    "publication",
    "items",
    "booklets",
    "editing",
    "history",
    "pages",
    "workspace",
    "comparison",
    "opendata",
    "api",
    "residents",
    "privacy",
    "demo",
}


def project_apps():
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def imports_of(package):
    """(file, module) for every absolute import in the package's code."""
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                yield str(path.relative_to(ROOT)), module


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("core", lambda: project_apps() - {"core"}),
        ("agendas", lambda: ABOVE_AGENDAS),
    ],
)
def test_a_layer_imports_nothing_above_it(package, forbidden):
    above = forbidden()
    assert above <= project_apps()  # every name is a real app of the project
    found = {
        (path, module) for path, module in imports_of(package) if module.split(".")[0] in above
    }
    assert found == set()
