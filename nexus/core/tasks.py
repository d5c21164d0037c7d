"""Generic background tasks."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task
def send_email(*, to: str, subject: str, text: str, html: str, headers: dict[str, str]) -> None:
    """Sends an already rendered message; a failing mail server raises and the task retries."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
