"""What logs and error reports must not carry: the secret part of an address.

An invitation link and a password reset link carry their token in the path,
and a participant code slip's link carries the code in the query string
(residents.slips.redeem_url). Django logs the path of every refused request
("Not Found: /invitation/…/"), a server's access log the whole request line,
and an error report the URL: each passes through `mask_secrets` first, so
whoever reads the logs cannot use a link found there.
"""

import re

MASK = "[masked]"

# The token-carrying addresses (people/urls.py), with or without their
# leading slash (a resolver's message drops it): each secret segment is
# masked. "accept" and "set-password" are the pages they lead to, whose
# addresses carry nothing.
_SEGMENT = r"[^/\s?#\"'<>]+"
_TOKEN_PATHS = re.compile(
    rf"(?<![\w-])(?:invitation/(?!accept/){_SEGMENT}"
    rf"|password-reset/{_SEGMENT}(?:/(?!set-password/){_SEGMENT})?)"
)
# Any query string of an address: a code slip's link carries the code there,
# and no page needs its query to be read back from a log.
_QUERY = re.compile(r"(?<=[^\s?])\?[^\s#\"'<>]+")


def _mask_segments(match):
    first, *secrets = match.group(0).split("/")
    return "/".join([first] + [MASK] * len(secrets))


def mask_secrets(text):
    """`text` with every token of an address and every query string masked."""
    text = _TOKEN_PATHS.sub(_mask_segments, text)
    return _QUERY.sub("?" + MASK, text)
