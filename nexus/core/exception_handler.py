"""Renders every API error in the one shape of the specification:

{"status": "error", "code": "job_not_published", "error": "Human message.", "details": {...}}
"""

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import ApplicationError

logger = logging.getLogger(__name__)


def error_body(*, code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"status": "error", "code": code, "error": message, "details": details or {}}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, ApplicationError):
        return Response(error_body(code=exc.code, message=exc.message, details=exc.details), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        errors = as_serializer_error(exc)
        if NON_FIELD_ERRORS in errors:
            errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(errors)

    if isinstance(exc, SuspiciousOperation):  # raised by a view reading the request: too many parameters, say
        return Response(refused_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
        return Response(
            error_body(code="server_error", message="An unexpected error occurred."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    response.data = _drf_error_body(exc)
    return response


def _drf_error_body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return error_body(code="validation_error", message="Invalid input.", details=details)
    if isinstance(exc, exceptions.Throttled):
        return error_body(
            code="throttled",
            message="Too many requests. Try again later.",
            details={"retry_after": exc.wait and int(exc.wait + 0.999)},
        )
    detail = exc.detail
    code = exc.default_code
    details: dict[str, Any] = {}
    if isinstance(detail, dict):
        # simplejwt puts {"detail", "code", "messages"} in its token errors.
        code = str(detail.get("code", code))
        details = {key: value for key, value in detail.items() if key not in ("detail", "code")}
        detail = detail.get("detail", exc.default_detail)
    elif isinstance(detail, exceptions.ErrorDetail):
        code = detail.code or code
    return error_body(code=str(code), message=str(detail), details=details)


REFUSED_MESSAGES = {
    TooManyFieldsSent: "Too many parameters.",
    TooManyFilesSent: "Too many files.",
    RequestDataTooBig: "The request body is too large.",
}


def refused_body(exception: Exception | None) -> dict[str, Any]:
    """The error of a request Django refuses as it reads it (a SuspiciousOperation): its reason when it is the
    client's to mend, never the settings' names Django's messages give."""
    message = REFUSED_MESSAGES.get(type(exception), "The request could not be understood.")
    return error_body(code="bad_request", message=message)


ErrorPage = Callable[[HttpRequest, Exception | None], HttpResponse]


def _json_but_in_admin(
    admin_page: ErrorPage, status_code: int, body: Callable[[HttpRequest, Exception | None], dict[str, Any]]
) -> ErrorPage:
    """An error page of Django's (handler400, 403, 404) that answers JSON in the one shape, but in the admin's pages,
    a browser's, which keep Django's own (`admin_page`)."""

    @csrf_exempt
    def page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        if request.path.startswith(reverse("admin:index")):
            return admin_page(request, exception)
        return JsonResponse(body(request, exception), status=status_code)

    return page


# Django's handler404, and the catch-all of /api/: unknown paths answer JSON, never an HTML page.
not_found = _json_but_in_admin(
    defaults.page_not_found,
    status.HTTP_404_NOT_FOUND,
    lambda request, _: error_body(code="not_found", message=f"No endpoint matches {request.path}."),
)
# Django's handler400: a request it refuses before any view (a Host not in ALLOWED_HOSTS, too many parameters).
bad_request = _json_but_in_admin(
    defaults.bad_request, status.HTTP_400_BAD_REQUEST, lambda _, exception: refused_body(exception)
)
# Django's handler403, for what refuses a request outside DRF's views.
permission_denied = _json_but_in_admin(
    defaults.permission_denied,
    status.HTTP_403_FORBIDDEN,
    lambda *_: error_body(code="permission_denied", message=str(exceptions.PermissionDenied.default_detail)),
)


def api_server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse(
        error_body(code="server_error", message="An unexpected error occurred."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
