"""A request id for every request: echoed in X-Request-ID and stamped on every log line."""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# An incoming id is kept only when it cannot smuggle anything into logs or headers.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

current_request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = assign_request_id(request)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def assign_request_id(request: HttpRequest) -> str:
    """The client's X-Request-ID when it is safe to echo, else a new one; set for this request's log lines."""
    incoming = request.headers.get(HEADER, "")
    request_id = incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    request.request_id = request_id  # type: ignore[attr-defined]
    # Not reset afterwards: Django logs the response after the middleware returns, and each
    # request (ASGI task or WSGI thread) sets its own id before anything else logs.
    current_request_id.set(request_id)
    return request_id


def install_log_record_factory() -> None:
    """Stamps every log record with the current request id, whichever handler formats it."""
    make_record = logging.getLogRecordFactory()

    def record_with_request_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.request_id = current_request_id.get()
        return record

    logging.setLogRecordFactory(record_with_request_id)
