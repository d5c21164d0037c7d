"""Transactional email: one subject, one HTML and one text template per message. Tasks send them."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_build(
    *, to: str, template: str, context: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> EmailMultiAlternatives:
    """Renders `<template>_subject.txt`, `<template>.txt` and `<template>.html` into one message."""
    context = {"frontend_url": settings.FRONTEND_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=dict(headers or {}))
    message.attach_alternative(html, "text/html")
    return message


def email_send_templated(
    *, to: str, template: str, context: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> None:
    """Renders the message now and sends it from a background task after commit (retried if the server fails).

    For messages with no row to name; notifications and account emails have tasks of their own that take ids."""
    from .background import enqueue
    from .tasks import send_email

    message = email_build(to=to, template=template, context=context, headers=headers)
    html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    enqueue(
        send_email, to=to, subject=message.subject, text=message.body, html=html, headers=dict(message.extra_headers)
    )
