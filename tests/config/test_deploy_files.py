"""The files of deploy/ work as written: gunicorn loads its configuration
and the site with it, the systemd units start real commands with options
those commands have, under the hardening deploy/README.md promises, and
nginx accepts its example."""

import configparser
import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .server_tools import server_tool

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
# Where deploy/README.md installs the code.
INSTALLED = "/srv/hsa"
BIN = Path(sys.executable).parent


def site_env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="1", **extra)
    return env


def test_gunicorn_loads_its_configuration_and_the_site():
    result = subprocess.run(
        [str(BIN / "gunicorn"), "--check-config", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=site_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_settings():
    result = subprocess.run(
        [str(BIN / "gunicorn"), "--print-config", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=site_env(WEB_CONCURRENCY="3"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    printed = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert printed["workers"] == "3"
    assert printed["control_socket_disable"] == "True"
    assert printed["timeout"] == "30"
    assert printed["accesslog"] == "-"
    assert int(printed["max_requests"]) > 0 and int(printed["max_requests_jitter"]) > 0


def read_unit(path):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read(path)
    return unit


def test_there_is_a_web_a_worker_and_a_scheduler():
    assert [unit.name for unit in UNITS] == [
        "hsa-scheduler.service",
        "hsa-web.service",
        "hsa-worker.service",
    ]


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_each_unit_runs_as_the_site_user_hardened(path):
    service = read_unit(path)["Service"]
    assert service["User"] == "hsa"
    assert service["EnvironmentFile"] == "/etc/hsa/env"
    assert service["WorkingDirectory"] == INSTALLED
    assert service["Restart"] == "on-failure"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["PrivateTmp"] == "yes"
    assert service["StateDirectoryMode"] == "0750"


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_each_unit_starts_a_real_command_with_real_options(path):
    argv = shlex.split(read_unit(path)["Service"]["ExecStart"])
    program = Path(argv[0])
    assert program.parent == Path(INSTALLED, ".venv/bin")
    assert (BIN / program.name).exists(), f"{program.name} is not installed by requirements.txt"
    if program.name == "gunicorn":
        config = argv[argv.index("-c") + 1]
        assert (ROOT / Path(config).relative_to(INSTALLED)).exists()
        assert importlib.util.find_spec(argv[-1]) is not None
        return
    assert program.name == "celery"
    assert argv[1:3] == ["-A", "config"]
    # -q (before the command) keeps Celery's plain-text banner out of the
    # logs, which may be one JSON object per line (LOG_FORMAT=json).
    assert argv[3] == "-q"
    command, options = argv[4], [arg.split("=")[0] for arg in argv[5:]]
    help_text = subprocess.run(
        [str(BIN / "celery"), "-A", "config", command, "--help"],
        cwd=ROOT,
        env=site_env(),
        capture_output=True,
        text=True,
    )
    assert help_text.returncode == 0, help_text.stderr
    for option in options:
        assert option in help_text.stdout, f"celery {command} has no {option}"


def test_the_workers_may_write_booklets_and_the_scheduler_its_schedule():
    web, worker, scheduler = (
        read_unit(DEPLOY / "systemd" / f"hsa-{name}.service")["Service"]
        for name in ("web", "worker", "scheduler")
    )
    assert web["ReadWritePaths"] == worker["ReadWritePaths"] == "/var/lib/hsa/media"
    schedule = scheduler["ExecStart"].split("--schedule=")[1].split()[0]
    assert schedule.startswith(f"/var/lib/{scheduler['StateDirectory']}/")


def test_systemd_accepts_the_units(tmp_path):
    # The units name the installed paths; here they point at this checkout.
    for path in UNITS:
        (tmp_path / path.name).write_text(path.read_text().replace(INSTALLED, str(ROOT)))
    result = subprocess.run(
        [server_tool("systemd-analyze"), "verify", *(str(tmp_path / path.name) for path in UNITS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_nginx_accepts_the_example(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=agendas.example.org",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    live = "/etc/letsencrypt/live/agendas.example.org/"
    site = (
        (DEPLOY / "nginx.conf")
        .read_text()
        .replace(live + "fullchain.pem", str(tmp_path / "cert.pem"))
        .replace(live + "privkey.pem", str(tmp_path / "key.pem"))
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [
            server_tool("nginx"),
            "-t",
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_nginx_never_serves_booklets_or_media():
    text = (DEPLOY / "nginx.conf").read_text()
    directives = [line.split("#")[0] for line in text.splitlines()]
    assert not any("location /media" in line for line in directives)
    assert not any("/var/lib/hsa" in line for line in directives)
    assert any("proxy_set_header X-Forwarded-Proto $scheme" in line for line in directives)
