"""Resume documents: real PDF and DOCX files accepted, files that only pretend refused, private downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nexus.applications.models import Application, Document

from .conftest import assert_error
from .factories_applications import (
    PNG_BYTES,
    ApplicationFactory,
    DocumentFactory,
    docx_bytes,
    hiring_world,
    pdf_bytes,
    private_documents,  # noqa: F401
    zip_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_documents")]

URL = "/api/v1/documents/"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(client, name, content, content_type="application/octet-stream"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, content_type=content_type)}, format="multipart")


def stored_files():
    """The files in the documents storage (a temporary folder: see `private_documents`)."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.STORAGES["documents"]["OPTIONS"]["location"])
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("Ana CV.pdf", pdf_bytes(pages=2), "pdf", "application/pdf"),
        ("Ana CV.docx", docx_bytes(), "docx", DOCX_TYPE),
        # the name does not matter, the content does
        ("cv.txt", pdf_bytes(), "pdf", "application/pdf"),
        ("cv", docx_bytes(), "docx", DOCX_TYPE),
    ],
)
def test_real_pdf_and_docx_files_are_accepted(client_for, seeker, name, content, kind, content_type):
    # when
    response = upload(client_for(seeker), name, content)

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["content_type"], body["original_name"], body["size"]) == (
        kind,
        content_type,
        name,
        len(content),
    )
    assert body["download_url"].endswith(f"/api/v1/documents/{body['id']}/download/")
    document = Document.objects.get(pk=body["id"])
    assert name not in document.storage_name and document.storage_name.endswith(f".{kind}")
    [stored] = stored_files()
    assert stored.read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("resume.pdf", PNG_BYTES, "document_type_unsupported"),
        ("resume.docx", zip_bytes({"hello.txt": b"not a word document"}), "document_type_unsupported"),
        ("resume.docx", zip_bytes({"[Content_Types].xml": b"<Types/>"}), "document_type_unsupported"),
        (
            "resume.xlsx",
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
            "document_type_unsupported",
        ),
        ("resume.docx", b"PK\x03\x04 broken zip", "document_type_unsupported"),
        (  # a macro-enabled Word document
            "resume.docx",
            zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}),
            "document_type_unsupported",
        ),
        ("resume.pdf", b"%PD", "document_type_unsupported"),
        ("resume.pdf", b"<html><body>%PDF-</body></html>", "document_type_unsupported"),
        ("resume.pdf", b"%PDF-1.7\n" + PNG_BYTES, "document_type_unsupported"),  # a header and nothing of a PDF
        ("resume.pdf", b"", "document_empty"),
    ],
)
def test_files_that_only_pretend_are_refused(client_for, seeker, name, content, code):
    body = assert_error(upload(client_for(seeker), name, content, "application/pdf"), 400, code)
    assert "file" in body["details"]
    assert not Document.objects.exists()
    assert stored_files() == []


def test_oversized_files_are_refused(client_for, seeker, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    big = b"%PDF-1.7\n" + b"x" * 1000 + b"\n%%EOF\n"
    assert_error(upload(client_for(seeker), "big.pdf", big), 400, "document_too_large")
    # far over the limit: refused by its declared length, before the body is read
    assert_error(upload(client_for(seeker), "huge.pdf", big * 100), 400, "document_too_large")
    assert stored_files() == []


def test_missing_file_field_is_400(client_for, seeker):
    assert_error(client_for(seeker).post(URL, {}, format="multipart"), 400, "validation_error")
    assert_error(client_for(seeker).post(URL, {"file": "text"}, format="json"), 415)


@pytest.mark.parametrize("role", ["employer", "admin"])
def test_only_seekers_keep_documents(client_for, role, employer, admin_user):
    user = {"employer": employer, "admin": admin_user}[role]
    assert_error(upload(client_for(user), "cv.pdf", pdf_bytes()), 403, "seeker_only")
    assert_error(client_for(user).get(URL), 403, "seeker_only")


def test_anonymous_gets_401(api_client):
    assert_error(api_client.get(URL), 401)
    assert_error(upload(api_client, "cv.pdf", pdf_bytes()), 401)


def test_the_list_holds_only_your_documents(client_for, seeker, django_assert_num_queries):
    mine = [DocumentFactory(owner=seeker) for _ in range(11)]
    DocumentFactory()  # someone else's
    client = client_for(seeker)
    for size in (2, 10):
        with django_assert_num_queries(2):  # the user, the page
            response = client.get(URL, {"page_size": size})
        assert [d["id"] for d in response.json()["results"]] == [d.pk for d in reversed(mine)][:size]


def test_someone_elses_document_is_404(client_for, seeker):
    theirs = DocumentFactory()
    client = client_for(seeker)
    assert_error(client.get(f"{URL}{theirs.pk}/"), 404, "document_not_found")
    assert_error(client.delete(f"{URL}{theirs.pk}/"), 404, "document_not_found")
    assert_error(client.get(f"{URL}{theirs.pk}/download/"), 404, "document_not_found")
    assert Document.objects.filter(pk=theirs.pk).exists()


# --- downloads ------------------------------------------------------------------------------------


@pytest.fixture
def world():
    world = hiring_world()
    world.application = ApplicationFactory(job=world.job, applicant=world.applicant)
    world.document = world.application.resume
    return world


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("applicant", True),
        ("employer", True),
        ("admin", True),
        ("other_seeker", False),
        ("other_employer", False),
        ("anonymous", False),
    ],
)
def test_who_downloads_a_submitted_document(world, client_for, api_client, role, allowed):
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    response = client.get(f"{URL}{world.document.pk}/download/")
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="resume.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        assert_error(response, 401 if role == "anonymous" else 404)


