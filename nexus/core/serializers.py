"""Base serializers for request bodies: JSON types are checked as the schema states them.

DRF coerces leniently (a number where a string is expected becomes "0", "1" becomes
True) and checks string lengths after trimming whitespace. The API documents exact JSON
types and lengths, so a body that breaks them is refused with a field error instead of
being silently converted.
"""

from typing import Any

from rest_framework import fields, serializers

# Checked in order: the first matching field class decides. None means any JSON value.
EXPECTED_JSON_TYPES: list[tuple[type[fields.Field], tuple[type, ...] | None, str]] = [
    (fields.BooleanField, (bool,), "a boolean"),
    (fields.IntegerField, (int,), "an integer"),
    (fields.FloatField, (int, float), "a number"),
    (fields.DecimalField, (int, float, str), "a number"),
    (fields.MultipleChoiceField, (list,), "a list"),
    (fields.ListField, (list,), "a list"),
    (serializers.ListSerializer, (list,), "a list"),
    (serializers.ManyRelatedField, (list,), "a list"),
    (fields.DictField, (dict,), "an object"),
    (fields.JSONField, None, ""),
    (fields.FileField, None, ""),
    (serializers.BaseSerializer, (dict,), "an object"),
    (fields.ChoiceField, (str, int), "one of the listed values"),
    (fields.CharField, (str,), "a string"),
    (fields.DateField, (str,), "a date string"),
    (fields.DateTimeField, (str,), "a date-time string"),
    (fields.TimeField, (str,), "a time string"),
    (fields.UUIDField, (str,), "a UUID string"),
]


def json_value_error(field: fields.Field, value: Any) -> str | None:
    """Why a raw JSON value cannot be taken for this field, before any coercion or trimming."""
    max_length = getattr(field, "max_length", None)
    if isinstance(value, str) and isinstance(field, fields.CharField) and max_length and len(value) > max_length:
        return f"Ensure this field has no more than {max_length} characters."
    for field_class, expected, label in EXPECTED_JSON_TYPES:
        if isinstance(field, field_class):
            if expected is None:
                return None
            wrong_bool = isinstance(value, bool) and bool not in expected
            return f"Expected {label}." if wrong_bool or not isinstance(value, expected) else None
    return None


class StrictTypesMixin:
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):  # a parsed JSON body (forms and query strings are all text)
            errors = {
                name: [message]
                for name, field in self.fields.items()  # type: ignore[attr-defined]
                if not field.read_only
                and data.get(name) is not None
                and (message := json_value_error(field, data[name])) is not None
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]


class Serializer(StrictTypesMixin, serializers.Serializer):
    pass


class ModelSerializer(StrictTypesMixin, serializers.ModelSerializer):
    pass
