"""`core` is the bottom of the project: every app may import it, and it
imports no app of the project, so that no import cycle can pass through it."""

import ast
from pathlib import Path

from django.apps import apps

CORE = Path(__file__).resolve().parents[2] / "core"


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_core_imports_no_app_of_the_project():
    root = CORE.parent
    project_apps = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == root and config.name != "core"
    }
    assert {"agendas", "booklets", "pages", "residents"} <= project_apps
    found = {
        (str(path.relative_to(root)), module)
        for path in CORE.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in project_apps
    }
    assert found == set()
