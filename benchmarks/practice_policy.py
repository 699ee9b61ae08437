"""Today's practice loop against the session policy (issue 17 section 4), on simulated students.

Builds a throw-away test database (SQLite unless DATABASE_URL says otherwise): the demo
framework, one practice activity of 12 items on 6.RP.A.2 and a lesson on it, and a
class of simulated students (`engine.simulate.InteractiveLearner`: hidden BKT state,
three kinds of learner). Each student is then driven through the service layer:

- today: the loop before issue 17: `answer_item` (the service the JSON endpoint and
  the old page called) on the item the old rule picked (fewest right answers in the
  session, then nearest 70% predicted success, then least seen), no second try, no end;
  after a miss the student reads the worked solution the feedback page showed open.
- session: `open_session` / `answer_in_session` / `reveal_help` (what the practice
  page calls): a target of mastery, at most 20 items a sitting, a hint and a second try
  after a miss, the worked solution after a second miss, and after three misses in a
  row the lesson (the student studies it) and a new sitting.

Each student gets up to 30 first tries. Printed: items to mastery (the engine's level
Mastered on 6.RP.A.2), the share reaching it within 30 items, the share who stall
(30 items, no mastery), lessons taken, and the share whose hidden state is learned when the engine
first says Mastered (how often the claim is true). `--students N` (default 60).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")

import django

django.setup()

import numpy as np  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from _common import machine, markdown_table, today  # noqa: E402

ITEMS, MAX_FIRST_TRIES = 12, 30
TARGET_SUCCESS = 0.70
SEED = 17
# Four kinds of learner (BKT per attempt). A worked example is learned from with
# probability `example`, a lesson (a concept taught, not one instance shown) with
# `lesson`. Assumptions, stated in docs/benchmarks/practice.md.
KINDS = {
    "stuck": dict(prior=0.02, learn=0.02, guess=0.15, slip=0.10, example=0.03, lesson=0.25),
    "struggling": dict(prior=0.05, learn=0.04, guess=0.15, slip=0.10, example=0.10, lesson=0.30),
    "typical": dict(prior=0.15, learn=0.12, guess=0.20, slip=0.10, example=0.20, lesson=0.35),
    "quick": dict(prior=0.30, learn=0.25, guess=0.25, slip=0.08, example=0.25, lesson=0.40),
}


@dataclass
class Run:
    kind: str
    first_tries: int = 0
    mastered_at: int | None = None
    truly_learned_then: bool | None = None
    lessons: int = 0


def build(students: int):  # type: ignore[no-untyped-def]
    from learnloop.accounts.models import Role
    from learnloop.content.drafts import ActivityDraft
    from learnloop.content.models import ActivityKind, Modality, Status
    from learnloop.content.services import create_activity, set_activity_items
    from learnloop.learning.tests.fixtures import learning_world, numeric_item
    from learnloop.schools.services import enroll_student, ensure_user
    from learnloop.testing.world import build_world

    world = build_world()
    lw = learning_world(world)
    standard = lw.standards["6.RP.A.2"]
    items = [numeric_item(i, standard) for i in range(ITEMS)]
    practice = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(
            kind=ActivityKind.PRACTICE, title="Unit rates, 12 items", modality=Modality.DO
        ),
        standards=[standard],
        status=Status.PUBLISHED,
    )
    practice.extra = {"practice": {"target": "mastery", "max_items": 20}}
    practice.save(update_fields=["extra"])
    set_activity_items(activity=practice, items=items)
    people = []
    for i in range(students):
        student = ensure_user(
            username=f"sim{i}", role=Role.STUDENT, first_name="Sim", last_name=str(i),
            school=world.school,
        )  # fmt: skip
        enroll_student(classroom=world.classroom, student=student)
        people.append(student)
    return practice, standard, people


def _level(student_id: int, standard_id: int) -> int:
    from learnloop.learning.models import MasteryState

    row = MasteryState.objects.filter(student_id=student_id, standard_id=standard_id).first()
    return row.combined_level if row else 0


def _learner(kind: str, rng: np.random.Generator):  # type: ignore[no-untyped-def]
    from learnloop.engine.simulate import InteractiveLearner
    from learnloop.engine.tracing import BKTParams

    k = KINDS[kind]
    params = BKTParams(prior=k["prior"], learn=k["learn"], guess=k["guess"], slip=k["slip"])
    return InteractiveLearner.start(params, rng, study_gain=k["example"])


def _note_mastery(run: Run, student_id: int, standard_id: int, learned: bool) -> None:
    if run.mastered_at is None and _level(student_id, standard_id) >= 4:
        run.mastered_at, run.truly_learned_then = run.first_tries, learned


def _old_pick(student, practice, started) -> int:  # type: ignore[no-untyped-def]
    """The rule before issue 17 (learning.practice.pick_item, as it was)."""
    from learnloop.learning.answering import queries
    from learnloop.learning.models import Response
    from learnloop.learning.practice import _Predictor

    items = queries.activity_items(practice.pk, "published")
    right = dict.fromkeys(items, 0)
    for item_id in Response.objects.filter(
        student=student, correct=True, created_at__gte=started, item_id__in=list(items)
    ).values_list("item_id", flat=True):
        right[item_id] += 1
    seen = {pk: n for pk, (_, n) in queries.answer_counts(student.pk, list(items), started).items()}
    predictor = _Predictor(student.pk)
    return min(
        items,
        key=lambda pk: (
            right[pk],
            round(abs(predictor.for_item(pk, items[pk][1], items[pk][0]) - TARGET_SUCCESS), 2),
            seen.get(pk, 0),
            pk,
        ),
    )


def run_today(student, kind, practice, standard, rng, clock) -> Run:  # type: ignore[no-untyped-def]
    from learnloop.learning.answering.parsing import submission
    from learnloop.learning.answering.service import answer_item

    run, learner, started = Run(kind), _learner(kind, rng), clock()
    while run.first_tries < MAX_FIRST_TRIES and run.mastered_at is None:
        item_id = _old_pick(student, practice, started)
        correct, learner = learner.answer(rng)
        given = submission(
            item_id=item_id, client_id=uuid.uuid4(), answer="3" if correct else "4",
            activity_id=practice.pk,
        )  # fmt: skip
        answer_item(student=student, submission=given, now=clock())
        run.first_tries += 1
        if not correct:
            learner = learner.study(rng)  # the worked solution, open on the feedback page
        _note_mastery(run, student.pk, standard.pk, learner.learned)
    return run


def run_session(student, kind, practice, standard, rng, clock) -> Run:  # type: ignore[no-untyped-def]
    from learnloop.learning.answering.parsing import submission
    from learnloop.learning.answering.service import answer_in_session
    from learnloop.learning.practice import open_session
    from learnloop.learning.session_flow import reveal_help

    run, learner = Run(kind), _learner(kind, rng)
    while run.first_tries < MAX_FIRST_TRIES and run.mastered_at is None:
        session = open_session(student=student, activity=practice, now=clock())
        while session.finished_at is None and run.first_tries < MAX_FIRST_TRIES:
            first_try = session.attempt == 1
            correct, learner = learner.answer(rng)
            given = submission(
                item_id=session.current_item_id, client_id=session.current_client_id,
                answer="3" if correct else "4",
            )  # fmt: skip
            session, _ = answer_in_session(
                student=student, activity=practice, submission=given, now=clock()
            )
            run.first_tries += int(first_try)
            if not correct and session.attempt == 2 and session.current_item_id is not None:
                reveal_help(session=session)  # a hint before the second try
            elif not correct:
                learner = learner.study(rng)  # the worked solution after the second miss
            _note_mastery(run, student.pk, standard.pk, learner.learned)
            if run.mastered_at is not None:
                break
            if session.finished_at is None:
                session = open_session(student=student, activity=practice, now=clock())
        if session.end_reason == "routed":
            run.lessons += 1  # the lesson the summary offers
            lesson = replace(learner, study_gain=KINDS[kind]["lesson"]).study(rng)
            learner = replace(lesson, study_gain=learner.study_gain)
    return run


def summarize(name: str, runs: list[Run]) -> list[str]:
    reached = [r.mastered_at for r in runs if r.mastered_at is not None]
    stalled = sum(1 for r in runs if r.mastered_at is None)
    true_claims = [r.truly_learned_then for r in runs if r.truly_learned_then is not None]
    return [
        name,
        str(len(runs)),
        f"{statistics.median(reached):.0f}" if reached else "-",
        f"{statistics.mean(reached):.1f}" if reached else "-",
        f"{len(reached) / len(runs):.0%}",
        f"{stalled / len(runs):.0%}",
        f"{sum(true_claims) / len(true_claims):.0%}" if true_claims else "-",
        f"{sum(r.lessons for r in runs) / len(runs):.1f}",
    ]


def main() -> None:
    students = int(sys.argv[sys.argv.index("--students") + 1]) if "--students" in sys.argv else 60
    old_name = connection.creation.create_test_db(verbosity=0)
    started = time.perf_counter()
    try:
        practice, standard, people = build(students * 2)
        base = timezone.now()
        ticks = iter(range(10**9))

        def clock():  # type: ignore[no-untyped-def]
            return base + timedelta(seconds=next(ticks))

        kinds = [list(KINDS)[i % len(KINDS)] for i in range(students)]
        rows = []
        for name, policy, group in [
            ("today", run_today, people[:students]),
            ("session", run_session, people[students:]),
        ]:
            rng = np.random.default_rng(SEED)  # the same seed under both policies
            runs = [
                policy(student, kind, practice, standard, rng, clock)
                for student, kind in zip(group, kinds, strict=True)
            ]
            rows.append(summarize(name, runs))
            for kind in KINDS:
                rows.append(summarize(f"{name}: {kind}", [r for r in runs if r.kind == kind]))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    header = [
        "policy", "students", "items to mastery (median)", "mean", "mastered within 30",
        "stalled (30 items, no mastery)", "mastered and truly learned", "lessons taken",
    ]  # fmt: skip
    print(f"practice policy on simulated students, {connection.vendor}, seed {SEED}")
    print(f"{machine()}; {today()}; {time.perf_counter() - started:.0f} s")
    print(markdown_table(header, rows))


if __name__ == "__main__":
    main()
