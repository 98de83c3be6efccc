"""CSV and JSON files of the open data sets, built from the API's serializers
(api.datasets): the same columns and rows as the API, for the same person."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from access import rules as access
from api.datasets import LIST_SEPARATOR

# A cell a spreadsheet would read as a formula (or that starts with a tab or
# carriage return, which some read past) gets an apostrophe in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def filename(dataset, extension):
    return f"human-security-agendas-{dataset.name}-{timezone.localdate():%Y-%m-%d}.{extension}"


def as_csv(dataset, user):
    """UTF-8 with a byte order mark (so spreadsheets detect it), RFC 4180 quoting."""
    names = [column.name for column in dataset.columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    for row in dataset.serialize(user):
        writer.writerow([csv_cell(row[name]) for name in names])
    return out.getvalue().encode("utf-8-sig")


def as_json(dataset, user):
    columns = dataset.columns
    document = {
        "dataset": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "generated_at": timezone.now(),
        "may_include_restricted": access.sees_restricted_somewhere(user),
        "columns": [
            {
                "name": column.name,
                "type": column.type,
                "description": column.description,
                **({"values": list(column.choices)} if column.choices else {}),
            }
            for column in columns
        ],
        "rows": dataset.serialize(user),
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
