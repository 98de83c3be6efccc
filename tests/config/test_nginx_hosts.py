"""deploy/nginx.conf answers only for the site's own name: a request for
any other name (Host: evil.example) is closed by nginx, on port 80 and on
443, before it reaches the site; and each static file has one
Cache-Control header."""

import re
from pathlib import Path

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def servers():
    """The body of each server block, comments left out."""
    text = "\n".join(line.split("#")[0] for line in NGINX.read_text().splitlines())
    bodies, depth, start = [], 0, None
    for match in re.finditer(r"\bserver\s*\{|\{|\}", text):
        if match.group(0) != "}":
            if depth == 0 and match.group(0).startswith("server"):
                start = match.end()
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                bodies.append(text[start : match.start()])
                start = None
    return bodies


def default_server(port):
    found = [b for b in servers() if re.search(rf"listen\s+{port}\b[^;]*default_server", b)]
    assert len(found) == 1, f"one default server on port {port}"
    return found[0]


def test_other_names_on_port_80_get_no_answer():
    body = default_server(80)
    assert re.search(r"listen\s+\[::\]:80\s+default_server", body)
    assert re.search(r"return\s+444\s*;", body)
    assert "proxy_pass" not in body


def test_other_names_on_port_443_get_no_handshake():
    body = default_server(443)
    assert re.search(r"listen\s+\[::\]:443\s+ssl\s+default_server", body)
    assert re.search(r"ssl_reject_handshake\s+on\s*;", body)
    assert "proxy_pass" not in body


def test_only_the_sites_own_name_reaches_the_site():
    for body in servers():
        if "proxy_pass" in body:
            assert "default_server" not in body
            assert re.search(r"server_name\s+agendas\.example\.org\s*;", body)


def test_static_files_have_one_cache_control_header():
    static = next(b for b in servers() if "location /static/" in b)
    location = static.split("location /static/", 1)[1].split("}", 1)[0]
    assert "expires" not in location  # it would add a second Cache-Control
    assert location.count("Cache-Control") == 1
