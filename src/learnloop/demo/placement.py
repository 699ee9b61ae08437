"""Demo seed step: a placement check in Ms. Rivera's class, done by four students.

Ms. Rivera gives Math 6 · Period 1 a placement check on the unit's framework. Jamal,
Sofía, Liam and Aisha take it through the same services as the page
(`start_placement`, `answer_placement`): each answers the question of a standard their
practice says they know (mastery one half or more) with the item's key, and says
"I haven't learned this yet" otherwise, so the class's starting map has four rows and
each of them a placement result. Maya has not started it: her My learning shows the
check to take. Idempotent: the check is made once, and a finished attempt is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from learnloop.accounts.models import User
from learnloop.demo.history import key_answer
from learnloop.learning.models import MasteryState
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.placement.services import answer_placement, assign_placement_check, start_placement

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

TAKERS = ("jamal", "sofia", "liam", "aisha")
MAX_QUESTIONS = 40  # the engine stops by 18; a guard against a loop that never ends


def seed_demo_placement(demo: DemoSchool) -> None:
    """Seed step: the class's check, and the four students' finished attempts."""
    classroom, teacher = demo.classrooms[0], demo.teachers[0]
    framework = classroom.frameworks.order_by("pk").first()
    if framework is None:
        return
    check = PlacementCheck.objects.filter(
        classroom=classroom, framework=framework, student__isnull=True
    ).first() or assign_placement_check(
        assigned_by=teacher, classroom=classroom, framework=framework
    )
    for username in TAKERS:
        student = demo.person(username)
        if student is not None:
            _take(student, check)


def _take(student: User, check: PlacementCheck) -> PlacementAttempt:
    known = set(
        MasteryState.objects.filter(student=student, mastery__gte=0.5).values_list(
            "standard_id", flat=True
        )
    )
    attempt = start_placement(student=student, check=check)
    for _ in range(MAX_QUESTIONS):
        item = attempt.current_item
        if attempt.finished_at is not None or item is None:
            break
        knows = attempt.current_standard_id in known
        attempt = answer_placement(
            attempt=attempt,
            item_id=item.pk,
            answer=key_answer(item) if knows else None,
            not_yet=not knows,
        )
    return attempt
