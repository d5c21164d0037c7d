"""OpenAPI generation: every operation documents the errors it can answer, in the one error shape."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Validation error",
            value={
                "status": "error",
                "code": "validation_error",
                "error": "Invalid input.",
                "details": {"email": ["Enter a valid email address."]},
            },
            response_only=True,
        ),
        OpenApiExample(
            "Domain error",
            value={
                "status": "error",
                "code": "invalid_token",
                "error": "This link is invalid or has expired.",
                "details": {},
            },
            response_only=True,
        ),
    ]
)
class ErrorSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["error"])
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `validation_error`, `not_found`.")
    error = serializers.CharField(help_text="Human-readable message.")
    details = serializers.DictField(help_text="Field errors or other structured context.")


ERROR_DESCRIPTIONS = {
    "400": "Invalid input",
    "401": "Missing, invalid or expired credentials",
    "403": "Authenticated but not allowed",
    "404": "Not found, or not visible to you",
    "409": "Conflicts with the current state",
    "415": "The body is not in a media type the operation takes",
    "429": "Rate limited; see the Retry-After header",
}


class ErrorDocumentingAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:  # type: ignore[override]
        responses = super()._get_response_bodies(direction)
        for code in self._possible_error_statuses():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = response
        return responses

    def _possible_error_statuses(self) -> list[str]:
        codes = []
        if self.view.authentication_classes:
            codes.append("401")
        if self.view.get_throttles():
            codes.append("429")
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view() or self.get_filter_backends():
            codes.append("400")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            codes.append("403")
        if "{" in self.path or self._is_list_view():
            codes.append("404")
        codes.extend(getattr(self.view, "extra_error_statuses", ()))
        return sorted(set(codes))
