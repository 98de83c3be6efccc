"""The API's reference as people read it: the OpenAPI schema that
drf-spectacular generates in this process (the one /api/v1/schema/ serves),
in the reader's language, turned into plain data for a page that needs no
script. Every endpoint, parameter and field on the page comes from the
schema, so the page cannot drift from what the API does.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.settings import spectacular_settings
from rest_framework.settings import api_settings

from core.text import reader_language, render_markdown

from .pagination import Pagination
from .throttles import AnonymousRateThrottle, SignedInRateThrottle

Node = dict[str, Any]


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # where it goes, as the reader calls it
    required: bool
    type_label: str
    description: SafeString


@dataclass(frozen=True)
class Field:
    name: str
    type_label: str
    description: SafeString


@dataclass(frozen=True)
class Answer:
    status: str
    description: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    anchor: str
    summary: str
    description: SafeString
    paginated: bool
    token_optional: bool
    parameters: tuple[Parameter, ...]
    fields: tuple[Field, ...]
    answers: tuple[Answer, ...]
    example_query: str  # a filter with a real value, or ""


@dataclass(frozen=True)
class Group:
    name: str
    title: str
    description: str
    endpoints: tuple[Endpoint, ...]


# How many requests a throttle lets through, by the period DRF's rates name.
PER_PERIOD = {
    1: lambda count: ngettext("%(count)d request a second", "%(count)d requests a second", count),
    60: lambda count: ngettext("%(count)d request a minute", "%(count)d requests a minute", count),
    3600: lambda count: ngettext("%(count)d request an hour", "%(count)d requests an hour", count),
    86400: lambda count: ngettext("%(count)d request a day", "%(count)d requests a day", count),
}


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int

    def __str__(self) -> str:
        if self.seconds in PER_PERIOD:
            return PER_PERIOD[self.seconds](self.requests) % {"count": self.requests}
        return ngettext(
            "%(count)d request every %(seconds)d seconds",
            "%(count)d requests every %(seconds)d seconds",
            self.requests,
        ) % {"count": self.requests, "seconds": self.seconds}


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: str
    groups: tuple[Group, ...]
    page_size: int
    most_per_page: int
    page_param: str
    page_size_param: str
    anonymous_limit: Limit
    signed_in_limit: Limit

    @property
    def endpoints(self) -> list[Endpoint]:
        return [endpoint for group in self.groups for endpoint in group.endpoints]


def generate_schema() -> Node:
    """The schema in the active language, as the schema's address serves it."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    return generator.get_schema(request=None, public=True)


def _resolved(node: Node, schema: Node) -> Node:
    """`node` with its $ref followed, and a lone allOf or a oneOf with null
    (how drf-spectacular writes an enum field) folded into it."""
    node = dict(node)
    if "$ref" in node:
        target: Node = schema
        for key in node.pop("$ref").removeprefix("#/").split("/"):
            target = target[key]
        node = {**_resolved(target, schema), **node}
    for key in ("allOf", "oneOf"):
        if key in node:
            parts = [_resolved(part, schema) for part in node.pop(key)]
            kept = [part for part in parts if part.get("enum") != [None]]
            if len(kept) < len(parts):
                node["nullable"] = True
            for part in kept:
                node = {**part, **node}
    return node


def _type_label(node: Node, schema: Node) -> str:
    node = _resolved(node, schema)
    kind, form = node.get("type"), node.get("format")
    if "enum" in node:
        label = _("text, one of the listed values")
    elif kind == "integer":
        label = _("whole number")
    elif kind == "number":
        label = _("number")
    elif kind == "boolean":
        label = _("true or false")
    elif kind == "array":
        label = _("list (each: %(items)s)") % {"items": _type_label(node.get("items", {}), schema)}
    elif kind == "object":
        label = _("object")
    elif form == "date":
        label = _("date (YYYY-MM-DD)")
    elif form == "uri":
        label = _("address (URL)")
    else:
        label = _("text")
    if "minimum" in node and "maximum" in node:
        label = _("%(type)s, from %(least)s to %(most)s") % {
            "type": label,
            "least": node["minimum"],
            "most": node["maximum"],
        }
    elif "minimum" in node:
        label = _("%(type)s, %(least)s or more") % {"type": label, "least": node["minimum"]}
    if node.get("nullable"):
        label = _("%(type)s, or null") % {"type": label}
    return label


LOCATIONS = {
    "query": lambda: _("query string"),
    "path": lambda: _("path"),
    "header": lambda: _("header"),
    "cookie": lambda: _("cookie"),
}


