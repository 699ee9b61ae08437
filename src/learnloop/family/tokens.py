"""The signed token in a digest's unsubscribe link: it names the guardian, needs no
sign-in, and cannot be forged or pointed at someone else (Django's signing, SECRET_KEY)."""

from __future__ import annotations

from django.core import signing

from learnloop.accounts.models import Role, User

SALT = "learnloop.family.unsubscribe"


def unsubscribe_token(guardian: User) -> str:
    return signing.dumps({"guardian": guardian.pk}, salt=SALT, compress=True)


def guardian_for_token(token: str) -> User | None:
    """The guardian a token was made for, or None when it is broken or altered."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    guardian_id = payload.get("guardian") if isinstance(payload, dict) else None
    if not isinstance(guardian_id, int):
        return None
    return User.objects.filter(pk=guardian_id, role=Role.GUARDIAN).first()
