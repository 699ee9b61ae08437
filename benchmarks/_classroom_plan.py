"""Run inside the classroom benchmark's data folder (Django set up by `learnloop manage
shell`): print, as JSON, what the simulated class needs from the seeded demo school.

For each demo student: their practice activities' ids and, per item, an answer the
grader reads (a choice key, a number or a word; right or wrong does not matter here).
Also one guardian and one student id for the family report (a PDF: the reportlab path).
"""

from __future__ import annotations

import json

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.content.models import Activity, ActivityKind, Item
from learnloop.schools.models import Enrollment


def answer_for(item: Item) -> object:
    choices = list(item.choices.all())
    if choices:
        chosen = choices[len(choices) // 2].identifier
        return [chosen] if item.kind == "multiple_choice" else chosen
    if item.numeric_answer is not None:
        return str(item.numeric_answer + 1)
    return "7"


def plan() -> dict[str, object]:
    """30 students, the most recent classes first (with the OATutor class present, its
    students answer math items, so sympy's cost is in the figure too)."""
    practice = Activity.objects.filter(kind=ActivityKind.PRACTICE, status="published")
    students: list[dict[str, object]] = []
    seen: set[int] = set()
    enrollments = Enrollment.objects.select_related("student", "classroom").order_by(
        "-classroom_id", "pk"
    )
    for enrollment in enrollments:
        if enrollment.student_id in seen or len(students) == 30:
            continue
        seen.add(enrollment.student_id)
        frameworks = enrollment.classroom.frameworks.all()
        mine = practice.filter(standards__framework__in=frameworks).distinct().order_by("pk")
        choices = list(mine) or list(practice.filter(source="generated").order_by("pk"))
        activity = choices[len(students) % len(choices)] if choices else None
        published = activity.items.filter(status="published") if activity else Item.objects.none()
        items = list(published.prefetch_related("choices")[:10])
        students.append(
            {
                "username": enrollment.student.username,
                "activity": activity.pk if activity else None,
                "answers": [[item.pk, answer_for(item)] for item in items],
            }
        )
    link = GuardianLink.objects.select_related("guardian").first()
    teacher = User.objects.filter(role=Role.TEACHER).order_by("username").first()
    math_items = set(Item.objects.filter(kind="math").values_list("pk", flat=True))
    return {
        "math_answers": sum(item in math_items for s in students for item, _ in s["answers"]),
        "students": students,
        "teacher": teacher.username if teacher else None,
        "guardian": link.guardian.username if link else None,
        "guardian_child": link.student_id if link else None,
    }


print(json.dumps(plan()))
