"""Who the access rules are asked about, for type checking only.

The rules answer for someone signed in, a visitor (Django's AnonymousUser)
or nobody at all (None: a task or a public edition that reads as no one).
"""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from communities.models import User

    Person: TypeAlias = User | AnonymousUser | None
