"""Settings for the test suite: the same as production but for speed and
plain HTTP. DATABASE_URL and REDIS_URL still come from the environment, so the
suite runs on SQLite by default and on PostgreSQL + Redis in CI."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from config.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False

# Booklets made by the tests go to a fresh folder, never the real one. A
# Celery worker started by the tests is told the test's folder through
# BOOKLET_ROOT, so that it writes where the test reads.
BOOKLET_ROOT = Path(os.environ.get("BOOKLET_ROOT") or tempfile.mkdtemp(prefix="hsa-test-booklets-"))

# On SQLite the test database is a file rather than memory, so that a Celery
# worker started by the tests (another process) can open it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(  # noqa: F405
        Path(tempfile.gettempdir()) / f"hsa-test-{os.getpid()}.sqlite3"
    )
