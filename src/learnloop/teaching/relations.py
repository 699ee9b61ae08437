"""What the class's answers say about how its standards relate (reads: selectors).

The class's response log goes to the engine (`engine.relations`), which finds the
standards that students miss together and which of those usually come first; the
framework's CASE `precedes` links are merged in, and win any disagreement. Thin on
purpose: two queries, then pure engine code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.relations import (
    Prerequisite,
    Relation,
    learned_prerequisites,
    merge_prerequisites,
    missed_together,
)
from learnloop.learning.models import Response
from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.models import Standard, StandardAssociation
from learnloop.standards.naming import standard_name
from learnloop.standards.selectors import PRECEDES

MIN_STUDENTS = 5
MAX_RELATIONS = 8


@dataclass(frozen=True)
class ClassRelations:
    """Standards missed together, and learned "usually comes first" edges."""

    missed_together: list[Relation]
    comes_first: list[Prerequisite]
    names: dict[str, str] = field(default_factory=dict)  # code -> the name people read

    def name(self, code: str) -> str:
        """The standard as people read it (standards/naming.py): its code, or its
        statement when the code is a machine name."""
        return self.names.get(code) or standard_name(code)


def class_log(classroom: Classroom) -> ResponseLog | None:
    """The class's answers, one row per standard of the item, in order per student."""
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
    return ResponseLog.from_records(students, codes, correct) if students else None


def relations_for_classroom(
    classroom: Classroom, min_students: int = MIN_STUDENTS, limit: int = MAX_RELATIONS
) -> ClassRelations:
    """The class's strongest relations, and learned order merged with CASE `precedes`.

    A learned edge that reverses a framework edge is dropped; one that repeats it is
    kept with source "case+learned". Framework edges nobody's answers support are not
    listed here (the standards pages show them).
    """
    log = class_log(classroom)
    if log is None:
        return ClassRelations([], [])
    learned = learned_prerequisites(log, min_students=min_students)
    codes = {code for edge in learned for code in (edge.before, edge.after)}
    framework = StandardAssociation.objects.filter(
        association_type=PRECEDES, origin__code__in=codes, destination__code__in=codes
    ).values_list("origin__code", "destination__code")
    merged = merge_prerequisites(learned, list(framework))
    together = missed_together(log, min_students=min_students, limit=limit)
    first = [edge for edge in merged if edge.source != "case"][:limit]
    shown = {code for r in together for code in (r.first, r.second)}
    shown |= {code for edge in first for code in (edge.before, edge.after)}
    return ClassRelations(together, first, _names(classroom, shown))


def _names(classroom: Classroom, codes: set[str]) -> dict[str, str]:
    """code -> label, from the class's frameworks (one query; none when nothing shows)."""
    if not codes:
        return {}
    standards = Standard.objects.filter(
        framework__in=classroom.frameworks.all(), code__in=codes
    ).only("code", "abbreviated_statement", "full_statement")
    return {standard.code: standard.label for standard in standards}
