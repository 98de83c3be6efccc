"""The packages' own messages (Django, its admin and auth, Django REST
framework, django-filter) say *usted* too, as the site serves them: every
msgid of their Spanish catalogues is read through the site's translation,
where core/package_messages.py overrides the ones they give with *tú*. An
API error reaches a person in the same Spanish."""

import re
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.utils import translation

from tests.config.test_spanish_usted import tu_forms

# Imperatives of tú the packages' Spanish uses, besides the markers of
# test_spanish_usted (which read the site's own texts).
PACKAGE_IMPERATIVES = re.compile(
    r"\b(Ingresa|Introduce|Elige|Escoge|Asegúrate|llévame|inténtalo|Inténtalo|Conéctate|obtén)\b"
)


def tu_or_imperative(text):
    return tu_forms(text) + PACKAGE_IMPERATIVES.findall(text)


# Shown only by a development run (DEBUG=True): the welcome page of a
# project without addresses.
DEVELOPMENT_ONLY = (
    "You are seeing this page because <a href",
    "Connect, get help, or contribute",
    "Get started with Django",
    "View <a href",
)


def package_catalogues():
    folders = [Path(django.__file__).parent / "conf"]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    found = [folder / "locale" / "es" / "LC_MESSAGES" / "django.mo" for folder in folders]
    return [path for path in found if path.exists() and "site-packages" in str(path)]


def served(entry):
    """The Spanish the site gives for one of a package's messages."""
    with translation.override("es"):
        if entry.msgid_plural:
            return [
                translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt
                else translation.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
        if entry.msgctxt:
            return [translation.pgettext(entry.msgctxt, entry.msgid)]
        return [translation.gettext(entry.msgid)]


def test_the_packages_catalogues_are_read():
    names = {path.parts[-5] for path in package_catalogues()}
    assert {"conf", "admin", "auth", "rest_framework", "django_filters"} <= names


def test_the_packages_messages_say_usted_as_the_site_serves_them():
    slips = {}
    for path in package_catalogues():
        for entry in polib.mofile(str(path)):
            if not entry.msgid or entry.msgid.startswith(DEVELOPMENT_ONLY):
                continue
            for text in served(entry):
                if tu_or_imperative(text):
                    slips[entry.msgid[:70]] = text[:90]
    assert not slips


@pytest.mark.parametrize(
    ("msgid", "spanish"),
    [
        ("Enter a valid JSON.", "Escriba un JSON válido."),
        ("Welcome,", "Le damos la bienvenida,"),
        # The site's words, not Spain's ("Introduzca", "Escoja").
        ("Enter a valid date.", "Escriba una fecha válida."),
        ("A valid integer is required.", "Escriba un número entero válido."),
    ],
)
def test_the_sites_spanish_wins_over_the_packages(msgid, spanish):
    with translation.override("es"):
        assert translation.gettext(msgid) == spanish


@pytest.mark.parametrize(
    "text", ["Ingresa un JSON válido.", "No, llévame atrás", "Por favor inténtalo de nuevo."]
)
def test_the_markers_catch_the_packages_tu(text):
    assert tu_or_imperative(text)


@pytest.mark.django_db
def test_an_api_error_reaches_a_person_in_spanish_with_usted(client):
    response = client.get(
        "/api/v1/issues/?kind=forgotten",
        headers={"accept-language": "es", "authorization": "Token not-a-token"},
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Token inválido."
    response = client.get("/api/v1/issues/?kind=forgotten", headers={"accept-language": "es"})
    assert response.status_code == 400
    message = response.json()["kind"][0]
    assert message.startswith("Seleccione una opción válida.")
    assert not tu_or_imperative(message)
