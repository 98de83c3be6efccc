"""nginx's access log (deploy/nginx.conf) names no person and keeps no
secret of an address: no client address, browser, referrer or query string,
and the token of an invitation or password-reset link masked in the path,
as the site masks its own lines (config.log_privacy)."""

import re
from pathlib import Path

import pytest

from config.log_privacy import MASK, mask_secrets

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
# Variables that carry the query string, the whole request line, or who sent it.
UNSAFE = (
    "$request ", "$request_uri", "$args", "$query_string", "$arg_", "$is_args",
    "$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for", "$remote_user",
    "$http_user_agent", "$http_referer", "$http_cookie", "$uri", "$document_uri",
)  # fmt: skip
TOKEN = "Zx9-secretTOKEN_123"


def directives():
    """The file's text without comments, one string per directive."""
    text = "\n".join(line.split("#")[0] for line in NGINX.read_text().splitlines())
    return text


def log_format(name):
    found = re.search(rf"log_format\s+{name}\s+((?:'[^']*'\s*)+);", directives())
    assert found, f"no log_format {name}"
    return "".join(re.findall(r"'([^']*)'", found.group(1))) + " "


def logged_uri(uri):
    """What the map in front of the log format turns `uri` into: the value
    of its first regular expression that matches, as nginx does."""
    body = re.search(r"map\s+\$uri\s+\$hsa_logged_uri\s*\{([^}]*)\}", directives()).group(1)
    default = uri
    for line in body.split(";"):
        parts = line.split()
        if not parts:
            continue
        pattern, value = parts
        value = uri if value == "$uri" else value
        if pattern == "default":
            default = value
        elif re.search(pattern.removeprefix("~"), uri):
            return value
    return default


def test_the_log_format_names_no_person_and_no_query_string():
    line = log_format("hsa_private")
    assert "$hsa_logged_uri" in line
    for variable in UNSAFE:
        assert variable not in line, f"{variable.strip()} in the access log"


def test_every_access_log_is_off_or_private():
    logs = re.findall(r"access_log\s+([^;]+);", directives())
    assert logs
    for arguments in logs:
        words = arguments.split()
        assert words == ["off"] or (len(words) == 2 and words[1] == "hsa_private"), arguments


@pytest.mark.parametrize(
    "uri",
    [
        f"/invitation/{TOKEN}/",
        f"/password-reset/{TOKEN}/",
        f"/password-reset/MQ/{TOKEN}/",
        f"/password-reset/{TOKEN}/set-password/",
    ],
)
def test_tokens_in_paths_are_masked_as_the_site_masks_them(uri):
    assert TOKEN not in mask_secrets(uri)  # the site's own rule masks it
    assert TOKEN not in logged_uri(uri)
    assert MASK in logged_uri(uri)


@pytest.mark.parametrize(
    "uri", ["/invitation/", "/invitation/accept/", "/password-reset/", "/join/", "/"]
)
def test_addresses_without_a_token_are_logged_as_they_are(uri):
    assert mask_secrets(uri) == uri
    assert logged_uri(uri) == uri
