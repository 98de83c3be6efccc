"""The system checks: translations not compiled, or compiled before their
catalogue last changed, stop the site; a deployment whose processes would
each keep their own cache is warned about. Both stay quiet when all is well."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from operations.checks import cache_shared_by_processes, translations_compiled

ROOT = Path(__file__).resolve().parents[2]
LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/7",
    }
}


@pytest.fixture
def locale(settings, tmp_path):
    """A copy of the project's catalogues (not compiled) as LOCALE_PATHS."""
    folder = tmp_path / "locale"
    for language in ("es", "en"):
        target = folder / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", target)
    settings.LOCALE_PATHS = [folder]
    return folder


def compile_messages(folder):
    for po in folder.glob("*/LC_MESSAGES/django.po"):
        subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)


def touch(path, seconds_from_now):
    stamp = path.stat().st_mtime + seconds_from_now
    os.utime(path, (stamp, stamp))


def ids(messages):
    return [message.id for message in messages]


def test_catalogues_never_compiled_stop_the_site(locale):
    errors = translations_compiled(None)
    assert ids(errors) == ["operations.E001", "operations.E001"]
    assert "locale/en/LC_MESSAGES/django.po" in errors[0].msg
    assert "locale/es/LC_MESSAGES/django.po" in errors[1].msg
    assert "make messages" in errors[0].hint


def test_a_catalogue_changed_since_it_was_compiled_stops_the_site(locale):
    compile_messages(locale)
    assert translations_compiled(None) == []

    touch(locale / "es" / "LC_MESSAGES" / "django.po", 60)
    errors = translations_compiled(None)
    assert ids(errors) == ["operations.E002"]
    assert "es/LC_MESSAGES/django.po" in errors[0].msg

    touch(locale / "es" / "LC_MESSAGES" / "django.mo", 120)  # compiled again
    assert translations_compiled(None) == []


def test_the_check_runs_with_every_check(locale):
    assert "operations.E001" in ids(run_checks())


def test_the_projects_catalogues_are_compiled():
    # The suite runs after `make setup`, which compiles them.
    assert translations_compiled(None) == []


@pytest.mark.parametrize(
    "debug,caches,warned",
    [(False, LOCAL_MEMORY, True), (True, LOCAL_MEMORY, False), (False, REDIS, False)],
)
def test_a_deployment_with_a_cache_per_process_is_warned_about(settings, debug, caches, warned):
    settings.DEBUG = debug
    settings.CACHES = caches
    warnings = cache_shared_by_processes(None)
    assert ids(warnings) == (["operations.W001"] if warned else [])
    deploy = ids(run_checks(include_deployment_checks=True))
    assert ("operations.W001" in deploy) == warned
    assert "operations.W001" not in ids(run_checks())  # only before a deployment


def test_a_development_machine_passes_every_check():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "REDIS_URL"}
    }
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings.base")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
