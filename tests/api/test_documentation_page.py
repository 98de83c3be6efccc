"""/api/v1/docs/: the API's documentation is a page of the site, read from
the OpenAPI schema in the reader's language. It lists every endpoint the
generator knows, works without any script, links the interactive Swagger UI
(now at its own address) and the token page, and its markup holds together:
one h1, headings in order, unique ids, every scrolling table in a named
region."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from api import docs
from api.datasets import DATASETS
from tests.config.test_spanish_usted import tu_forms
from tests.helpers import HEADERS, signed_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/docs/"
INTERACTIVE = "/api/v1/docs/interactive/"
SCHEMA = "/api/v1/schema/"
# The scripts of the site's layout (templates/base.html): nothing else may load.
LAYOUT_SCRIPTS = {"/static/vendor/htmx/htmx.min.js", "/static/js/quick-exit.js"}


class Markup(HTMLParser):
    """What the checks below read from a page: its elements' tags and
    attributes in order, and the text of each heading."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.headings = []
        self._heading = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data

    def all(self, tag):
        return [attrs for name, attrs in self.elements if name == tag]


def page(client, language):
    response = client.get(URL, headers=HEADERS[language])
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_page_is_in_the_sites_layout(client, language):
    html = page(client, language)
    markup = Markup(html)
    assert f'<html lang="{"es-MX" if language == "es" else "en"}">' in html
    skip = {"es": "Saltar al contenido", "en": "Skip to content"}[language]
    assert f'<a class="visually-hidden-focusable skip-link" href="#content">{skip}</a>' in html
    assert [a for a in markup.all("header") if "site-header" in a.get("class", "")]
    assert [a for a in markup.all("main") if a.get("id") == "content"]
    assert len(markup.all("footer")) == 1
    title = {"es": "Documentación de la API", "en": "API documentation"}[language]
    assert [heading for heading in markup.headings if heading[0] == 1] == [(1, title)]


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_endpoint_of_the_schema_is_documented(client, language):
    with translation.override(language):
        schema = docs.generate_schema()
    operations = [
        (method.upper(), path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) == len(DATASETS)
    html = page(client, language)
    listed = re.findall(
        r'<span class="api-method">(\w+)</span> <code class="api-path">([^<]+)</code>', html
    )
    assert sorted(listed) == sorted((method, path) for method, path, _ in operations)
    headings = Markup(html).headings
    for _method, _path, operation in operations:
        assert (3, operation["summary"]) in headings
        assert f'id="{operation["operationId"]}"' in html
        # The table of contents leads to it.
        assert f'href="#{operation["operationId"]}"' in html
        for parameter in operation["parameters"]:
            assert f"<code>{parameter['name']}</code>" in html
    for component in ("Issue", "Result"):
        for field in schema["components"]["schemas"][component]["properties"]:
            assert f"<code>{field}</code>" in html


def test_the_page_needs_no_script_and_carries_none_of_swagger(client):
    for language in ("es", "en"):
        html = page(client, language)
        scripts = Markup(html).all("script")
        # Only the layout's own deferred files: no inline code, no Swagger UI.
        assert {script.get("src") for script in scripts} <= LAYOUT_SCRIPTS
        assert "swagger" not in html.lower()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_page_links_the_interactive_page_and_the_token_page(client, language):
    html = page(client, language)
    link = {
        "es": "Pruebe la API de forma interactiva (necesita JavaScript)",
        "en": "Try the API interactively (needs JavaScript)",
    }[language]
    assert f'<a href="{INTERACTIVE}">{link}</a>' in html
    assert f'href="{reverse("api-token")}"' in html
    # The schema, as YAML and as JSON.
    yaml, json = client.get(SCHEMA), client.get(f"{SCHEMA}?format=json")
    assert f'href="{SCHEMA}"' in html and f'href="{SCHEMA}?format=json"' in html
    assert yaml.content.startswith(b"openapi: ")
    assert json.json()["openapi"].startswith("3.")
    interactive = client.get(INTERACTIVE, headers=HEADERS[language]).content.decode()
    assert 'id="swagger-ui"' in interactive
    # And back: the interactive page leads to the one that needs no script.
    assert f'<a href="{URL}">' in interactive


def test_the_spanish_page_speaks_spanish_with_usted(client):
    spanish, english = page(client, "es"), page(client, "en")
    for language, html, other in (("es", spanish, english), ("en", english, spanish)):
        with translation.override(language):
            summaries = [str(dataset.title) for dataset in DATASETS.values()]
            descriptions = [str(dataset.description) for dataset in DATASETS.values()]
        for text in summaries + descriptions:
            assert text in html
            assert text not in other
    # The schema's parameter and field descriptions, and the page's own words.
    for text in (
        "Slug de la ciudad.",
        "Qué página de resultados devolver, a partir de 1.",
        "Nombre en español.",
        "Pida otra página con",
        "Envíelo en el encabezado Authorization",
        "60 solicitudes por minuto",
    ):
        assert text in spanish
    assert "City slug." in english and "City slug." not in spanish
    # Usted, never tú, in all the page says.
    assert tu_forms(re.sub(r"<[^>]+>", " ", spanish)) == []


def test_examples_are_requests_to_the_sites_own_address(client):
    html = page(client, "en")
    assert 'curl "http://testserver/api/v1/issues/"' in html
    assert (
        'curl -H "Authorization: Token YOUR-TOKEN" "http://testserver/api/v1/issues/?kind=' in html
    )


def test_authentication_pagination_and_limits_are_stated(client, settings):
    html = page(client, "en")
    for anchor in ("authentication", "pagination", "throttling"):
        assert f'<h2 id="{anchor}">' in html
        assert f'href="#{anchor}"' in html
    assert "Every list comes in pages of 50 results." in html
    assert "each IP address may make 60 requests a minute" in html
    assert "each person may make 600 requests a minute" in html


def test_the_old_address_reaches_the_new_page(client):
    response = client.get("/api/v1/docs/", headers=HEADERS["en"], follow=True)
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "api/documentation.html"
    # And the site's footer and the open data page lead there.
    for address in ("/", "/data/"):
        assert f'href="{URL}"' in client.get(address, headers=HEADERS["en"]).content.decode()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_markup_holds_together(client, language):
    markup = Markup(page(client, language))
    ids = [attrs["id"] for _tag, attrs in markup.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    for _tag, attrs in markup.elements:
        if "aria-labelledby" in attrs:
            assert attrs["aria-labelledby"] in ids
        if attrs.get("href", "").startswith("#"):
            assert attrs["href"][1:] in ids
    levels = [level for level, _text in markup.headings]
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    # A table that may scroll sideways sits in a region a keyboard reaches, named by its caption.
    regions = [a for a in markup.all("div") if "table-responsive" in a.get("class", "")]
    assert len(regions) == len(markup.all("table")) > 0
    captions = {attrs.get("id") for attrs in markup.all("caption")}
    for region in regions:
        assert region.get("role") == "region"
        assert region.get("tabindex") == "0"
        assert region.get("aria-labelledby") in captions


def test_the_schema_speaks_the_readers_language():
    """Every summary, description and parameter description is translated:
    a string left unmarked would read the same in both languages."""

    def texts(language):
        with translation.override(language):
            schema = docs.generate_schema()
        found = {"title": schema["info"]["title"], "info": schema["info"]["description"]}
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                found[path, method, "summary"] = operation["summary"]
                found[path, method, "description"] = operation["description"]
                for parameter in operation["parameters"]:
                    found[path, method, parameter["name"]] = parameter.get("description", "")
        for tag in schema["tags"]:
            found[tag["name"]] = tag["x-displayName"]
        for name, scheme in schema["components"]["securitySchemes"].items():
            found[name] = scheme.get("description", "")
        return found

    spanish, english = texts("es"), texts("en")
    assert spanish.keys() == english.keys()
    assert [key for key, text in spanish.items() if not text] == []
    assert [key for key in spanish if spanish[key] == english[key]] == []


def test_the_reference_is_kept_per_language():
    with translation.override("es"):
        spanish = docs.reference()
        assert docs.reference().groups is spanish.groups
    with translation.override("en"):
        english = docs.reference()
    assert english.groups is not spanish.groups
    assert [group.title for group in english.groups] == [
        "Places",
        "Workshops and attendance",
        "Agendas and votes",
    ]
    assert spanish.groups[0].title == "Lugares"


def test_restricted_readers_are_warned(demo_users):
    html = signed_in(demo_users["researcher"]).get(URL, headers=HEADERS["en"])
    assert "Warning: your downloads include restricted items." in html.content.decode()
    visitor = signed_in(demo_users["resident"]).get(URL, headers=HEADERS["en"])
    assert "Warning: your downloads include restricted items." not in visitor.content.decode()


def test_the_token_page_links_the_documentation(demo_users):
    token_page = signed_in(demo_users["researcher"]).get(
        reverse("api-token"), headers=HEADERS["en"]
    )
    assert f'<a href="{URL}">API documentation</a>' in token_page.content.decode()
