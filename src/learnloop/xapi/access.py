"""Who may see and change a school's xAPI settings and outbox: its school admin."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from learnloop.schools.access import require_school_office
from learnloop.schools.models import School
from learnloop.xapi.models import OutboxStatement, OutboxStatus


def access_xapi_office(viewer: Any) -> School:
    """The school whose xAPI pages `viewer` may use (PermissionDenied for anyone else)."""
    _, school = require_school_office(viewer)
    return school


def access_dead_letter(viewer: Any, statement_id: uuid.UUID) -> OutboxStatement:
    """A refused statement of the admin's school: 404 when there is none (another
    school's statements are not told apart from missing ones)."""
    school = access_xapi_office(viewer)
    row = OutboxStatement.objects.filter(
        pk=statement_id, school=school, status=OutboxStatus.DEAD
    ).first()
    if row is None:
        raise Http404("No such refused statement in your school.")
    return row
