"""Factories and helpers for applications and resume documents: real PDF and DOCX files, made through the
services so that counters, history and stored files are as the API leaves them."""

import io
import zipfile

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as WordDocument
from pypdf import PdfWriter

from nexus.applications.models import Application, Document
from nexus.applications.services import application_submit, document_upload

from .factories import JobFactory, SeekerFactory


@pytest.fixture
def private_documents(settings, tmp_path):
    """The `documents` storage in a temporary folder (import this fixture into a test module to use it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    return tmp_path / "documents"


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str = "Ana Tesfaye — Backend engineer") -> bytes:
    document = WordDocument()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return out.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def pdf_upload(name: str = "resume.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A real PDF resume uploaded through the service. Needs the `private_documents` fixture."""

    class Meta:
        model = Document

    owner = factory.SubFactory(SeekerFactory)
    upload = factory.LazyFunction(pdf_upload)

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Document:
        return document_upload(owner=kwargs["owner"], upload=kwargs["upload"])  # type: ignore[arg-type]


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application submitted through the service (counters, history and events as in the API)."""

    class Meta:
        model = Application

    job = factory.SubFactory(JobFactory)
    applicant = factory.SubFactory(SeekerFactory)
    resume = factory.LazyAttribute(lambda o: DocumentFactory(owner=o.applicant))
    cover_letter = "I would love to work with you."
    answers: dict = {}

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Application:
        return application_submit(
            applicant=kwargs["applicant"],  # type: ignore[arg-type]
            job_ref=str(kwargs["job"].pk),  # type: ignore[attr-defined]
            resume_id=kwargs["resume"].pk,  # type: ignore[attr-defined]
            cover_letter=kwargs["cover_letter"],  # type: ignore[arg-type]
            answers=kwargs["answers"],  # type: ignore[arg-type]
        )


def hiring_world(**job_fields: object):  # type: ignore[no-untyped-def]
    """A company with an employer and a listed job, an employer of another company, two seekers and an admin."""
    from types import SimpleNamespace

    from .factories import AdminFactory, CompanyFactory, EmployerFactory

    employer = EmployerFactory()
    company = CompanyFactory(owner=employer)
    other_employer = EmployerFactory()
    CompanyFactory(owner=other_employer)
    return SimpleNamespace(
        company=company,
        job=JobFactory(company=company, **job_fields),
        employer=employer,
        other_employer=other_employer,
        applicant=SeekerFactory(),
        other_seeker=SeekerFactory(),
        admin=AdminFactory(),
    )
