"""A resident's pseudonym as a page shows it. The username a redeemed code
makes is stored as "resident-" and random letters, in no language; a page
says its first word in the reader's language ("habitante-…" in Spanish)
and shows nothing else of the account."""

from django.utils.translation import pgettext

PREFIX = "resident-"


def shown(username: str) -> str:
    """`username` as the reader's language says it: a pseudonym's first
    word translated, any other name as it is."""
    if not username.startswith(PREFIX):
        return username
    # Translators: a pseudonym's first word ("resident-k3x9…"): one word, lower case.
    word = pgettext("pseudonym", "resident")
    return word + "-" + username[len(PREFIX) :]
