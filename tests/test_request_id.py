import json
import logging
import re

import pytest
from pythonjsonlogger.json import JsonFormatter

from config.settings.logging import LOGGING
from nexus.core.request_id import current_request_id

JSON_FORMATTER = LOGGING["formatters"]["json"]

pytestmark = pytest.mark.django_db


def test_a_request_id_is_made_when_none_is_sent(api_client):
    first = api_client.get("/api/health/live/")["X-Request-ID"]
    second = api_client.get("/api/health/live/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_safe_incoming_request_id_is_kept(api_client):
    response = api_client.get("/api/health/live/", HTTP_X_REQUEST_ID="edge-7f3a.91")
    assert response["X-Request-ID"] == "edge-7f3a.91"


@pytest.mark.parametrize("unsafe", ["has space", "new\nline", "x" * 129, "<script>", ""])
def test_an_unsafe_incoming_request_id_is_replaced(api_client, unsafe):
    response = api_client.get("/api/health/live/", HTTP_X_REQUEST_ID=unsafe)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_log_lines_carry_the_request_id(api_client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        api_client.get("/api/v1/me/", HTTP_X_REQUEST_ID="trace-123")
    records = [record for record in caplog.records if record.name == "django.request"]
    assert records
    assert all(getattr(record, "request_id", None) == "trace-123" for record in records)


def test_json_log_lines_include_the_request_id():
    # given the formatter of the production logging configuration
    formatter = JsonFormatter(**{key: value for key, value in JSON_FORMATTER.items() if key != "()"})
    token = current_request_id.set("abc-1")
    try:
        record = logging.getLogger("nexus").makeRecord("nexus", logging.INFO, __file__, 1, "hello", None, None)
    finally:
        current_request_id.reset(token)
    # then one JSON object per line, with the id
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "abc-1"
    assert line["message"] == "hello"
    assert line["level"] == "INFO"
