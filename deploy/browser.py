"""A person's browser talking to the site as a reverse proxy hands it over:
every request on a fresh connection (so that any of the server's processes
may answer it), marked as having arrived over HTTPS, with cookies kept as a
browser keeps them and a label in User-Agent to find the request in the
server's access log.

Standard library only: it checks a deployment, so it stands on nothing the
deployment installs."""

import http.client
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

ADDRESS = "127.0.0.1"
REQUEST_SECONDS = 15  # no request may hang a check


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def forms(self) -> list["Form"]:
        reader = _FormReader()
        reader.feed(self.text)
        return reader.forms

    def form_with(self, field_name: str) -> "Form":
        """The page's form that has this field."""
        for form in self.forms():
            if field_name in form.names():
                return form
        raise LookupError(f"no form with a field {field_name!r} (status {self.status})")


@dataclass
class Form:
    """A form as the page shows it: what a browser would send if nothing
    were changed."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def names(self) -> set[str]:
        return {name for name, _value in self.fields}

    def value(self, name: str) -> str:
        return next(value for field_name, value in self.fields if field_name == name)

    def filled(self, **changes: str) -> list[tuple[str, str]]:
        kept = [(name, value) for name, value in self.fields if name not in changes]
        return kept + list(changes.items())


class Browser:
    """One person's browser on the site at 127.0.0.1:port."""

    def __init__(self, port: int, *, language: str = "en", proxied: bool = True):
        self.port = port
        self.language = language
        self.proxied = proxied
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return f"{'https' if self.proxied else 'http'}://{ADDRESS}:{self.port}"

    def get(self, path: str, label: str = "check", **headers: str) -> Answer:
        return self.send("GET", path, None, label, headers)

    def post(self, path: str, fields, label: str = "check") -> Answer:
        """Send a form, with the CSRF token the site gave this browser."""
        data = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if "csrftoken" in self.cookies and not any(n == "csrfmiddlewaretoken" for n, _ in data):
            data.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        body = urllib.parse.urlencode(data).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            # Over HTTPS Django checks that a form comes from its own site.
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        return self.send("POST", path, body, label, headers)

    def follow(self, answer: Answer, label: str = "check") -> Answer:
        """Where a redirect leads, on this site."""
        target = urllib.parse.urlsplit(answer.location)
        path = target.path + (f"?{target.query}" if target.query else "")
        return self.get(path, label)

    def sign_in(self, username: str, password: str) -> Answer:
        form = self.get("/sign-in/", "sign-in").form_with("username")
        return self.post("/sign-in/", form.filled(username=username, password=password), "sign-in")

    def send(self, method, path, body, label, extra_headers) -> Answer:
        headers = {
            "Host": f"{ADDRESS}:{self.port}",
            "User-Agent": label,
            "Accept-Language": self.language,
            **extra_headers,
        }
        if self.proxied:
            # What the site's one reverse proxy adds (TRUSTED_PROXY_HOPS=1).
            headers["X-Forwarded-Proto"] = "https"
            headers["X-Forwarded-For"] = ADDRESS
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(ADDRESS, self.port, timeout=REQUEST_SECONDS)
        began = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        seconds = time.monotonic() - began
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                self._keep_cookie(value)
        received = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, received, content, seconds)

    def _keep_cookie(self, header: str) -> None:
        pair, *attributes = header.split(";")
        name, _, value = pair.strip().partition("=")
        expired = any(a.strip().lower().startswith("max-age=0") or "1970" in a for a in attributes)
        if expired:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value.strip('"')


class _FormReader(HTMLParser):
    """The forms of a page and the values they would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        if not self.forms:
            return
        fields = self.forms[-1].fields
        if tag == "input" and "name" in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            fields.append((a["name"], a.get("value", default)))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self.forms:
            # A browser drops the one newline that may follow <textarea>.
            text = "".join(self._text)
            self.forms[-1].fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None
