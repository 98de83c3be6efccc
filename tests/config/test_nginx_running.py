"""deploy/nginx.conf run by a real nginx (on free ports, as this user): the
access log it writes holds no client address, no query string and no link
token, and a request for another name gets no answer."""

import http.client
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from .server_tools import server_tool

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
NAME = "agendas.example.org"
TOKEN = "Zx9-secretTOKEN_123"
CODE = "CODE-4242-SECRET"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={NAME}",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    http_port, https_port, upstream = free_port(), free_port(), free_port()
    live = f"/etc/letsencrypt/live/{NAME}/"
    site = "\n".join(line for line in NGINX.read_text().splitlines() if "listen [::]" not in line)
    site = (
        site.replace(live + "fullchain.pem", str(tmp_path / "cert.pem"))
        .replace(live + "privkey.pem", str(tmp_path / "key.pem"))
        .replace("/var/log/nginx/hsa.access.log", str(tmp_path / "access.log"))
        .replace("listen 80", f"listen 127.0.0.1:{http_port}")
        .replace("listen 443", f"listen 127.0.0.1:{https_port}")
        # Nothing listens upstream: nginx answers 502, and logs the request.
        .replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    )
    (tmp_path / "site.conf").write_text(site)
    temp = "".join(
        f" {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\ndaemon off;\n"
        f"events {{}}\nhttp {{\n{temp} include {tmp_path}/site.conf;\n}}\n"
    )
    process = subprocess.Popen(
        [
            server_tool("nginx"),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "error.log").read_text()
                time.sleep(0.05)
        yield http_port, https_port, tmp_path / "access.log"
    finally:
        process.terminate()
        process.wait(timeout=10)


def https_get(port, path, host=NAME):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    # The name goes in the handshake (SNI), as a browser sends it.
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=5)
    connection.sock = context.wrap_socket(
        socket.create_connection(("127.0.0.1", port), timeout=5), server_hostname=host
    )
    connection.request("GET", path, headers={"Host": host, "User-Agent": "Browser/1"})
    return connection.getresponse().status


def test_the_access_log_keeps_no_address_query_or_token(nginx):
    http_port, https_port, log = nginx
    assert https_get(https_port, f"/invitation/{TOKEN}/") == 502
    assert https_get(https_port, f"/join/?code={CODE}") == 502
    assert https_get(https_port, f"/password-reset/MQ/{TOKEN}/") == 502
    lines = log.read_text()
    assert lines.count("\n") == 3
    assert "/invitation/[masked]/" in lines and "/join/ " in lines
    for secret in (TOKEN, CODE, "127.0.0.1", "Browser/1", "?"):
        assert secret not in lines


def test_another_name_gets_no_answer(nginx):
    http_port, https_port, log = nginx
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=5)
    connection.request("GET", "/", headers={"Host": "evil.example"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        connection.getresponse()
    with pytest.raises(ssl.SSLError):
        https_get(https_port, "/", host="evil.example")
