"""The demo seed step: two groups and one assignment in Ms. Rivera's class, once."""

from __future__ import annotations

import pytest

from learnloop.demo.seed import seed_demo
from learnloop.learning.engine_state import forget_cached_model
from learnloop.teaching.models import Assignment, Group


@pytest.mark.django_db
def test_demo_seed_makes_two_groups_and_an_assignment_idempotently() -> None:
    forget_cached_model()
    demo = seed_demo()
    seed_demo()
    rivera_class = demo.classrooms[0]
    groups = Group.objects.filter(classroom=rivera_class).order_by("name")
    assert [g.name for g in groups] == ["Ratio challenge", "Ratio reteach"]
    assert all(g.memberships.exists() for g in groups)
    assignment = Assignment.objects.get()
    assert assignment.group.name == "Ratio reteach"
    assert assignment.recipients.count() == groups[1].memberships.count()
