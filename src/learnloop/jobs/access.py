"""Who may see the job queue: a school admin, for their school's jobs and the shared ones."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from learnloop.accounts.models import Role


def require_school_admin(viewer: Any) -> int:
    """The id of the school whose jobs `viewer` may see; PermissionDenied for anyone else."""
    if not viewer.is_authenticated:
        raise PermissionDenied("Sign in as a school admin.")
    if viewer.role != Role.SCHOOL_ADMIN:
        raise PermissionDenied("Only a school admin sees the job queue.")
    if viewer.school_id is None:
        raise PermissionDenied("Your account belongs to no school.")
    return int(viewer.school_id)
