"""Transactional email: one HTML and one text template per message, sent after the transaction commits."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def email_send_templated(*, to: str, template: str, context: Mapping[str, Any]) -> None:
    """Renders `<template>_subject.txt`, `<template>.txt` and `<template>.html` and sends them once committed."""
    context = {"frontend_url": settings.FRONTEND_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
