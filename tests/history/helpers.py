"""Reading a history page the way a person does."""

import re
from html import unescape

from tests.helpers import EN


def _text(fragment):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def history(client, url, headers=EN):
    """The entries of a history page, newest first: (heading, {label: (before, after)})."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    body = response.content.decode()
    entries = []
    for entry in re.findall(r'<li class="history-entry">(.*?)</li>', body, flags=re.S):
        heading = _text(re.search(r"<h2[^>]*>(.*?)</h2>", entry, flags=re.S).group(1))
        rows = re.findall(
            r'<th scope="row">(.*?)</th><td[^>]*><del>(.*?)</del></td>'
            r"<td[^>]*><ins>(.*?)</ins></td>",
            entry,
            flags=re.S,
        )
        fields = {_text(label): (_text(old), _text(new)) for label, old, new in rows}
        entries.append((heading, fields))
    return entries
