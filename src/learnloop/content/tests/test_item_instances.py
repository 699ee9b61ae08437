"""Per-student draws of variabilized OATutor items: shown, graded and regraded alike."""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from learnloop.content import item_instances
from learnloop.content.grading_adapter import grade_item
from learnloop.content.item_instances import draw_for, draw_seed, item_instance, row_for
from learnloop.content.models import Activity, Item, Source
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.variables import draw_row, substitute, values_at
from learnloop.learning.answering.service import record_response
from learnloop.learning.models import PracticeSession, Response
from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World

POOL = Path(__file__).parent / "fixtures" / "oatutor" / "pool"


def item(problem_id: str) -> Item:
    return Item.objects.get(source=Source.OATUTOR, source_identifier=f"shared:{problem_id}")


def edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def varied_choice_pool(tmp_path: Path) -> Path:
    """The pool with fracMc1 variabilized: n is 3 or 5, in its stem and a choice."""
    pool = Path(shutil.copytree(POOL, tmp_path / "pool"))
    folder = pool / "content-pool" / "fracMc1"
    edit_json(folder / "fracMc1.json", lambda data: data.update(variabilization={"n": ["3", "5"]}))
    edit_json(
        folder / "steps" / "fracMc1a" / "fracMc1a.json",
        lambda data: data.update(
            stepTitle="Which is larger than $$\\frac{1}{@{n}}$$?",
            choices=["$$\\frac{1}{2}$$", "$$\\frac{1}{@{n}}0$$"],
        ),
    )
    return pool


def client_ids_by_row(student_id: int, rows: int = 2) -> dict[int, uuid.UUID]:
    """A client id for each row, found by trying ids in a fixed order."""
    found: dict[int, uuid.UUID] = {}
    for number in range(1, 200):
        client_id = uuid.UUID(int=number)
        found.setdefault(draw_row(draw_seed(student_id, client_id), rows), client_id)
        if len(found) == rows:
            return found
    raise AssertionError("no client id draws every row")


def test_the_row_is_the_seeds_sha256_modulo_the_longest_list() -> None:
    digest = hashlib.sha256(b"learnloop-draw:7:abc").digest()
    assert draw_row("7:abc", 5) == int.from_bytes(digest, "big") % 5
    assert draw_row(None, 5) == 0 and draw_row("7:abc", 1) == 0
    assert draw_seed(7, uuid.UUID(int=1)) == f"7:{uuid.UUID(int=1)}"


@given(seed=st.text(max_size=40), rows=st.integers(1, 50))
def test_a_draw_is_a_row_and_the_same_every_time(seed: str, rows: int) -> None:
    row = draw_row(seed, rows)
    assert 0 <= row < rows and draw_row(seed, rows) == row


@given(row=st.integers(0, 100), short=st.integers(1, 5), long=st.integers(1, 9))
def test_every_list_gives_a_value_in_the_row_modulo_its_length(
    row: int, short: int, long: int
) -> None:
    variables = {"a": [f"a{i}" for i in range(short)], "b": [f"b{i}" for i in range(long)]}
    values = values_at(variables, row)
    assert values == {"a": f"a{row % short}", "b": f"b{row % long}"}
    shown = substitute("@{a} and @{b} and @{c}", values)
    assert shown == f"{values['a']} and {values['b']} and @{{c}}"


@pytest.mark.django_db
def test_two_seeds_see_different_numbers_and_each_grades_its_own_answer() -> None:
    import_oatutor(path=POOL)
    varied = item("fracVar1")  # slices 8 or 12; half 4 or 6
    by_row = client_ids_by_row(42)
    first, second = by_row[0], by_row[1]
    mine = item_instance(varied, draw_seed(42, first)).item
    theirs = item_instance(varied, draw_seed(42, second)).item
    assert "8 slices" in mine.stem and "Divide 8 by 2." in mine.hints[0]
    assert "12 slices" in theirs.stem and "Divide 12 by 2." in theirs.hints[0]
    assert grade_item(mine, "4").correct and not grade_item(mine, "6").correct
    assert grade_item(theirs, "6").correct and not grade_item(theirs, "4").correct
    assert "8 slices" in varied.stem  # the stored item is untouched: row 0
    seed = draw_seed(42, second)
    assert draw_for("Divide @{slices} by 2; half is @{half}.", varied, seed) == (
        "Divide 12 by 2; half is 6."
    )
    assert draw_for("@{extra}", varied, seed, {"extra": ["a", "b"]}) == "b"


@pytest.mark.django_db
def test_a_draw_is_idempotent_and_an_item_without_variables_is_itself() -> None:
    import_oatutor(path=POOL)
    varied = item("fracVar1")
    seed = draw_seed(1, uuid.UUID(int=3))
    once = item_instance(varied, seed).item
    twice = item_instance(once, seed).item
    assert (twice.stem, twice.hints, twice.accepted_answers) == (
        once.stem,
        once.hints,
        once.accepted_answers,
    )
    assert item_instance(varied, seed).item.stem == once.stem and row_for(varied, seed) == row_for(
        once, seed
    )
    plain = item("fracAdd1")
    assert item_instance(plain, seed).item is plain and not item_instance(plain, seed).drawn


