"""What the tests of booklet jobs share: the addresses of a job, its PDF
downloaded and read, and the booklet form and status page as a reader
sees them."""

import io
import re

from pypdf import PdfReader

from tests.pages.helpers import page_text

SLUG = "lazaro-cardenas"
FORM = f"/agendas/{SLUG}/booklet/"


def status_url(job):
    return f"/booklets/{job.pk}/"


def download_url(job):
    return f"/booklets/{job.pk}/download/"


def retry_url(job):
    return f"/booklets/{job.pk}/retry/"


def download(client, job):
    response = client.get(download_url(job))
    assert response.status_code == 200
    # Reading the content to the end closes the file (and the response).
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert job.filename() in response["Content-Disposition"]
    assert content.startswith(b"%PDF-")
    return content


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def mentions(text, phrase):
    # Some headings are set in capitals by the print stylesheet.
    return phrase.casefold() in text.casefold()


def pdfs(root):
    return sorted(root.glob("*.pdf")) if root.exists() else []


def offered_editions(response):
    inputs = re.findall(r'<input[^>]*name="edition"[^>]*>', response.content.decode())
    return sorted(re.search(r'value="([^"]*)"', tag)[1] for tag in inputs)


def status_box(response):
    """The part of the status page that htmx refreshes."""
    match = re.search(r'<div id="job-status"[^>]*>', response.content.decode())
    assert match, page_text(response)
    return match[0]
