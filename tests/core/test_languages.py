"""The site's languages are said once, in settings.LANGUAGES: the stored
texts, the code lists and the pages' `lang` attribute all follow it."""

import pytest
from django.conf import settings
from django.template import Context, Template

from core.text import LANGUAGE_CODES, html_lang

pytestmark = pytest.mark.django_db


def test_stored_texts_are_kept_in_the_sites_languages_the_first_by_default():
    assert [code for code, _name in settings.LANGUAGES] == LANGUAGE_CODES
    assert list(settings.MODELTRANSLATION_LANGUAGES) == LANGUAGE_CODES
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == settings.LANGUAGE_CODE == LANGUAGE_CODES[0]


def test_a_pages_lang_names_mexican_spanish_and_english_as_such():
    assert html_lang("es") == "es-MX"
    assert html_lang("en") == "en"
    shown = Template("{% load bilingual %}{{ code|html_lang }}").render(Context({"code": "es"}))
    assert shown == "es-MX"


@pytest.mark.parametrize(("language", "tag"), [("es", "es-MX"), ("en", "en")])
def test_every_page_says_its_language(client, language, tag):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert f'<html lang="{tag}">' in client.get("/").content.decode()
