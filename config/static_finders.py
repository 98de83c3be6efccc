"""Only the static files the site's pages use are collected and served.

The npm packages ship whole distributions (every Bootstrap build, every
subset of the booklet's font, every htmx build) and some apps ship static
files for pages this site does not have (Django REST framework's browsable
API, Redoc): collected whole they would make a deploy copy and compress
hundreds of files that nothing links to.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import AppDirectoriesFinder, BaseFinder
from django.contrib.staticfiles.utils import matches_patterns
from django.core.checks import Warning
from django.core.files.storage import FileSystemStorage


def _found(source, find_all):
    """As Django's finders answer: the path (or all paths), or an empty list."""
    if not source:
        return []
    return [source] if find_all else source


class VendorFilesFinder(BaseFinder):
    """The files of npm packages named in settings.STATIC_VENDOR_FILES,
    each under its prefix: (prefix, package folder, [file names])."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {}
        self.storages = []
        for prefix, root, names in settings.STATIC_VENDOR_FILES:
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix  # collectstatic copies each file under it
            self.storages.append((storage, names))
            for name in names:
                self.sources[f"{prefix}/{name}"] = Path(root) / name

    def check(self, **kwargs):
        return [
            Warning(
                f"The static file {source} is missing.",
                hint="Install the npm packages: make setup.",
                id="config.W001",
            )
            for source in self.sources.values()
            if not source.is_file()
        ]

    def find(self, path, find_all=False, **kwargs):
        source = self.sources.get(path)
        return _found(str(source) if source and source.is_file() else None, find_all)

    def list(self, ignore_patterns):
        for storage, names in self.storages:
            for name in names:
                if not matches_patterns(name, ignore_patterns or []):
                    yield name, storage


class UsedAppFilesFinder(AppDirectoriesFinder):
    """The apps' static files, less those settings.STATIC_UNUSED_APP_FILES
    names (shell patterns of paths under the apps' static folders)."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *settings.STATIC_UNUSED_APP_FILES])

    def find(self, path, find_all=False, **kwargs):
        if matches_patterns(path, settings.STATIC_UNUSED_APP_FILES):
            return _found(None, find_all)
        return super().find(path, find_all, **kwargs)
