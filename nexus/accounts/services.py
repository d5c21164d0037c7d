"""Account writes: registration, passwords, email verification, tokens and profiles."""

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from nexus.core.background import enqueue
from nexus.core.blocklist import refuse_blocked_email
from nexus.core.emails import email_build
from nexus.core.errors import InvalidInput, NotFound
from nexus.taxonomy.models import Skill
from nexus.taxonomy.selectors import skill_get, skill_resolve

from . import error_codes
from .models import EmployerProfile, ProfileItem, Role, SeekerProfile, SeekerSkill, User
from .selectors import user_get_active_by_email
from .tokens import email_verification_token, password_reset_token, uid_decode, uid_encode

SELF_SERVICE_ROLES = (Role.SEEKER, Role.EMPLOYER)


def _validate_password(*, password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(
            "Choose a stronger password.", code="weak_password", details={"password": exc.messages}
        ) from exc


@transaction.atomic
def user_register(*, email: str, password: str, role: str, first_name: str = "", last_name: str = "") -> User:
    if role not in SELF_SERVICE_ROLES:
        raise InvalidInput(
            "Register as a seeker or an employer.",
            code=error_codes.ROLE_REQUIRED,
            details={"role": ["Choose seeker or employer."]},
        )
    user = User(email=email.strip().lower(), role=role, first_name=first_name.strip(), last_name=last_name.strip())
    refuse_blocked_email(user.email)
    _validate_password(password=password, user=user)
    user.set_password(password)
    # Uniqueness is checked below, case-insensitively and with its own error code.
    user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    taken = InvalidInput(
        "An account with this email already exists.",
        code=error_codes.EMAIL_TAKEN,
        details={"email": ["An account with this email already exists."]},
    )
    if User.objects.with_email(user.email).exists():
        raise taken
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent registration of the same address won
        raise taken from exc
    if role == Role.SEEKER:
        SeekerProfile.objects.create(user=user)
    else:
        EmployerProfile.objects.create(user=user)
    email_verification_send(user=user)
    return user


def user_update(*, user: User, **fields: Any) -> User:
    allowed = {"first_name", "last_name"}
    changed = [name for name in fields if name in allowed]
    for name in changed:
        setattr(user, name, fields[name].strip())
    user.full_clean(exclude=["password"], validate_constraints=False)
    user.save(update_fields=[*changed, "updated_at"])
    return user


def tokens_issue(*, user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def tokens_revoke_all(*, user: User) -> None:
    """Blacklists every refresh token of the user: after a password change, reset or deactivation."""
    outstanding = OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now()).exclude(
        blacklistedtoken__isnull=False
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )


def refresh_token_revoke(*, refresh: str) -> None:
    try:
        RefreshToken(refresh).blacklist()  # type: ignore[arg-type]
    except TokenError as exc:
        raise InvalidInput("This refresh token is invalid or already revoked.", code=error_codes.INVALID_TOKEN) from exc


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> dict[str, str]:
    """Changes the password, signs out every other session and returns a fresh token pair."""
    if not user.check_password(old_password):
        raise InvalidInput(
            "The current password is wrong.",
            code=error_codes.WRONG_PASSWORD,
            details={"old_password": ["The current password is wrong."]},
        )
    _validate_password(password=new_password, user=user)
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    tokens_revoke_all(user=user)
    return tokens_issue(user=user)


def _emailed_link(*, path: str, user: User, token: str) -> str:
    return f"{settings.FRONTEND_URL}/{path}?uid={uid_encode(user)}&token={token}"


def _token_context(*, user: User, link: str) -> dict[str, Any]:
    return {"user": user, "link": link, "ttl_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}


# Emailed one-time links: template name -> (token generator, front-end path). Nothing is stored: a token
# is a hash of the account's state and expires after PASSWORD_RESET_TIMEOUT.
EMAILED_LINKS = {
    "password_reset": (password_reset_token, "reset-password"),
    "email_verification": (email_verification_token, "verify-email"),
}


def account_email_build(*, user: User, kind: str) -> Any:
    """The password reset or verification email with a fresh one-time link (built when the task sends it)."""
    generator, path = EMAILED_LINKS[kind]
    link = _emailed_link(path=path, user=user, token=generator.make_token(user))
    return email_build(to=user.email, template=f"accounts/email/{kind}", context=_token_context(user=user, link=link))


def _send_account_email(*, user: User, kind: str) -> None:
    from .tasks import send_account_email

    enqueue(send_account_email, user_id=user.pk, kind=kind)


def password_reset_request(*, email: str) -> None:
    """Emails a one-time reset link when an active account has this address; says nothing either way.

    The email is sent by a background task after commit: a failing mail server is retried and never
    fails or slows the request."""
    user = user_get_active_by_email(email=email)
    if user is None:
        return
    _send_account_email(user=user, kind="password_reset")


def _user_from_link(*, uid: str, token: str, generator: Any) -> User:
    invalid = InvalidInput("This link is invalid or has expired.", code=error_codes.INVALID_TOKEN)
    user_id = uid_decode(uid)
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or not generator.check_token(user, token):
        raise invalid
    return user


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> None:
    user = _user_from_link(uid=uid, token=token, generator=password_reset_token)
    _validate_password(password=new_password, user=user)
    user.set_password(new_password)
    # Whoever can read the mailbox now holds the account: a verified address too.
    user.email_verified_at = user.email_verified_at or timezone.now()
    user.save(update_fields=["password", "email_verified_at", "updated_at"])
    tokens_revoke_all(user=user)


def email_verification_send(*, user: User) -> None:
    if user.email_verified:
        raise InvalidInput("This email address is already verified.", code=error_codes.EMAIL_ALREADY_VERIFIED)
    _send_account_email(user=user, kind="email_verification")


@transaction.atomic
def email_verify(*, uid: str, token: str) -> User:
    user = _user_from_link(uid=uid, token=token, generator=email_verification_token)
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at", "updated_at"])
    return user


@transaction.atomic
def user_deactivate(*, user: User, password: str) -> None:
    if not user.check_password(password):
        raise InvalidInput(
            "The password is wrong.", code=error_codes.WRONG_PASSWORD, details={"password": ["The password is wrong."]}
        )
    user.is_active = False
    user.save(update_fields=["is_active", "updated_at"])
    tokens_revoke_all(user=user)


def profile_update(*, profile: EmployerProfile | SeekerProfile, **fields: Any) -> EmployerProfile | SeekerProfile:
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save(update_fields=[*fields, "updated_at"])
    return profile


MAX_ITEMS_PER_COLLECTION = 100


def _profile_item_save(*, item: ProfileItem, update_fields: list[str] | None = None) -> ProfileItem:
    item.full_clean()
    try:
        with transaction.atomic():
            item.save(update_fields=update_fields)
    except IntegrityError as exc:  # a concurrent write took the same unique value
        raise InvalidInput("This entry is already on your profile.", code="duplicate") from exc
    return item


def _seeker_skill_from_input(*, name: str | None = None, skill: int | None = None) -> Skill:
    """The taxonomy's skill that the client named: by name or alias in any case ("py"), or by id."""
    by_id = None
    if skill is not None:
        try:
            by_id = skill_get(skill_id=skill)
        except NotFound as exc:
            message = f"No skill has the id {skill}. Pick one from /api/v1/skills/."
            raise InvalidInput(message, code=error_codes.UNKNOWN_SKILL, details={"skill": [message]}) from exc
    if name is None:
        if by_id is None:
            raise InvalidInput("Name the skill.", details={"name": ["Give a skill name (or alias), or `skill`."]})
        return by_id
    by_name = skill_resolve(name=name)
    if by_name is None:
        message = f"“{name.strip()}” is not a known skill. Pick one from /api/v1/skills/?q={quote(name.strip()[:3])}."
        raise InvalidInput(message, code=error_codes.UNKNOWN_SKILL, details={"name": [message]})
    if by_id is not None and by_id.pk != by_name.pk:
        message = f"`skill` is {by_id.name} but `name` is {by_name.name}: send one of them."
        raise InvalidInput(message, code=error_codes.SKILL_MISMATCH, details={"skill": [message]})
    return by_name


def _item_fields(*, model: type[ProfileItem], fields: dict[str, Any]) -> dict[str, Any]:
    """Profile skills are named by the client and stored as a reference to the taxonomy's skill."""
    if model is SeekerSkill and ("name" in fields or "skill" in fields):
        fields = dict(fields)
        fields["skill"] = _seeker_skill_from_input(name=fields.pop("name", None), skill=fields.pop("skill", None))
    return fields


@transaction.atomic
def profile_item_create(*, profile: SeekerProfile, model: type[ProfileItem], **fields: Any) -> ProfileItem:
    SeekerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if model._default_manager.filter(profile=profile).count() >= MAX_ITEMS_PER_COLLECTION:
        raise InvalidInput(
            f"A profile holds at most {MAX_ITEMS_PER_COLLECTION} entries of each kind.", code="collection_full"
        )
    fields = _item_fields(model=model, fields=fields)
    return _profile_item_save(item=model(profile=profile, **fields))


def profile_item_update(*, item: ProfileItem, **fields: Any) -> ProfileItem:
    fields = _item_fields(model=type(item), fields=fields)
    for name, value in fields.items():
        setattr(item, name, value)
    return _profile_item_save(item=item, update_fields=[*fields, "updated_at"])


def profile_item_delete(*, item: ProfileItem) -> None:
    item.delete()
