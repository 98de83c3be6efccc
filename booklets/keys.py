"""Which booklet file answers a request, found without rendering the booklet.

A booklet's file is named by a key of everything its pages depend on, so
that asking again for a booklet already made from unchanged content is
answered with that file, and any change to what it prints makes a new key
(and a new file). Rendering the booklet's HTML to hash it would be exact,
but costs as much as a tenth of the render itself, on every request; the key
is made instead from what the HTML is made of:

- the agenda pages' content generation (agendas.cache): any change to what
  an agenda page shows sets a new one, and a booklet prints the same read
  of the agenda (booklets.rendering.booklet_context) through the same
  templates. While the cache is unreachable the generation is new on every
  call: nothing is found, the booklet is rendered again.
- the agenda's votes that their closing time has closed: a vote closing by
  time shows its result without any edit, so without a new generation;
- the release: the code, templates, static files (the print CSS and its
  fonts) and translations the booklet is rendered with, and the installed
  packages' versions, so that a deploy changing how booklets look makes
  new files;
- the agenda, edition, language and paper, the site's address (the links in
  the PDF), time zone (its dates) and publisher's logo (its cover), and for
  the internal edition the person, whose name it carries.

The key is read before the content, so a file never holds content older
than its key says: an edit made while a booklet renders gives a new key, and
the next request a new file.
"""

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Count, Max
from django.utils import timezone

from agendas.cache import generation
from voting.models import VotingRound

from .models import Edition

# The project's files a render reads (source, templates, translations, its
# own static files); the folders no booklet is made from, and hidden ones
# (.git, .venv, tools' caches), are left out.
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".css", ".mo", ".svg", ".woff", ".woff2", ".json"}
NOT_RELEASED = {
    "node_modules",
    "tests",
    "docs",
    "bench",
    "deploy",
    "media",
    "staticfiles",
    "__pycache__",
}


def booklet_key(agenda, *, user, edition, language, paper):
    """The name of the booklet's file: the same for the same content (see
    the module's note for what it is made of)."""
    votes = VotingRound.objects.filter(agenda=agenda, closes_at__lte=timezone.now()).aggregate(
        closed=Count("pk"), last=Max("closes_at")
    )
    personal = str(user.pk) if edition == Edition.INTERNAL and user is not None else ""
    digest = hashlib.sha256()
    for part in (
        release(),
        generation(),
        f"{votes['closed']}:{votes['last'].isoformat() if votes['last'] else ''}",
        str(agenda.pk),
        edition,
        language,
        paper,
        personal,
        settings.SITE_URL,
        settings.TIME_ZONE,
        settings.PUBLISHER_LOGO,
    ):
        digest.update(part.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


@functools.cache
def release():
    """A digest of the code and files this process renders booklets with,
    read once (a deploy starts new processes). Files are named relative to
    where they are found, so that machines holding the same release agree."""
    digest = hashlib.sha256()
    files = sorted(_project_files(Path(settings.BASE_DIR))) + sorted(_static_files())
    for name, path in files:
        digest.update(name.encode())
        digest.update(b"\x00")
        digest.update(path.read_bytes())
    for package in sorted(_packages()):
        digest.update(f"{package}\n".encode())
    return digest.hexdigest()


def _project_files(root):
    """(name, path) of the project's own files a render may read."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [
            name for name in subfolders if name not in NOT_RELEASED and not name.startswith(".")
        ]
        for name in names:
            path = Path(folder) / name
            if path.suffix in RELEASE_SUFFIXES:
                yield str(path.relative_to(root)), path


def _static_files():
    """(name, path) of every static file the site serves (the npm
    packages' fonts included), as the booklet's fetcher finds them."""
    found = {}
    for finder in finders.get_finders():
        for relative, storage in finder.list([]):
            found.setdefault(f"static:{relative}", Path(storage.path(relative)))
    return found.items()


def _packages():
    return {f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()}
