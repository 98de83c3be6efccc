"""Production settings pass Django's deployment checks, and every page is
sent with a strict Content-Security-Policy it actually respects."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_passes_with_debug_off(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="x7!" + "k" * 30 + "Qz9#mN2$vB8&pL4^tR6*wY1@",
        ALLOWED_HOSTS="agendas.example.org",
        CODE_SECRET="c4!" + "q" * 30 + "Hw7%nJ3$xK5&",
        BALLOT_SECRET="b8?" + "z" * 30 + "Pe2%tG6$yU0&",
        DJANGO_SETTINGS_MODULE="config.settings.base",
    )
    # A deployment shares its cache between processes (operations.W001); the
    # check only reads the setting, it does not connect.
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    # The check opens the database: on SQLite, a file of the test's own
    # rather than the checkout's db.sqlite3.
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings.base")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/agendas/lazaro-cardenas/", "/agendas/national/", "/sign-in/"]
)
def test_pages_have_a_strict_csp_and_no_inline_script_or_style(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    body = response.content.decode()
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", body), "inline script"
    assert "<style" not in body
    assert not re.search(r"\sstyle=", body), "inline style attribute"
    assert not re.search(r"\son[a-z]+=", body), "inline event handler"
    # Nothing is loaded from another site.
    for attribute in re.findall(r'(?:src|href)="([^"]+)"', body):
        assert not attribute.startswith(("http:", "https:", "//")), attribute
