"""Reading the comparison page as a person does: its tables, cell by cell."""

import re
from html.parser import HTMLParser

SPACE = re.compile(r"\s+")
COUNT = re.compile(r"(\d+) (prioritised|silenced)")


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell = {}, None, None, None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "li" and self._cell is not None:
            self._cell.append(" | ")
        if tag == "span" and self._hidden:
            self._hidden += 1
        elif tag == "span" and attrs.get("aria-hidden") == "true":
            self._hidden = 1

    def handle_endtag(self, tag):
        if tag == "span" and self._hidden:
            self._hidden -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(SPACE.sub(" ", "".join(self._cell)).strip(" |"))
            self._cell = None
        elif tag == "table":
            self._table = self._row = None

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def tables(response):
    """{table id: [[cell text, …] per row]}; what is hidden from screen
    readers (aria-hidden) is left out, list items are separated by “|”."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def counts(text):
    """“2 prioritised · 1 silenced” -> (2, 1); “none” -> (0, 0)."""
    found = {kind: int(number) for number, kind in COUNT.findall(text)}
    return found.get("prioritised", 0), found.get("silenced", 0)


def matrix(response, table="issue-matrix"):
    """{(dimension name, neighbourhood name): cell text} of a table whose
    rows are dimensions and columns neighbourhoods."""
    rows = tables(response)[table]
    header = rows[0][1:]
    return {
        (row[0], column): cell
        for row in rows[1:]
        if row[0] != "All dimensions shown"
        for column, cell in zip(header, row[1:], strict=True)
    }


def svg_texts(response):
    return [
        SPACE.sub(" ", text).strip()
        for text in re.findall(r"<text[^>]*>([^<]*)</text>", response.content.decode())
    ]
