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

# Booklets made by the tests go to a fresh folder, never the real one.
BOOKLET_ROOT = Path(tempfile.mkdtemp(prefix="hsa-test-booklets-"))
