"""PDFs from HTML (booklets, sheets of codes), made with WeasyPrint.

The only way their HTML may load anything: the project's own static files,
read from disk. Every other URL is refused: other hosts, any `file:` path,
`data:` URLs and redirects (a redirect could only come from another host,
and none is ever contacted).
"""

from collections.abc import Mapping
from posixpath import normpath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

if TYPE_CHECKING:
    from weasyprint.document import Document

# The made-up address booklets are rendered at; `.invalid` never resolves.
BASE_URL = "https://booklet.invalid/"
STATIC_PREFIX = "/static/"
TYPES = {
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


class RefusedURL(FatalURLFetchingError):
    """Raised for anything outside the static files: the render stops."""


def static_path(url: str) -> str | None:
    """The file on disk that `url` names, or None if it is not one of ours."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or parts.query or parts.fragment:
        return None
    path = unquote(parts.path)
    if not path.startswith(STATIC_PREFIX):
        return None
    relative = path[len(STATIC_PREFIX) :]
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    if normpath(relative) != relative or relative.startswith(("/", "..")):
        return None
    suffix = "." + relative.rsplit(".", 1)[-1] if "." in relative else ""
    if suffix not in TYPES:
        return None
    return finders.find(relative)


class StaticOnlyFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols={"https"}, allow_redirects=False, fail_on_errors=True)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        found = static_path(url)
        if not found:
            raise RefusedURL(
                f"Refused to load {url!r}: booklets load only the site's static files."
            )
        with open(found, "rb") as handle:
            body = handle.read()
        suffix = "." + found.rsplit(".", 1)[-1]
        return URLFetcherResponse(url, body, {"Content-Type": TYPES[suffix]})


def laid_out(html: str) -> "Document":
    """The HTML laid out in pages (a WeasyPrint document), loading nothing
    but the site's static files."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).render()


def render_pdf(html: str) -> bytes:
    return laid_out(html).write_pdf()
