"""Checks Django runs before serving (`manage.py check`, and `check --deploy`
before a deployment): what would otherwise fail silently for the people who
use the site."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


@register(Tags.translation)
def translations_compiled(app_configs, **kwargs):
    """Every catalogue in LOCALE_PATHS is compiled, and compiled since it
    last changed: without its .mo file a Spanish reader silently gets
    English. Judged as `compilemessages` judges it (the .mo no older than
    the .po), so that `make messages` always puts it right: git leaves no
    .mo behind, and a checkout or pull that changes a .po makes it newer."""
    errors = []
    for folder in settings.LOCALE_PATHS:
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists():
                errors.append(
                    Error(
                        f"The translations in {po} are not compiled: pages in that "
                        "language would show the English text.",
                        hint="Run `make messages` (manage.py compilemessages).",
                        id="operations.E001",
                    )
                )
            elif mo.stat().st_mtime < po.stat().st_mtime:
                errors.append(
                    Error(
                        f"The translations in {po} changed since they were compiled: "
                        "pages would show the old translations, or English.",
                        hint="Run `make messages` (manage.py compilemessages).",
                        id="operations.E002",
                    )
                )
    return errors


@register(Tags.caches, deploy=True)
def cache_shared_by_processes(app_configs, **kwargs):
    """A deployed site runs several processes: each would keep its own
    local-memory cache, and an edit made through one would leave the others
    serving the old agenda pages until they expire."""
    backend = settings.CACHES.get("default", {}).get("BACKEND")
    if settings.DEBUG or backend != LOCAL_MEMORY:
        return []
    return [
        Warning(
            "The default cache is local memory: each web process keeps its own, so an "
            "edit made through one process leaves the others showing cached agenda pages "
            "for up to an hour.",
            hint="Set REDIS_URL, or silence operations.W001 if the site runs one process only.",
            id="operations.W001",
        )
    ]
