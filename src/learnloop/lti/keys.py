"""The tool's signing keys: one current, the retired ones still published for a grace period.

Platforms cache the tool's key set; a key removed at once would break the tokens
(deep-linking responses, service-token requests) they already hold or verify against a
cached set, so `rotate_key` keeps the old key in the set for KEY_GRACE.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pylti1p3.registration import Registration

from learnloop.lti.models import ToolKey

KEY_GRACE = dt.timedelta(days=7)


def _new_key(now: dt.datetime) -> ToolKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    kid = str(Registration.get_jwk(public_pem)["kid"])
    return ToolKey.objects.create(
        kid=kid, private_pem=private_pem, public_pem=public_pem, created_at=now
    )


@transaction.atomic
def current_key() -> ToolKey:
    """The key the tool signs with now, made on first use."""
    key = ToolKey.objects.filter(retired_at=None).order_by("-created_at").first()
    return key if key is not None else _new_key(timezone.now())


@transaction.atomic
def rotate_key(*, now: dt.datetime | None = None) -> ToolKey:
    """Make a new current key; the old one stays published until KEY_GRACE has passed."""
    now = now or timezone.now()
    ToolKey.objects.filter(retired_at=None).update(retired_at=now)
    ToolKey.objects.filter(retired_at__lt=now - KEY_GRACE).delete()
    return _new_key(now)


def published_key_set(*, now: dt.datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    """The JWKS platforms read: the current key and the retired ones still in grace."""
    now = now or timezone.now()
    current_key()
    in_grace = Q(retired_at=None) | Q(retired_at__gte=now - KEY_GRACE)
    keys = ToolKey.objects.filter(in_grace).order_by("-created_at")
    return {"keys": [dict(Registration.get_jwk(key.public_pem)) for key in keys]}
