"""What the class's answers say about how its standards relate (a read: a selector).

The class's response log goes to the engine (`engine.relations`), which finds the
standards that students miss together and which of those usually come first. Thin on
purpose: one query, then pure engine code.
"""

from __future__ import annotations

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.relations import Relation, missed_together
from learnloop.learning.models import Response
from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom

MIN_STUDENTS = 5
MAX_RELATIONS = 8


def relations_for_classroom(
    classroom: Classroom, min_students: int = MIN_STUDENTS, limit: int = MAX_RELATIONS
) -> list[Relation]:
    """Pairs of standards this class's students miss together, strongest first.

    Every answer counts once per standard of its item, in answer order per student.
    """
    rows = (
        Response.objects.filter(
            student_id__in=[s.pk for s in students_for_classroom(classroom)],
            item__standards__isnull=False,
        )
        .order_by("student_id", "created_at", "pk")
        .values_list("student_id", "item__standards__code", "correct")
    )
    students, codes, correct = [], [], []
    for student_id, code, right in rows:
        students.append(str(student_id))
        codes.append(code)
        correct.append(int(right))
    if not students:
        return []
    log = ResponseLog.from_records(students, codes, correct)
    return missed_together(log, min_students=min_students, limit=limit)
