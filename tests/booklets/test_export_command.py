"""The command that prints a booklet from the server: a readable PDF, and
nothing written for what it refuses."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from .pdf import Booklet

pytestmark = pytest.mark.django_db


# --- the command line -----------------------------------------------------------------


def test_export_command_writes_a_readable_pdf(tmp_path):
    out = tmp_path / "national.pdf"
    stdout = io.StringIO()
    call_command(
        "export_agenda",
        "national",
        "--lang",
        "en",
        "--paper",
        "letter",
        "--out",
        str(out),
        stdout=stdout,
    )
    assert f"Wrote {out}" in stdout.getvalue()
    assert out.read_bytes().startswith(b"%PDF-")
    booklet = Booklet(out.read_bytes())
    assert "National Human Security Agenda" in booklet.pages[0]
    assert float(booklet.reader.pages[0].mediabox.width) == pytest.approx(612, abs=1)
    # Written whole: nothing half-made is left beside it.
    assert [path.name for path in tmp_path.iterdir()] == ["national.pdf"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere"], "No agenda has the slug 'nowhere'."),
        (["lazaro-cardenas", "--as", "nobody"], "No active account is called 'nobody'."),
        (["lazaro-cardenas", "--edition", "internal"], "The internal edition needs --as USERNAME."),
        (
            ["lazaro-cardenas", "--edition", "internal", "--as", "resident-lazaro-cardenas"],
            "resident-lazaro-cardenas may not export this edition.",
        ),
        (
            ["lazaro-cardenas", "--edition", "internal", "--as", "facilitator-sanchez-taboada"],
            "facilitator-sanchez-taboada may not export this edition.",
        ),
    ],
    ids=[
        "unknown-agenda",
        "unknown-account",
        "internal-without-as",
        "resident",
        "other-facilitator",
    ],
)
def test_export_command_refuses_and_writes_nothing(tmp_path, arguments, message):
    out = tmp_path / "booklet.pdf"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_agenda", *arguments, "--out", str(out), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_export_command_refuses_an_inactive_account(tmp_path):
    # A facilitator who left the project can no longer take the internal edition.
    get_user_model().objects.filter(username="facilitator-lazaro-cardenas").update(is_active=False)
    out = tmp_path / "booklet.pdf"
    with pytest.raises(CommandError, match="No active account"):
        call_command(
            "export_agenda",
            "lazaro-cardenas",
            "--edition",
            "internal",
            "--as",
            "facilitator-lazaro-cardenas",
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
    assert list(tmp_path.iterdir()) == []
