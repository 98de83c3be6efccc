"""Print-only touches to a booklet's finished HTML, so that its lines break
as a typesetter would break them:

- the last two words of a paragraph (or list item) long enough to wrap are
  bound by a no-break space, so that no word is left alone on its last line;
- a space just before an inline element (bold text, a link) is moved inside
  it: WeasyPrint otherwise sometimes breaks such a line after its first
  word, leaving "Organizar" alone on a line of a long proposal.

Only text between tags changes, and only spaces: tags, attributes and the
sanitised Markdown's markup are copied as they are. The web pages do not
go through this.
"""

import re

# A tag, its quoted attribute values allowed to hold ">".
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Elements a line runs through: the words on either side of them share a line.
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "q", "small", "span", "strong", "sub", "sup"}
# A paragraph's end: its last words are bound together.
ENDS = {"p", "li", "dd", "figcaption", "caption", "td", "th"}
# Text whose lines are not the reader's prose.
RAW = {"style", "script", "svg", "title", "head"}
# A paragraph this short fits on a line or two anyway: left as written.
LONG_ENOUGH = 60
# Two words longer than this together would leave a short line above them.
SHORT_WORD = 14
NBSP = "\u00a0"
SPACE_AT_END = re.compile(r"[ \t\r\n]+$")
SPACE_AT_START = re.compile(r"^[ \t\r\n]+")


def _name(tag):
    match = TAG_NAME.match(tag)
    return match[1].lower() if match else ""


def typeset(html: str) -> str:
    parts = TAG.split(html)  # text, tag, text, tag, ..., text
    raw_depth = 0
    for index in range(1, len(parts), 2):
        tag = parts[index]
        name = _name(tag)
        closing = tag.startswith("</")
        if name in RAW and not tag.endswith("/>"):
            raw_depth += -1 if closing else 1
            continue
        if raw_depth:
            continue
        if not closing and name in INLINE:
            _move_space_inside(parts, index)
        elif closing and name in ENDS:
            _bind_last_words(parts, index)
    return "".join(parts)


def _move_space_inside(parts, index):
    """'y <strong>crear' -> 'y<strong> crear': the same words and spaces."""
    before = parts[index - 1]
    after = parts[index + 1] if index + 1 < len(parts) else ""
    space = SPACE_AT_END.search(before)
    if not space or not before.strip() or not after or after[0].isspace():
        return
    parts[index - 1] = before[: space.start()]
    parts[index + 1] = " " + after


def _bind_last_words(parts, end):
    """Replace the paragraph's last breakable space by a no-break space,
    looking back through its text and inline tags only."""
    texts = []  # indexes of the paragraph's text parts, last first
    index = end - 1
    while index >= 0:
        texts.append(index)
        if index == 0:
            break
        tag = parts[index - 1]
        if _name(tag) not in INLINE or _name(tag) == "br":
            break
        index -= 2
    paragraph = "".join(parts[i] for i in reversed(texts))
    if len(" ".join(paragraph.split())) < LONG_ENOUGH:
        return
    last_word_length = 0
    for index in texts:
        text = parts[index].rstrip() if last_word_length == 0 else parts[index]
        space = max(text.rfind(" "), text.rfind("\n"))
        if space < 0:
            last_word_length += len(text)
            continue
        last_word_length += len(text) - space - 1
        if last_word_length == 0:
            continue
        before = text[:space]
        if not before.strip() and index == texts[-1]:
            return  # the paragraph is a single word
        if last_word_length > SHORT_WORD:
            return
        parts[index] = before + NBSP + parts[index][space + 1 :]
        return
