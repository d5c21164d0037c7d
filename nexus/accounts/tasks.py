"""Account emails and token housekeeping, run by workers (or in-process without a broker)."""

from celery import shared_task
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from .models import User


@shared_task
def send_account_email(*, user_id: int, kind: str) -> bool:
    """Sends a password reset or verification email; a failing mail server raises and the task retries."""
    from .services import account_email_build

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or (kind == "email_verification" and user.email_verified):
        return False
    account_email_build(user=user, kind=kind).send()
    return True


@shared_task
def clean_up_expired_tokens() -> int:
    """Deletes refresh tokens past their expiry (and their blacklist rows). Emailed one-time tokens are not
    stored: they expire by themselves."""
    deleted, _ = OutstandingToken.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
