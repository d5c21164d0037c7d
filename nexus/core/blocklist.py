"""The domain blocklist (setting BLOCKED_DOMAINS): one check for every context that takes a domain.

A listed domain blocks itself and every subdomain: listing `spam.example` blocks
`spam.example` and `jobs.spam.example`, not `notspam.example`. Registration refuses
blocked email domains; companies refuse blocked websites and blocked creators.
"""

from urllib.parse import urlsplit

from django.conf import settings

from .errors import InvalidInput

BLOCKED_DOMAIN = "blocked_domain"


def normalize_domain(domain: str) -> str:
    """Lowercase, no trailing dot, international names in their ASCII (punycode) form."""
    domain = domain.strip().rstrip(".").lower()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def domain_is_blocked(domain: str) -> bool:
    domain = normalize_domain(domain)
    if not domain:
        return False
    for blocked in settings.BLOCKED_DOMAINS:
        blocked = normalize_domain(blocked)
        if blocked and (domain == blocked or domain.endswith(f".{blocked}")):
            return True
    return False


def domain_of_email(email: str) -> str:
    return email.rpartition("@")[2]


def domain_of_url(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""


def refuse_blocked_email(email: str, *, field: str = "email") -> None:
    """Raises `blocked_domain` (400) with the error under `field` when the address's domain is blocked."""
    if domain_is_blocked(domain_of_email(email)):
        message = "Addresses at this domain are not accepted."
        raise InvalidInput(message, code=BLOCKED_DOMAIN, details={field: [message]})


def refuse_blocked_url(url: str, *, field: str) -> None:
    """Raises `blocked_domain` (400) with the error under `field` when the URL's host is blocked."""
    if url and domain_is_blocked(domain_of_url(url)):
        message = "Websites at this domain are not accepted."
        raise InvalidInput(message, code=BLOCKED_DOMAIN, details={field: [message]})
