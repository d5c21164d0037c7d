"""JSON request bodies bounded in size, as Django bounds form bodies (DATA_UPLOAD_MAX_MEMORY_SIZE): the JSON parser
reads a body whole whatever its length, and a body past the bound is refused before it is read further
(400 `bad_request`, "The request body is too large.", exception_handler.refused_body)."""

import io
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from drf_orjson_renderer.parsers import ORJSONParser


class BoundedJSONParser(ORJSONParser):
    """JSON bodies of at most the setting `max_bytes_setting` names (JSON_BODY_MAX_BYTES)."""

    max_bytes_setting = "JSON_BODY_MAX_BYTES"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        limit: int = getattr(settings, self.max_bytes_setting)
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise RequestDataTooBig(f"A JSON body of more than {limit} bytes.")
        return super().parse(io.BytesIO(body), media_type, parser_context)
