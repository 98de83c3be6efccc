"""Asking for the agenda's Word document on the site, beside the PDF: the
same form, the same background job and the same permissions, a file of
its own kind. What the document holds: test_docx_export.py."""

import re

import pytest

from booklets.models import ExportJob
from tests.helpers import EN, ES
from tests.pages.helpers import page_text

from .documents import CONFIDENTIAL, DOCX_TYPE, WordDocument
from .jobs import FORM, SLUG, download_url, pdfs, status_url
from .pdf import RESTRICTED_TITLE

pytestmark = pytest.mark.usefixtures("eager_tasks", "booklet_root")


@pytest.fixture
def ask_for(django_capture_on_commit_callbacks):
    """Fill in the booklet form, the job sent when the request commits."""

    def ask_for(client, *, document_format="docx", edition="public", headers=EN):
        data = {"format": document_format, "edition": edition, "language": "en", "paper": "a4"}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FORM, data, headers=headers)

    return ask_for


def job_of(response):
    assert response.status_code == 302, page_text(response)
    match = re.fullmatch(r"/booklets/([0-9a-f-]{36})/", response["Location"])
    assert match, response["Location"]
    return ExportJob.objects.get(pk=match[1])


def download_document(client, job):
    response = client.get(download_url(job))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment")
    assert f'filename="{job.filename()}"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    return WordDocument.read(content)


def test_the_form_offers_the_word_document_beside_the_pdf(client_for):
    page = client_for("visitor").get(FORM, headers=EN)
    assert page.status_code == 200
    offered = re.findall(r'<input[^>]*name="format"[^>]*value="([^"]*)"', page.content.decode())
    assert offered == ["pdf", "docx"]
    text = page_text(page)
    assert "PDF booklet" in text
    assert "Word document (DOCX)" in text
    spanish = page_text(client_for("visitor").get(FORM, headers=ES))
    assert "Documento de Word (DOCX)" in spanish


def test_a_visitor_downloads_the_public_word_document(client_for, ask_for, booklet_root):
    visitor = client_for("visitor")

    job = job_of(ask_for(visitor))

    assert job.format == "docx"
    assert job.status == ExportJob.Status.READY
    assert job.filename() == f"{SLUG}-en-a4.docx"
    page = page_text(visitor.get(status_url(job), headers=EN))
    assert "Download the Word document" in page
    assert "Download the PDF" not in page
    document = download_document(visitor, job)
    assert document.document.core_properties.title
    assert RESTRICTED_TITLE["en"].casefold() not in document.folded
    assert [path.suffix for path in booklet_root.iterdir()] == [".docx"]
    assert not pdfs(booklet_root)


def test_the_pdf_and_the_word_document_of_the_same_text_are_two_files(
    client_for, ask_for, booklet_root
):
    visitor = client_for("visitor")
    pdf = job_of(ask_for(visitor, document_format="pdf"))
    assert visitor.get(download_url(pdf))["Content-Type"] == "application/pdf"

    # Asked after the PDF of the same text, the Word document is made, not
    # taken for the PDF that is ready.
    word = job_of(ask_for(visitor))
    download_document(visitor, word)

    # Asked again for the same text, the Word document is shared, not made twice.
    again = job_of(ask_for(visitor))
    assert again.status == ExportJob.Status.READY
    assert again.file_path == word.file_path
    assert sorted(path.suffix for path in booklet_root.iterdir()) == [".docx", ".pdf"]


def test_the_internal_word_document_is_refused_to_a_visitor(client_for, ask_for):
    refused = ask_for(client_for("visitor"), edition="internal")

    assert refused.status_code == 400
    assert "Choose one of the editions offered to you." in page_text(refused)
    assert not ExportJob.objects.exists()


def test_the_agendas_facilitator_gets_the_internal_word_document(client_for, ask_for):
    facilitator = client_for("facilitator")

    job = job_of(ask_for(facilitator, edition="internal"))

    assert job.filename() == f"{SLUG}-en-a4-confidential.docx"
    document = download_document(facilitator, job)
    assert RESTRICTED_TITLE["en"] in document.body
    assert all(CONFIDENTIAL["en"] in header for header in document.headers())
    # Permissions are asked again at the download: a visitor holding the link gets nothing.
    assert client_for("visitor").get(download_url(job)).status_code == 404


@pytest.mark.parametrize(
    ("headers", "message"),
    [(EN, "Choose one of the options."), (ES, "Elija una de las opciones.")],
    ids=["en", "es"],
)
def test_an_unknown_format_gets_a_message_and_no_job(client_for, ask_for, headers, message):
    refused = ask_for(client_for("visitor"), document_format="odt", headers=headers)

    assert refused.status_code == 400
    assert message in page_text(refused)
    assert not ExportJob.objects.exists()