def _parameter(node: Node, schema: Node) -> Parameter:
    node = _resolved(node, schema)
    where = node.get("in", "")
    return Parameter(
        name=node["name"],
        location=LOCATIONS[where]() if where in LOCATIONS else where,
        required=bool(node.get("required")),
        type_label=_type_label(node.get("schema", {}), schema),
        description=render_markdown(node.get("description", "")),
    )


def _rows_of(answer: Node, schema: Node) -> tuple[bool, Node]:
    """(paginated?, the schema of one result) of a successful answer."""
    content = answer.get("content", {}).get("application/json", {})
    body = _resolved(content.get("schema", {}), schema)
    properties = body.get("properties", {})
    if body.get("type") == "object" and {"count", "results"} <= properties.keys():
        return True, _resolved(properties["results"].get("items", {}), schema)
    if body.get("type") == "array":
        return False, _resolved(body.get("items", {}), schema)
    return False, body


def _example_query(parameters: list[Node], schema: Node) -> str:
    """A filter with a value it takes, for the example request."""
    for parameter in parameters:
        values = _resolved(parameter.get("schema", {}), schema).get("enum")
        if parameter.get("in") == "query" and values:
            return f"?{parameter['name']}={values[0]}"
    return ""


def _endpoint(path: str, method: str, operation: Node, schema: Node) -> Endpoint:
    answers = operation.get("responses", {})
    success = next((status for status in answers if status.startswith("2")), None)
    paginated, row = _rows_of(answers[success], schema) if success else (False, {})
    parameters = operation.get("parameters", [])
    return Endpoint(
        method=method.upper(),
        path=path,
        anchor=operation["operationId"],
        summary=operation.get("summary") or f"{method.upper()} {path}",
        description=render_markdown(operation.get("description", "")),
        paginated=paginated,
        # An empty requirement in the list: the endpoint answers without one.
        token_optional={} in operation.get("security", [{}]),
        parameters=tuple(_parameter(parameter, schema) for parameter in parameters),
        fields=tuple(
            Field(name, _type_label(node, schema), render_markdown(node.get("description", "")))
            for name, node in row.get("properties", {}).items()
        ),
        answers=tuple(
            Answer(
                status,
                answer.get("description")
                or (
                    _("Success: a page of results.")
                    if status == success and paginated
                    else _("Success.")
                ),
            )
            for status, answer in answers.items()
        ),
        example_query=_example_query(parameters, schema),
    )


def _limit(throttle_class: type) -> Limit:
    throttle = throttle_class()
    return Limit(requests=throttle.num_requests, seconds=throttle.duration)


def _read(schema: Node) -> tuple[Node, tuple[Group, ...]]:
    """The schema's info, and its endpoints grouped by their first tag in the
    order the schema lists its tags (untagged ones last)."""
    endpoints: dict[str, list[Endpoint]] = {}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or [""])[0]
            endpoints.setdefault(tag, []).append(_endpoint(path, method, operation, schema))
    described = {tag["name"]: tag for tag in schema.get("tags", [])}
    order = [name for name in described if name in endpoints]
    order += [name for name in endpoints if name not in described]
    groups = tuple(
        Group(
            name=name,
            title=described.get(name, {}).get("x-displayName") or name or _("Other"),
            description=described.get(name, {}).get("description", ""),
            endpoints=tuple(endpoints[name]),
        )
        for name in order
    )
    return schema["info"], groups


# Generating the schema took 20 to 60 ms, and reading it (its Markdown) 30
# to 80 ms more, on a busy two-core machine: too much for every reading of a
# page. Both change only with the code and its translations, so each process
# keeps one per language and API version (the page then takes about 10 ms).
@lru_cache(maxsize=8)
def _read_generated(language: str, version: str) -> tuple[Node, tuple[Group, ...]]:
    with translation.override(language):
        return _read(generate_schema())


def reference(schema: Node | None = None) -> Reference:
    """The reference read from `schema`, or from the schema generated in the
    reader's language (kept: see _read_generated)."""
    if schema is None:
        info, groups = _read_generated(reader_language(), str(spectacular_settings.VERSION))
    else:
        info, groups = _read(schema)
    return Reference(
        title=info["title"],
        version=info.get("version", ""),
        description=info.get("description", ""),
        groups=groups,
        page_size=api_settings.PAGE_SIZE,
        most_per_page=Pagination.max_page_size,
        page_param=Pagination.page_query_param,
        page_size_param=Pagination.page_size_query_param,
        anonymous_limit=_limit(AnonymousRateThrottle),
        signed_in_limit=_limit(SignedInRateThrottle),
    )
