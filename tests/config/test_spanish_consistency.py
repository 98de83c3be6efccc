"""The site's Spanish says one thing one way: "personas facilitadoras",
"personas jóvenes", "habitantes"; it spells "caracteres"; a history line is
a whole sentence ("Se modificó el tema", never "Tema modificó"); and a QR
code is scanned with usted. Read from the compiled catalogue, as the site
reads it, and from the pages."""

import re

import pytest
from django.utils import translation

from tests.config.test_spanish_usted import catalogue_texts
from tests.helpers import ES
from tests.history.helpers import history
from tests.history.test_history_pages import TRUST, edit_issue, issue_titled

# A facilitator is a "persona facilitadora", whoever it is; the verb
# (facilitar, facilita) and "cofacilitadora" after "persona" are fine.
FACILITATOR = re.compile(r"(?<!persona )(?<!personas )\b(facilitador(a|as|es)?)\b", re.IGNORECASE)
# Youths are "personas jóvenes" (a young woman, "una mujer joven", is fine).
YOUTHS = re.compile(r"(?<!personas )\bjóvenes\b|\bjuventud(es)?\b|\blas y los jóvenes\b", re.I)
# Residents are "habitantes".
RESIDENTS = re.compile(r"\bpersonas? residentes?\b", re.IGNORECASE)
# A history line made of a name and a bare verb after it: "Taller creó".
VERB_AFTER_NAME = re.compile(r"^(\w+ )*\w+ (creó|modificó|eliminó|agregó|cambió)$")
BARE_VERB = {"creó", "modificó", "eliminó", "agregó", "cambió", "creado", "modificado", "eliminado"}


def slips(pattern):
    return [text[:90] for text in catalogue_texts() if pattern.search(text)]


def test_one_name_for_facilitators():
    assert not slips(FACILITATOR)


def test_one_name_for_youths():
    assert not slips(YOUTHS)


def test_one_name_for_residents():
    assert not slips(RESIDENTS)


def test_caracteres_is_spelled_right_also_in_the_packages_messages():
    assert not slips(re.compile("carácteres"))
    with translation.override("es"):
        help_text = translation.gettext(
            "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."
        )
    assert "carácteres" not in help_text
    assert "caracteres" in help_text


def test_history_lines_are_whole_sentences():
    texts = catalogue_texts()
    assert not [text for text in texts if text.strip().lower() in BARE_VERB]
    assert not [text for text in texts if VERB_AFTER_NAME.match(text.strip())]


def test_a_qr_code_is_scanned_with_usted():
    texts = catalogue_texts()
    assert any("Escanee el código QR" in text for text in texts)
    assert not [text for text in texts if re.search(r"\bEscanea\b", text)]


@pytest.mark.parametrize(
    "pattern",
    [FACILITATOR, YOUTHS, RESIDENTS, re.compile("carácteres")],
    ids=["facilitator", "youths", "residents", "caracteres"],
)
def test_the_checks_catch_the_other_forms(pattern):
    others = [
        "Los facilitadores de la colonia",
        "Personas: facilitadoras, invitaciones",
        "las y los jóvenes",
        "las juventudes",
        "una persona residente",
        "150 carácteres",
    ]
    assert any(pattern.search(text) for text in others)


def test_the_history_check_catches_a_composed_line():
    assert VERB_AFTER_NAME.match("Taller creó")
    assert VERB_AFTER_NAME.match("Asistencia: Mujeres modificó".replace(":", ""))
    assert not VERB_AFTER_NAME.match("Se creó el taller")


@pytest.mark.django_db
def test_a_history_page_in_spanish_says_what_was_done_as_a_sentence(client_for):
    issue = issue_titled(TRUST)
    edit_issue(client_for("facilitator"), issue, title_en="Distrust of the authorities")

    entries = history(client_for("facilitator"), f"/workspace/issues/{issue.pk}/history/", ES)

    assert entries[0][0].endswith("· Se modificó el tema")
    assert entries[-1][0].endswith("· Se creó el tema")
    assert not any("Tema modificó" in heading or "Tema creó" in heading for heading, _ in entries)
