"""Who the access rules are asked about, for type checking only.

The rules answer for someone signed in, a visitor (Django's AnonymousUser)
or nobody at all (None: a task or a public edition that reads as no one).
The site's people (communities.models.User) are named by Django's base
class: the models ask access, so access names none of them.
"""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

    Person: TypeAlias = AbstractUser | AnonymousUser | None
    # Who asks for a page (a request's user): never None.
    RequestUser: TypeAlias = AbstractUser | AnonymousUser
