import uuid

from django.utils import timezone

from learnloop.content.models import Item, ItemKind, ItemStep, Status, StepHint, StepKind
from learnloop.learning.models import PracticeSession
from learnloop.learning.practice import open_session
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

STUDENT = frozenset({"student"})
ANY_STUDENT = frozenset({"student", "other_student"})  # each sees their own page


def _session(world: World) -> dict[str, int]:
    lw = learning_world(world)
    session = PracticeSession.objects.filter(student=world.student).first()
    session = session or open_session(student=world.student, activity=lw.practice)
    return {"session_id": session.pk}


def _scaffold(world: World) -> dict[str, int]:
    """The student's session with a scaffold shown on its current item (made once)."""
    found = _session(world)
    session = PracticeSession.objects.get(pk=found["session_id"])
    if session.current_item_id is None:  # the walk answered or finished it: reopen
        session.current_item = learning_world(world).items[0]
        session.current_client_id, session.finished_at = uuid.uuid4(), None
        session.save(update_fields=["current_item", "current_client_id", "finished_at"])
    step, _ = ItemStep.objects.get_or_create(
        item_id=session.current_item_id, identifier="walk-step", defaults={"position": 0}
    )
    scaffold, _ = StepHint.objects.get_or_create(
        step=step,
        identifier="walk-scaffold",
        defaults={"kind": StepKind.SCAFFOLD, "title": "How many?", "answers": ["3"]},
    )
    PracticeSession.objects.filter(pk=session.pk).update(scaffolds_shown=1)
    return {**found, "scaffold_id": scaffold.pk}


def _steps_session(world: World) -> dict[str, int]:
    """The student's session with a two-step question current (made once)."""
    found = _session(world)
    step = {
        "title": "1+2?", "body": "", "variables": {}, "problem_type": "TextBox",
        "answer_type": "arithmetic", "answers": ["3"], "choices": [], "hints": [],
    }  # fmt: skip
    second = {**step, "title": "2+2?", "answers": ["4"]}
    template = {"title": "Two steps", "body": "Two steps.", "variables": {}, "rows": 1,
                "figures": {}, "steps": [step, second]}  # fmt: skip
    item, _ = Item.objects.get_or_create(
        source_identifier="walk:steps",
        defaults={"kind": ItemKind.SHORT_TEXT, "title": "Two steps", "stem": "<p>Two steps.</p>",
                  "accepted_answers": ["4"], "status": Status.PUBLISHED,
                  "extra": {"oatutor": {"template": template}}},
    )  # fmt: skip
    PracticeSession.objects.filter(pk=found["session_id"]).update(
        current_item=item, current_client_id=uuid.uuid4(), finished_at=None, scaffold_answers={}
    )
    return found


def _answer(world: World) -> dict[str, object]:
    lw = learning_world(world)
    return {"item_id": lw.items[0].pk, "client_id": str(uuid.uuid4()), "answer": "3"}


def _batch(world: World) -> dict[str, object]:
    lw = learning_world(world)
    answer = {
        "client_id": str(uuid.uuid4()),
        "item": lw.items[0].pk,
        "answer": "3",
        "client_time": timezone.now().isoformat(),
        "activity": lw.practice.pk,
    }
    return {"answers": [answer]}


EXPECTATIONS = {
    "learning_home": Expectation(ANY_STUDENT),
    "learning_activity_list": Expectation(ANY_STUDENT),
    "learning_activity_detail": Expectation(
        STUDENT, kwargs=lambda world: {"activity_id": learning_world(world).lesson.pk}
    ),
    "learning_practice": Expectation(
        STUDENT, kwargs=lambda world: {"activity_id": learning_world(world).practice.pk}
    ),
    "learning_practice_again": Expectation(
        STUDENT,
        kwargs=lambda world: {"activity_id": learning_world(world).practice.pk},
        method="post",
    ),
    "learning_practice_hint": Expectation(STUDENT, kwargs=_session, method="post"),
    "learning_practice_scaffold": Expectation(
        STUDENT, kwargs=_scaffold, method="post", data=lambda world: {"answer": "3"}
    ),
    "learning_practice_part": Expectation(
        STUDENT,
        kwargs=_steps_session,
        method="post",
        data=lambda world: {"position": "0", "answer": "3"},
    ),
    "learning_practice_skip": Expectation(
        STUDENT, kwargs=_steps_session, method="post", data=lambda world: {"position": "0"}
    ),
    "learning_practice_finish": Expectation(STUDENT, kwargs=_session, method="post"),
    "learning_practice_summary": Expectation(STUDENT, kwargs=_session),
    "learning_standard_detail": Expectation(
        STUDENT,
        kwargs=lambda world: {"standard_id": learning_world(world).standards["6.RP.A.2"].pk},
    ),
    "learning_mistakes": Expectation(ANY_STUDENT),
    "learning_interests": Expectation(ANY_STUDENT),
    "learning_news_read": Expectation(ANY_STUDENT, method="post"),
    "learning_offline": Expectation(ANY_STUDENT),
    "learning_api_responses": Expectation(STUDENT, method="post", data=_answer, json=True),
    "learning_api_pack": Expectation(
        STUDENT, data=lambda world: {"activity": learning_world(world).practice.pk}
    ),
    # Any student may sync; each answer's item and activity are checked one by one (an
    # answer not theirs is refused in the 200's results: test_batch_sync).
    "learning_api_answers_batch": Expectation(ANY_STUDENT, method="post", data=_batch, json=True),
    "learning_api_sync_status": Expectation(ANY_STUDENT),
}
