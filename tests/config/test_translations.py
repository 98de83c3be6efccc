"""Spanish and English are both complete: no message is left untranslated
or marked as needing review."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("check", ["--untranslated", "--only-fuzzy"])
def test_catalogue_is_complete(language, check):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgattrib", check, str(po)], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == "", result.stdout[:2000]


def test_catalogues_compile_cleanly():
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        result = subprocess.run(
            ["msgfmt", "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
