"""Every setting read from the environment is documented twice: in
.env.example (what an operator copies to /etc/hsa/env) and in the README's
settings table. A setting added without both fails here."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = sorted((ROOT / "config" / "settings").glob("*.py"))


def names_read_from_the_environment():
    """NAME of every env("NAME"…) and env.<kind>("NAME"…) call."""
    names = set()
    for path in SETTINGS:
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            function = node.func
            is_env = (isinstance(function, ast.Name) and function.id == "env") or (
                isinstance(function, ast.Attribute)
                and isinstance(function.value, ast.Name)
                and function.value.id == "env"
                and function.attr != "read_env"
            )
            first = node.args[0]
            if is_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def names_in_env_example():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def names_in_readme_table():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Settings", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_settings_are_found():
    # The scan itself: a few settings read in different ways must be seen.
    found = names_read_from_the_environment()
    assert {"SECRET_KEY", "DATABASE_URL", "STATICFILES_STORAGE", "ALLOWED_HOSTS"} <= found


def test_every_setting_is_in_env_example():
    missing = names_read_from_the_environment() - names_in_env_example()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_setting_is_in_the_readme_table():
    missing = names_read_from_the_environment() - names_in_readme_table()
    assert not missing, f"add to the README's settings table: {sorted(missing)}"


def test_env_example_names_only_settings_that_are_read():
    """No stale line: each name in .env.example is read by the settings or
    by gunicorn's configuration (deploy/gunicorn.conf.py)."""
    gunicorn = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    stale = {
        name
        for name in names_in_env_example() - names_read_from_the_environment()
        if f'"{name}"' not in gunicorn
    }
    assert not stale, f"read by nothing: {sorted(stale)}"
