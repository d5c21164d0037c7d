"""Resume files: the type is decided from the content, never the name; files live in the private storage."""

import hashlib
import secrets
import unicodedata
import zipfile
from typing import IO

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile

from nexus.core.errors import InvalidInput

from . import error_codes
from .models import DocumentKind

PDF_MAGIC = b"%PDF-"
# Every PDF ends with an end-of-file marker; readers accept it within the last 1024 bytes.
PDF_END = b"%%EOF"
PDF_END_WINDOW = 1024
# What every Word document (WordprocessingML package) holds: the package's type map and the main part.
DOCX_REQUIRED_PARTS = frozenset({"[Content_Types].xml", "word/document.xml"})
# Macros make a .docm, which no resume needs and which can carry code.
MACRO_PART = "word/vbaProject.bin"
MAX_NAME_LENGTH = 255


def documents_storage() -> Storage:
    """The `documents` storage of STORAGES, looked up at call time so configuration changes apply."""
    return storages["documents"]


def _refuse(code: str, message: str) -> InvalidInput:
    return InvalidInput(message, code=code, details={"file": [message]})


def _is_docx(stream: IO[bytes]) -> bool:
    """A ZIP package with the Office structure of a Word document, without macros (only the directory is read,
    nothing inflated)."""
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
            return names >= DOCX_REQUIRED_PARTS and MACRO_PART not in names
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _is_pdf(stream: IO[bytes], size: int) -> bool:
    """Starts with the PDF header and ends with the end-of-file marker (a header alone is easy to fake)."""
    stream.seek(0)
    if stream.read(len(PDF_MAGIC)) != PDF_MAGIC:
        return False
    stream.seek(max(size - PDF_END_WINDOW, 0))
    return PDF_END in stream.read(PDF_END_WINDOW)


def document_kind_of(upload: UploadedFile) -> DocumentKind:
    """PDF or DOCX, judged by the bytes; an empty, oversized or any other file is refused."""
    max_bytes = settings.DOCUMENT_MAX_BYTES
    if not upload.size:
        raise _refuse(error_codes.DOCUMENT_EMPTY, "The file is empty.")
    if upload.size > max_bytes:
        raise _refuse(error_codes.DOCUMENT_TOO_LARGE, f"A document may be at most {max_bytes} bytes.")
    try:
        if _is_pdf(upload, upload.size):
            return DocumentKind.PDF
        upload.seek(0)
        if _is_docx(upload):
            return DocumentKind.DOCX
    finally:
        upload.seek(0)
    raise _refuse(
        error_codes.DOCUMENT_TYPE_UNSUPPORTED, "Only PDF and Word (DOCX) documents are accepted, judged by content."
    )


def safe_original_name(name: str | None, kind: str) -> str:
    """The uploaded file's own name, kept for display and downloads: no path, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if not base:
        base = f"resume.{kind}"
    if len(base) > MAX_NAME_LENGTH:
        _stem, dot, extension = base.rpartition(".")
        keep = extension[:16] if dot else ""
        base = base[: MAX_NAME_LENGTH - len(keep) - 1] + ("." + keep if keep else "")
    return base


def content_sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def random_storage_name(kind: str) -> str:
    """A name nobody can guess, spread over 256 folders."""
    token = secrets.token_hex(20)
    return f"resumes/{token[:2]}/{token}.{kind}"
