"""Who may see and change a school's xAPI settings and outbox: its school admin."""

from __future__ import annotations

from typing import Any

from learnloop.schools.access import require_school_office
from learnloop.schools.models import School


def access_xapi_office(viewer: Any) -> School:
    """The school whose xAPI pages `viewer` may use (PermissionDenied for anyone else)."""
    _, school = require_school_office(viewer)
    return school
