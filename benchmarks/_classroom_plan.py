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
    practice = Activity.objects.filter(kind=ActivityKind.PRACTICE, status="published")
    activities = list(practice.order_by("pk")[:6])
    students = []
    enrollments = Enrollment.objects.select_related("student").order_by("pk")[:30]
    for number, enrollment in enumerate(enrollments):
        activity = activities[number % len(activities)] if activities else None
        items = list(activity.items.prefetch_related("choices")[:10]) if activity else []
        students.append(
            {
                "username": enrollment.student.username,
                "activity": activity.pk if activity else None,
                "answers": [[item.pk, answer_for(item)] for item in items],
            }
        )
    link = GuardianLink.objects.select_related("guardian").first()
    teacher = User.objects.filter(role=Role.TEACHER).order_by("username").first()
    return {
        "students": students,
        "teacher": teacher.username if teacher else None,
        "guardian": link.guardian.username if link else None,
        "guardian_child": link.student_id if link else None,
    }


print(json.dumps(plan()))
