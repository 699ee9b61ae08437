"""The demo seed step: Maya's goals, reflection, ratings and open help, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from learnloop.demo.seed import seed_demo
from learnloop.goals.models import Goal, GoalKind, HelpRequest, Reflection, SelfAssessment
from learnloop.goals.selectors import goals_for_student, teacher_inbox_for
from learnloop.learning.engine_state import forget_cached_model
from learnloop.privacy.scope import scope_of_classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.alerts import alerts_for_classroom


@pytest.mark.django_db
def test_demo_seed_gives_maya_goals_ratings_and_open_help_idempotently() -> None:
    forget_cached_model()
    demo = seed_demo()
    seed_demo()
    maya = next(s for s in demo.students if s.username == "maya")
    rivera = next(t for t in demo.teachers if t.username == "rivera")
    goals = {view.goal.kind: view for view in goals_for_student(maya)}
    assert Goal.objects.count() == 2 and set(goals) == {GoalKind.STANDARDS, GoalKind.HABIT}
    standards_goal = goals[GoalKind.STANDARDS]
    assert 0 < standards_goal.progress.fraction < 1
    assert standards_goal.goal.cosign_pending
    assert goals[GoalKind.HABIT].goal.cosigned_by == rivera
    assert Reflection.objects.get().goal == standards_goal.goal
    assert SelfAssessment.objects.filter(student=maya).count() == 3
    assert HelpRequest.objects.get(resolved_at__isnull=True).student == maya

    inbox = teacher_inbox_for(rivera)
    assert inbox.help_count == 1 and inbox.cosign_count == 1
    classroom = demo.classrooms[0]
    alerts = alerts_for_classroom(
        list(students_for_classroom(classroom)),
        leaf_standards_for_classroom(classroom),
        timezone.now(),
        scope=scope_of_classroom(classroom),
    )
    maya_kinds = {a.kind for a in alerts if a.student == maya}
    assert {"help", "over-confident", "under-confident"} <= maya_kinds
