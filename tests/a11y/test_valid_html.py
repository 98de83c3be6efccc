"""Every catalogued page, in Spanish and English, is valid HTML by the W3C
Nu checker (the vnu-jar npm package, run on Java): one run of the checker
for all pages, as starting the JVM costs more than checking a page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.pages_catalogue import LANGUAGES, prepare, read_every_page

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(tmp_path):
    java = shutil.which("java")
    assert java, "the checker needs Java (make setup installs it)"
    assert VNU.exists(), "the checker comes with the npm packages: run make setup"
    demo = prepare()
    files = {}
    for language in LANGUAGES:
        for n, (page, url, response) in enumerate(read_every_page(demo, language)):
            assert page.answers(response.status_code), (url, language)
            path = tmp_path / f"{language}-{n:03}.html"
            path.write_bytes(response.content)
            files[str(path)] = f"{url} ({language}, {page.role})"
    checked = subprocess.run(
        [java, "-Xss2m", "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stdout)["messages"]
    errors = [
        f"{files[m['url'].removeprefix('file:')]} line {m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)
