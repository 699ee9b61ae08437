"""A non-identifying reference to a student for the audit log."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def subject_reference(student_id: int) -> str:
    """HMAC of the id with the site's secret: stable while the key is, opaque to others."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"learnloop-student:{student_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"S-{digest[:16]}"
