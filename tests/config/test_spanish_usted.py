"""The site's Spanish addresses people as *usted*, everywhere: the
catalogue (read as the site reads it, compiled) and the demo's Spanish
texts. The markers are forms only *tú* takes: its pronouns, its second
person verbs, its preterite (-aste, -iste) and the imperatives that slipped
in before."""

import gettext
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PRONOUNS = r"tu|tus|te|ti|contigo|tú"
SECOND_PERSON = (
    r"puedas|puedes|tienes|tengas|quieres|quieras|debes|eres|estás|sabes|haces|vas|"
    r"publiques|necesitas"
)
WORDS = re.compile(rf"\b({PRONOUNS}|{SECOND_PERSON})\b", re.IGNORECASE)
PRETERITE = re.compile(r"\b(\w+(?:aste|iste))\b", re.IGNORECASE)
# Words that end as a preterite of tú would but are not one.
NOT_PRETERITE = {
    "asiste", "baste", "chiste", "consiste", "contraste", "desgaste", "desiste", "embiste",
    "existe", "insiste", "persiste", "resiste", "reviste", "subsiste", "triste", "viste",
}  # fmt: skip
IMPERATIVES = (
    "Cítalos", "Quita ", "Consulta la ", "Consulta el ", "Consulta los ", "Envíalo",
    "Elige ", "Pide ", "Escanea ", "espera y vuelve a intentarlo",
)  # fmt: skip


def tu_forms(text):
    found = [match.group(0) for match in WORDS.finditer(text)]
    found += [word for word in PRETERITE.findall(text) if word.lower() not in NOT_PRETERITE]
    return found + [phrase.strip() for phrase in IMPERATIVES if phrase in text]


def catalogue_texts():
    with (ROOT / "locale" / "es" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    return [text for key, text in catalogue.items() if key != ""]


def spanish_of(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "es" and isinstance(value, str):
                yield value
            else:
                yield from spanish_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from spanish_of(value)


def demo_texts():
    return list(spanish_of(yaml.safe_load((ROOT / "demo" / "data" / "seed.yaml").read_text())))


@pytest.mark.parametrize("texts", [catalogue_texts, demo_texts], ids=["catalogue", "demo"])
def test_spanish_says_usted(texts):
    read = texts()
    assert len(read) > 100
    slips = {text[:90]: tu_forms(text) for text in read if tu_forms(text)}
    assert not slips


@pytest.mark.parametrize(
    "text",
    [
        "Cítalos como datos abiertos, con la fecha en que los descargaste.",
        "Envíalo en el encabezado Authorization.",
        "para que puedas comprobar",
        "Guarda tu código.",
    ],
)
def test_the_markers_catch_tu(text):
    assert tu_forms(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cítelos como datos abiertos, con la fecha en que los descargó.",
        "Envíelo en el encabezado Authorization.",
        "Ya existe una colonia con ese nombre; un contraste de 4.5:1.",
        "Si usted lo elige, también se copian sus temas. Agenda en consulta.",
    ],
)
def test_the_markers_leave_usted_alone(text):
    assert not tu_forms(text)
