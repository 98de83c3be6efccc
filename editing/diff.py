"""Word-level differences between two texts, for people to read."""

import difflib
import re
from dataclasses import dataclass

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old, new):
    """The pieces that turn `old` into `new`, word by word (spaces kept)."""
    before, after = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces
