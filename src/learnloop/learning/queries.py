"""Learning's literal statements off the answer wing (the wing's are in
`answering/queries.py`), run by `core.sql`: reads that every answer's checks and board
make, written out once.
"""

from __future__ import annotations

from learnloop.core.sql import Statement, column, table
from learnloop.schools.models import Classroom, Enrollment


def _frameworks_sql() -> str:
    through = Classroom.frameworks.through
    return (
        f"SELECT {column(through, 'framework')} FROM {table(through)} "
        f"INNER JOIN {table(Enrollment)} "
        f"ON {column(Enrollment, 'classroom')} = {column(through, 'classroom')} "
        f"WHERE {column(Enrollment, 'student')} = %s"
    )


STUDENT_FRAMEWORKS = Statement(_frameworks_sql)


def framework_ids(student_id: int) -> tuple[int, ...]:
    """The frameworks the student's classes follow, sorted, each once."""
    return tuple(sorted({framework_id for (framework_id,) in STUDENT_FRAMEWORKS.rows(student_id)}))
