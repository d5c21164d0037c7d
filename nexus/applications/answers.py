"""Answers to a job's screening questions, checked against the questions (nexus/jobs/screening.py)."""

import math
from typing import Any

from nexus.core.errors import InvalidInput
from nexus.jobs.screening import QuestionType

from . import error_codes

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10000


def _answer_error(question: dict[str, Any], value: Any) -> str | None:
    """Why `value` is not an answer to `question`, or None when it is one."""
    kind = question["type"]
    choices = question.get("choices") or []
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        limit = SHORT_TEXT_MAX if kind == QuestionType.SHORT_TEXT else LONG_TEXT_MAX
        if not isinstance(value, str):
            return "Expected a string."
        if "\x00" in value:  # PostgreSQL cannot store it
            return "Null characters are not allowed."
        return f"At most {limit} characters." if len(value) > limit else None
    if kind == QuestionType.YES_NO:
        return None if isinstance(value, bool) else "Expected true or false."
    if kind == QuestionType.NUMBER:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if is_number and math.isfinite(value) else "Expected a number."
    if kind == QuestionType.SINGLE_CHOICE:
        return None if isinstance(value, str) and value in choices else f"One of: {', '.join(choices)}."
    if kind == QuestionType.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(isinstance(item, str) and item in choices for item in value):
            return f"A list of some of: {', '.join(choices)}."
        return "Each choice at most once." if len(set(value)) != len(value) else None
    return "This question cannot be answered."


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def answers_checked(*, questions: list[dict[str, Any]], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers as stored with the application: every question as asked, with its answer (or null).

    Refuses answers to unknown questions, missing answers to required ones and answers of the wrong type.
    """
    errors: dict[str, list[str]] = {}
    known = {question["key"] for question in questions}
    for key in answers:
        if key not in known:
            errors[key] = ["This job asks no such question."]
    snapshot = []
    for question in questions:
        value = answers.get(question["key"])
        if _is_blank(value):
            if question.get("required"):
                errors[question["key"]] = ["This question must be answered."]
            value = None
        elif (message := _answer_error(question, value)) is not None:
            errors[question["key"]] = [message]
        snapshot.append({"key": question["key"], "label": question["label"], "type": question["type"], "answer": value})
    if errors:
        raise InvalidInput(
            "Some answers to the screening questions are missing or invalid.",
            code=error_codes.INVALID_ANSWERS,
            details={"answers": errors},
        )
    return snapshot