def test_a_document_not_submitted_to_a_job_stays_private_from_employers(world, client_for):
    unsent = DocumentFactory(owner=world.applicant)
    assert_error(client_for(world.employer).get(f"{URL}{unsent.pk}/download/"), 404, "document_not_found")
    assert_error(client_for(world.employer).get(f"{URL}{unsent.pk}/"), 404, "document_not_found")


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("Lebenslauf Müller.pdf", "attachment; filename*=utf-8''Lebenslauf%20M%C3%BCller.pdf"),
        ('say "hi".pdf', 'attachment; filename="say \\"hi\\".pdf"'),
        ("../../etc/passwd.pdf", 'attachment; filename="passwd.pdf"'),
    ],
)
def test_downloads_carry_the_original_name_safely(client_for, seeker, name, disposition):
    response = upload(client_for(seeker), name, pdf_bytes())
    assert response.status_code == 201, response.content
    download = client_for(seeker).get(response.json()["download_url"])
    assert download["Content-Disposition"] == disposition


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("evil\r\nSet-Cookie: x=1.pdf", "evilSet-Cookie: x=1.pdf"),
        ("C:\\Users\\ana\\cv.pdf", "cv.pdf"),
        ("\x00\x1f", "resume.pdf"),
        ("", "resume.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_original_names_are_kept_without_paths_or_control_characters(name, kept):
    from nexus.applications.documents import safe_original_name

    assert safe_original_name(name, "pdf") == kept


def test_a_docx_downloads_as_a_word_document(client_for, seeker):
    document_id = upload(client_for(seeker), "cv.docx", docx_bytes()).json()["id"]
    response = client_for(seeker).get(f"{URL}{document_id}/download/")
    assert response["Content-Type"] == DOCX_TYPE
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_a_file_missing_from_the_storage_is_a_clear_404(client_for, seeker):
    document = DocumentFactory(owner=seeker)
    stored_files()[0].unlink()
    assert_error(client_for(seeker).get(f"{URL}{document.pk}/download/"), 404, "document_file_missing")


# --- deleting -------------------------------------------------------------------------------------


def test_deleting_an_unused_document_removes_it_and_its_file(client_for, seeker):
    document = DocumentFactory(owner=seeker)
    assert len(stored_files()) == 1

    response = client_for(seeker).delete(f"{URL}{document.pk}/")

    assert response.status_code == 204
    assert not Document.objects.filter(pk=document.pk).exists()


def test_deleting_a_submitted_document_keeps_it_for_the_application(world, client_for):
    # when: the applicant deletes the resume they applied with
    seeker = client_for(world.applicant)
    assert seeker.delete(f"{URL}{world.document.pk}/").status_code == 204

    # then: it leaves their documents
    assert world.document.pk not in [d["id"] for d in seeker.get(URL).json()["results"]]
    assert_error(seeker.get(f"{URL}{world.document.pk}/"), 404, "document_not_found")
    assert_error(seeker.delete(f"{URL}{world.document.pk}/"), 404, "document_not_found")
    # yet their application still shows, and downloads, what they sent
    assert seeker.get(f"/api/v1/applications/{world.application.pk}/").json()["resume"]["id"] == world.document.pk
    assert seeker.get(f"{URL}{world.document.pk}/download/").status_code == 200
    # but the hiring company still has what was sent
    employer = client_for(world.employer)
    response = employer.get(f"{URL}{world.document.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes()
    assert employer.get(f"/api/v1/applications/{world.application.pk}/").json()["resume"]["id"] == world.document.pk
    assert Application.objects.get(pk=world.application.pk).resume_id == world.document.pk
    assert len(stored_files()) == 1


@pytest.mark.django_db(transaction=True)
def test_the_file_of_a_deleted_document_goes_after_commit(client_for, seeker):
    document = DocumentFactory(owner=seeker)
    assert client_for(seeker).delete(f"{URL}{document.pk}/").status_code == 204
    assert stored_files() == []


def test_documents_are_never_under_the_public_media_folder(settings):
    from pathlib import Path

    from config.settings.base import STORAGES

    location = Path(STORAGES["documents"]["OPTIONS"]["location"]).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in location.parents and location != media


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("applicant", 200),
        ("other_seeker", 404),
        ("employer", 404),  # the hiring company sees it through the application, not here
        ("other_employer", 404),
        ("admin", 404),
    ],
)
def test_who_reads_and_deletes_a_document_by_its_id(world, client_for, api_client, role, status):
    client = api_client if role == "anonymous" else client_for(getattr(world, role))
    read = client.get(f"{URL}{world.document.pk}/")
    if status == 200:
        assert read.status_code == 200 and read.json()["id"] == world.document.pk
        assert client.delete(f"{URL}{world.document.pk}/").status_code == 204
    else:
        assert_error(read, status)
        assert_error(client.delete(f"{URL}{world.document.pk}/"), status)
        assert Document.objects.get(pk=world.document.pk).deleted_at is None
