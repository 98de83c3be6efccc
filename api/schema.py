"""How the schema describes the two ways of reading the API as someone, in
the reader's language (drf-spectacular's own descriptions are English
only). Registered by being imported (api.apps)."""

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme


class TokenScheme(KnoxTokenScheme):
    priority = 1

    def get_security_definition(self, auto_schema):
        definition = super().get_security_definition(auto_schema)
        definition["description"] = _(
            "A researcher's or an administrator's token, from the API token page, sent in "
            "the Authorization header after the word Token and a space."
        )
        return definition


class SignedInScheme(SessionScheme):
    priority = 1

    def get_security_definition(self, auto_schema):
        definition = super().get_security_definition(auto_schema)
        definition["description"] = _(
            "The session of a browser signed in to the site: the API answers as the person "
            "signed in."
        )
        return definition
