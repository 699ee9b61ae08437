"""Names and Role Provisioning Services: a class's membership synced from the LMS.

`sync_all_classes()` (the `learnloop lti-sync-members` command, and the job queue's
task) reads each known course's membership list and matches every active member as a
launch would (matching.py): students are enrolled and teachers made the class's
teachers. Nobody is removed from a class: a rostered class may hold students the LMS
does not know, and the school office removes people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector

from learnloop.lti import claims as c
from learnloop.lti.matching import LaunchRefused, match_person, place_in_class
from learnloop.lti.models import Context
from learnloop.lti.tool_conf import registration_for


@dataclass(frozen=True)
class SyncReport:
    classes: int
    placed: int
    skipped: int
    failed: list[str]


def sync_class(context: Context) -> tuple[int, int]:
    """(placed, skipped) for one course; raises the platform's error when it refuses."""
    connector = ServiceConnector(registration_for(context.platform))
    service = NamesRolesProvisioningService(
        connector, {"context_memberships_url": context.memberships_url}
    )
    members = service.get_members()
    placed = skipped = 0
    with transaction.atomic():
        for member in members:
            roles = member.get("roles") if isinstance(member, dict) else None
            role = c.role_of([str(r) for r in roles] if isinstance(roles, list) else [])
            if role is None or member.get("status", "Active") != "Active":
                skipped += 1
                continue
            try:
                identity = match_person(platform=context.platform, person=member, role=role)
            except LaunchRefused:
                skipped += 1
                continue
            place_in_class(classroom=context.classroom, user=identity.user)
            placed += 1
        context.synced_at = timezone.now()
        context.save(update_fields=["synced_at"])
    return placed, skipped


def sync_all_classes() -> SyncReport:
    contexts = Context.objects.select_related("platform__school", "classroom").exclude(
        memberships_url=""
    )
    placed = skipped = 0
    failed: list[str] = []
    for context in contexts:
        try:
            class_placed, class_skipped = sync_class(context)
        except Exception as error:  # one course's failure must not stop the others
            failed.append(f"{context.title or context.context_id}: {type(error).__name__}")
            continue
        placed += class_placed
        skipped += class_skipped
    return SyncReport(len(contexts), placed, skipped, failed)
