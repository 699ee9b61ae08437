"""Refit the engine from the response log: the service behind `learnloop fit`.

The log is streamed from the database in chunks (a server-side cursor on PostgreSQL)
into compact arrays, chronological per student, with each standard an answer counted
for as a skill, and each row's item id and answer time (what the online update gets
in `Observation`); the engine fits on those arrays and the fitted parameters become the
active `EngineModel`, picked up by every process within MODEL_CACHE_SECONDS. Models
fitted on standards (the default hybrid, BKT) ignore the items and times; the
relational model learns item difficulty and latent concepts over items from them.
Memory is the arrays (about 25 bytes a row) plus one chunk of rows.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import FloatField, Func
from django.utils import timezone

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.practice_policy import right_for_engine
from learnloop.engine.tracing import DEFAULT_MODEL, make_model
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import EngineModel, Response
from learnloop.learning.priors import carry_imported_priors

CHUNK_ROWS = 20_000


class EpochSeconds(Func):
    """A time column as seconds since the epoch (UTC), computed by the database: reading
    millions of datetimes into Python objects took most of the log's read time."""

    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS DOUBLE PRECISION)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
            **extra_context,
        )


@dataclass(frozen=True)
class FitResult:
    engine_model: EngineModel
    responses: int
    log_rows: int


def response_log(limit: int | None = None) -> tuple[ResponseLog, int]:
    """The stored responses as an engine log (one row per standard), and responses read.

    Every row carries the response's student, standard, item id and time (seconds since
    the epoch, UTC), as `ResponseLog` takes them.
    """
    # First tries only, right when worth at least half: the answer's rule
    # (engine.practice_policy), so a refit learns from what the online update learns from.
    rows = (
        Response.objects.filter(attempt__lte=1)
        .order_by("student_id", "created_at", "pk")
        .annotate(epoch=EpochSeconds("created_at"))
        .values_list("student_id", "standard_ids", "correct", "score", "item_id", "epoch")
    )
    if limit is not None:
        rows = rows[:limit]
    students, skills, correct = array("q"), array("q"), array("b")
    items, stamps = array("q"), array("d")
    student_ids: list[str] = []
    skill_codes: dict[int, int] = {}
    item_codes: dict[int, int] = {}
    previous, read = None, 0
    for student_id, standard_ids, graded_right, credit, item_id, stamp in rows.iterator(
        chunk_size=CHUNK_ROWS
    ):
        right = 1 if right_for_engine(correct=graded_right, credit=credit) else 0
        read += 1
        if student_id != previous:
            student_ids.append(str(student_id))
            previous = student_id
        if not standard_ids:
            continue
        student = len(student_ids) - 1
        item = item_codes.setdefault(item_id, len(item_codes))
        for standard_id in standard_ids:
            students.append(student)
            skills.append(skill_codes.setdefault(standard_id, len(skill_codes)))
            correct.append(right)
            items.append(item)
            stamps.append(stamp)
    log = ResponseLog(
        student=np.frombuffer(students, dtype=np.int64),
        skill=np.frombuffer(skills, dtype=np.int64),
        correct=np.frombuffer(correct, dtype=np.int8),
        student_ids=tuple(student_ids),
        skill_ids=tuple(str(standard_id) for standard_id in skill_codes),
        item=np.frombuffer(items, dtype=np.int64),
        item_ids=tuple(str(item_id) for item_id in item_codes),
        timestamp=np.frombuffer(stamps, dtype=np.float64),
    )
    return log, read


def fit_engine_model(*, model_name: str = DEFAULT_MODEL, limit: int | None = None) -> FitResult:
    """Fit `model_name` on the log (at most `limit` responses) and make it the active model."""
    model = make_model(model_name)
    log, read = response_log(limit)
    if len(log) == 0:
        raise ValueError("there are no responses to fit on")
    model.fit(log)
    with transaction.atomic():
        previous = EngineModel.objects.filter(active=True).values_list("params", flat=True).first()
        EngineModel.objects.filter(active=True).update(active=False)
        stored = EngineModel.objects.create(
            name=model.name,
            params=carry_imported_priors(previous, model.params()),
            fitted_at=timezone.now(),
            responses_used=read,
            active=True,
        )
    forget_cached_model()
    return FitResult(engine_model=stored, responses=read, log_rows=len(log))
