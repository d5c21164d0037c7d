"""Requests whose framing headers are malformed are refused with a 400 before anything reads them."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .exception_handler import error_body
from .lookups import ascii_digits


class MalformedRequestMiddleware:
    """A Content-Length that is not a number is a bad request (metrics and body parsing would trip on it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not ascii_digits(length):
            body = error_body(code="bad_request", message="The Content-Length header must be a number of bytes.")
            return JsonResponse(body, status=400)
        return self.get_response(request)
