"""Groups and assignments for tests, made through the teaching services."""

from __future__ import annotations

import uuid

from learnloop.content.models import Activity
from learnloop.learning.tests.fixtures import learning_world
from learnloop.teaching.models import Assignment, Audience, Group
from learnloop.teaching.services import GroupDraft, create_assignment, save_groups
from learnloop.testing.world import World

NAMESPACE = uuid.UUID("3f0f6c8e-33a4-4a55-9d0b-1c1b0f4b8e21")


def group_of(world: World, name: str = "Ratios crew") -> Group:
    existing = Group.objects.filter(classroom=world.classroom, name=name).first()
    if existing is not None:
        return existing
    lw = learning_world(world)
    (group,) = save_groups(
        classroom=world.classroom,
        teacher=world.teacher,
        standards=[lw.standards["6.RP.A.2"]],
        drafts=[GroupDraft(name=name, student_ids=(world.student.pk,), explanation="Test")],
    )
    return group


def assignment_of(world: World, activity: Activity | None = None, key: str = "class") -> Assignment:
    lw = learning_world(world)
    return create_assignment(
        classroom=world.classroom,
        teacher=world.teacher,
        activity=activity or lw.practice,
        audience=Audience.CLASS,
        client_id=uuid.uuid5(NAMESPACE, key),
    )