@pytest.mark.django_db
def test_the_server_grades_the_instance_of_the_answers_client_id(world: World) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    varied, student = item("fracVar1"), world.student
    by_row = client_ids_by_row(student.pk)
    right = record_response(student=student, item_id=varied.pk, client_id=by_row[1], answer="6")
    wrong = record_response(student=student, item_id=varied.pk, client_id=by_row[0], answer="6")
    assert right.response.correct and not wrong.response.correct
    again = record_response(student=student, item_id=varied.pk, client_id=by_row[1], answer="6")
    assert again.duplicate and again.response.correct
    assert Response.objects.filter(student=student).count() == 2


@pytest.mark.django_db
def test_the_practice_feedback_and_mistakes_pages_show_the_drawn_numbers(world: World) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    varied = item("fracVar1")
    activity = Activity.objects.filter(items=varied).get()
    client = Client()
    client.force_login(world.student)
    client.get(f"/learn/activities/{activity.pk}/practice/")
    by_row = client_ids_by_row(world.student.pk)
    PracticeSession.objects.filter(student=world.student).update(
        current_item=varied, current_client_id=by_row[1], hints_shown=1
    )
    page = client.get(f"/learn/activities/{activity.pk}/practice/").content.decode()
    assert "12 slices" in page and "Divide 12 by 2." in page and "8 slices" not in page
    answer = {"item_id": varied.pk, "client_id": by_row[1], "answer": "4", "kind": "math"}
    feedback = client.post(f"/learn/activities/{activity.pk}/practice/", answer).content.decode()
    assert "Not quite" in feedback and "12 slices" in feedback
    mistakes = client.get("/learn/mistakes/").content.decode()
    assert "12 slices" in mistakes and "A right answer:</strong> 6" in mistakes
    session = PracticeSession.objects.get(student=world.student)
    client.post(f"/learn/practice/{session.pk}/finish/")
    summary = client.get(f"/learn/practice/{session.pk}/summary/").content.decode()
    assert "12 slices" in summary and "the answer is 6." in summary
    teacher = Client()
    teacher.force_login(world.teacher)
    profile = teacher.get(f"/teaching/students/{world.student.pk}/").content.decode()
    assert "12 slices" in profile and "8 slices" not in profile


@pytest.mark.django_db
def test_a_variabilized_choice_item_draws_its_choices_without_a_query(
    tmp_path: Path, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    import_oatutor(path=varied_choice_pool(tmp_path))
    stored = Item.objects.prefetch_related("choices").get(source_identifier="shared:fracMc1")
    by_row = client_ids_by_row(5)
    first, second = by_row[0], by_row[1]
    before = dict(stored.__dict__)
    with django_assert_num_queries(0):
        three = item_instance(stored, draw_seed(5, first))
        five = item_instance(stored, draw_seed(5, second))
        texts = [[c.text for c in drawn.choices] for drawn in (three, five)]
        assert texts == [
            ["$$\\frac{1}{2}$$", "$$\\frac{1}{3}0$$"],
            ["$$\\frac{1}{2}$$", "$$\\frac{1}{5}0$$"],
        ]
        assert grade_item(five.item, "A", five.choices).correct
        assert not grade_item(five.item, "B", five.choices).correct
    assert "\\frac{1}{5}$$?" in five.item.stem and "\\frac{1}{3}$$?" in three.item.stem
    assert stored.__dict__ == before  # drawing changed nothing on the stored item
    assert [c.text for c in stored.choices.all()] == texts[0]  # the stored row is row 0
    # the drawn copy's own prefetch is the stored one, untouched: row 0 still
    assert [c.text for c in five.item.choices.all()] == texts[0]


def test_drawing_never_touches_the_orms_internals() -> None:
    """Issue 16: no faked prefetch. The drawn choices are values beside the item."""
    source = Path(item_instances.__file__).read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]  # past the module docstring
    for internal in ("_prefetched_objects_cache", "_result_cache", "_prefetch_done", "_state"):
        assert internal not in code, internal


@pytest.mark.django_db
def test_the_practice_page_offers_and_grades_the_drawn_choices(
    world: World, tmp_path: Path
) -> None:
    import_oatutor(path=varied_choice_pool(tmp_path), courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    varied = item("fracMc1")
    activity = Activity.objects.filter(items=varied).first()
    assert activity is not None
    client = Client()
    client.force_login(world.student)
    client.get(f"/learn/activities/{activity.pk}/practice/")
    by_row = client_ids_by_row(world.student.pk)
    PracticeSession.objects.filter(student=world.student).update(
        current_item=varied, current_client_id=by_row[1]
    )
    page = client.get(f"/learn/activities/{activity.pk}/practice/").content.decode()
    assert "\\frac{1}{5}0" in page and "\\frac{1}{3}0" not in page  # row 1, not row 0
    assert 'name="answer" value="A"' in page and 'name="answer" value="B"' in page
    answer = {"item_id": varied.pk, "client_id": by_row[1], "answer": "B", "kind": "single_choice"}
    feedback = client.post(f"/learn/activities/{activity.pk}/practice/", answer).content.decode()
    assert "You chose this: wrong." in feedback and "\\frac{1}{5}0" in feedback
    assert Response.objects.get(student=world.student, item=varied).correct is False
