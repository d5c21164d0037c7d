"""Checks an uploaded logo by its content, never by its name or declared type."""

import struct
import warnings

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image

from nexus.core.errors import InvalidInput

from . import error_codes

# Pillow's format name -> the extension the stored file gets.
ACCEPTED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
MAX_DIMENSION = 4096

# What Pillow raises on data that is not a well-formed image of an accepted format.
_UNREADABLE = (
    OSError,  # includes UnidentifiedImageError and truncated data
    SyntaxError,  # broken PNG chunks
    ValueError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


def _refuse(code: str, message: str) -> InvalidInput:
    return InvalidInput(message, code=code, details={"logo": [message]})


def logo_checked(upload: UploadedFile) -> str:
    """The extension to store the logo under, if it is a PNG, JPEG or WEBP image within the limits.

    Size is checked first (cheap), then the header (format and dimensions, before any
    pixel is decoded), then the whole image is verified and decoded.
    """
    max_bytes = settings.COMPANY_LOGO_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise _refuse(error_codes.LOGO_TOO_LARGE, f"The logo may be at most {max_bytes} bytes.")
    not_an_image = _refuse(error_codes.LOGO_INVALID, "The logo must be a PNG, JPEG or WEBP image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=list(ACCEPTED_FORMATS)) as image:
                image_format = image.format
                width, height = image.size
                if width > MAX_DIMENSION or height > MAX_DIMENSION:
                    limit = f"{MAX_DIMENSION}x{MAX_DIMENSION}"
                    raise _refuse(
                        error_codes.LOGO_DIMENSIONS,
                        f"The logo may be at most {limit} pixels; this one is {width}x{height}.",
                    )
                image.verify()
            # verify() leaves the image unusable: open again and decode every pixel.
            upload.seek(0)
            with Image.open(upload, formats=list(ACCEPTED_FORMATS)) as image:
                image.load()
    except _UNREADABLE as exc:
        raise not_an_image from exc
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise not_an_image
    return ACCEPTED_FORMATS[image_format]
