"""gunicorn's access log (config.gunicorn_logging), run in a real gunicorn
with the lines deploy/gunicorn.conf.py uses: one line per answer, in the
site's format, with the request id the answer carried and no token, code,
address or query string."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "c3kq1-0f3b9e5d7a2c4e6f8a1b"
CODE = "KX7P-29QM"
CONFIG = """
from config.gunicorn_logging import ACCESS_LOG_FORMAT
accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT
logger_class = "config.gunicorn_logging.SiteLogger"
"""


@pytest.fixture
def gunicorn(tmp_path):
    started = []

    def start(log_format):
        (tmp_path / "gunicorn.conf.py").write_text(CONFIG)
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "0",
            "SECRET_KEY": "access-log-test-key",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            # The answer asked for below reads no table: an empty database will do.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "LOG_FORMAT": log_format,
        }
        env.pop("REDIS_URL", None)
        out = (tmp_path / "out").open("w")
        err = (tmp_path / "err").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(tmp_path / "gunicorn.conf.py")]
            + ["--bind", "127.0.0.1:0", "--workers", "1", "--no-control-socket", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
        )
        started.append(process)
        deadline = time.monotonic() + 60
        # gunicorn's own lines (its error log) go to standard error.
        listening = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")
        while not (found := listening.search((tmp_path / "err").read_text())):
            assert process.poll() is None and time.monotonic() < deadline, (
                tmp_path / "out"
            ).read_text() + (tmp_path / "err").read_text()
            time.sleep(0.1)
        return found.group(1), tmp_path / "out"

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=15)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response
    except urllib.error.HTTPError as error:
        return error


def _access_line(output, request_id):
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in output.read_text().splitlines() if "gunicorn.access" in line]
        if any(request_id in line for line in lines) or time.monotonic() > deadline:
            return lines[-1] if lines else ""
        time.sleep(0.05)


def test_an_access_line_carries_the_request_id_and_no_secret(gunicorn):
    url, output = gunicorn("text")
    answer = _get(f"{url}/invitation/{TOKEN}/none/?code={CODE}")
    request_id = answer.headers["X-Request-ID"]
    line = _access_line(output, request_id)
    assert re.fullmatch(
        rf'\S+Z INFO gunicorn\.access \[{request_id}\] "GET /invitation/\[masked\]/none/ '
        r'HTTP/1\.1" 404 \d+ \d+ms',
        line,
    ), line
    everything = output.read_text()
    assert TOKEN not in everything and CODE not in everything
    assert "127.0.0.1 " not in line  # no record of who asked


def test_access_lines_are_json_when_asked(gunicorn):
    url, output = gunicorn("json")
    answer = _get(f"{url}/join/x/?code={CODE}")
    request_id = answer.headers["X-Request-ID"]
    line = json.loads(_access_line(output, request_id))
    assert line["logger"] == "gunicorn.access"
    assert line["request_id"] == request_id
    assert line["message"].startswith('"GET /join/x/ HTTP/1.1" 404 ')
    assert CODE not in output.read_text()
