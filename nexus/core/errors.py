"""The one error hierarchy. Every context raises these; one handler renders them."""

from typing import Any

from rest_framework import status


class ApplicationError(Exception):
    """A domain error with a stable machine-readable code, an HTTP status and a human message."""

    code: str = "error"
    status_code: int = status.HTTP_400_BAD_REQUEST
    message: str = "The request could not be processed."

    def __init__(self, message: str | None = None, *, code: str | None = None, details: dict[str, Any] | None = None):
        self.message = message or self.message
        self.code = code or self.code
        self.details = details or {}
        super().__init__(self.message)


class InvalidInput(ApplicationError):
    code = "invalid"
    status_code = status.HTTP_400_BAD_REQUEST
    message = "Invalid input."


class NotFound(ApplicationError):
    code = "not_found"
    status_code = status.HTTP_404_NOT_FOUND
    message = "Not found."


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status_code = status.HTTP_403_FORBIDDEN
    message = "You do not have permission to perform this action."


class Conflict(ApplicationError):
    code = "conflict"
    status_code = status.HTTP_409_CONFLICT
    message = "The request conflicts with the current state of the resource."
