"""Scaffolds as answerable sub-questions (issue 17 section 3): graded like items, right or
wrong shown inline, kept on the session and never a Response."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.test import Client

from learnloop.content.item_instances import row_for
from learnloop.content.models import Activity, Item, ItemStep, Source, StepHint, StepKind
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.variables import draw_seed
from learnloop.learning.models import PracticeSession, Response
from learnloop.learning.tests.fixtures import LearningWorld, client_for
from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db
POOL = Path(__file__).parents[2] / "content" / "tests" / "fixtures" / "oatutor" / "pool"


def shown_scaffold(session: PracticeSession, **fields) -> StepHint:
    """A scaffold on the session's current item, shown (as after asking for it)."""
    step, _ = ItemStep.objects.get_or_create(
        item_id=session.current_item_id, identifier="s1", defaults={"problem_type": "TextBox"}
    )
    scaffold = StepHint.objects.create(
        step=step, identifier=f"h{StepHint.objects.count()}", kind=StepKind.SCAFFOLD, **fields
    )
    shown = StepHint.objects.filter(step__item_id=session.current_item_id, parent=None).count()
    PracticeSession.objects.filter(pk=session.pk).update(scaffolds_shown=shown)
    return scaffold


def page(client: Client, activity_id: int) -> str:
    return html.unescape(client.get(f"/learn/activities/{activity_id}/practice/").content.decode())


def test_a_scaffold_is_answered_inline_and_kept_on_the_session(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(f"/learn/activities/{lw.practice.pk}/practice/")
    session = PracticeSession.objects.get(student=world.student)
    scaffold = shown_scaffold(
        session, title="Halve it.", text="What is 6/2?", problem_type="TextBox",
        answer_type="arithmetic", answers=["$$3$$"],
    )  # fmt: skip
    url = f"/learn/practice/{session.pk}/scaffold/{scaffold.pk}/"
    shown = page(client, lw.practice.pk)
    assert f'action="{url}"' in shown and "Your answer to smaller step 1" in shown
    assert "$$3$$" not in shown  # the answer is no longer given away
    wrong = client.post(url, {"answer": "4"})
    assert wrong.status_code == 302 and wrong["Location"].endswith(f"#scaffold-{scaffold.pk}")
    assert "Not quite." in page(client, lw.practice.pk)
    client.post(url, {"answer": "12/4"})  # any equal form, as the math grader takes it
    shown = page(client, lw.practice.pk)
    assert "Right! That step is done." in shown and 'value="12/4"' in shown
    session.refresh_from_db()
    assert session.scaffold_answers["right"] == [scaffold.pk]
    assert session.scaffold_answers["steps"][str(scaffold.pk)] == {"given": "12/4", "correct": True}
    assert not Response.objects.filter(student=world.student).exists()
    summary = client.get(f"/learn/practice/{session.pk}/summary/").content.decode()
    assert "You worked out 1 smaller step right." in summary


def test_a_choice_scaffold_and_a_text_scaffold_grade_as_their_types(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(f"/learn/activities/{lw.practice.pk}/practice/")
    session = PracticeSession.objects.get(student=world.student)
    choice = shown_scaffold(
        session, title="Which?", problem_type="MultipleChoice", answers=["half"],
        choices=["third", "half"],
    )  # fmt: skip
    words = shown_scaffold(session, title="Name it.", answer_type="string", answers=["Ratio"])
    shown = page(client, lw.practice.pk)
    assert 'type="radio" name="answer" value="B"> half' in shown
    client.post(f"/learn/practice/{session.pk}/scaffold/{choice.pk}/", {"answer": "A"})
    client.post(f"/learn/practice/{session.pk}/scaffold/{words.pk}/", {"answer": "ratio"})
    session.refresh_from_db()
    steps = session.scaffold_answers["steps"]
    assert (steps[str(choice.pk)]["correct"], steps[str(words.pk)]["correct"]) == (False, True)
    bad = client.post(f"/learn/practice/{session.pk}/scaffold/{choice.pk}/", {"answer": "Z"})
    assert bad.status_code == 400 and "Pick one of the options." in bad.content.decode()


def test_bad_input_is_a_400_naming_the_field_and_others_cannot_answer(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.student)
    client.get(f"/learn/activities/{lw.practice.pk}/practice/")
    session = PracticeSession.objects.get(student=world.student)
    scaffold = shown_scaffold(session, title="How many?", answer_type="arithmetic", answers=["3"])
    url = f"/learn/practice/{session.pk}/scaffold/{scaffold.pk}/"
    refusals = {
        "": "Type an answer to this step.",
        "   ": "Type an answer to this step.",
        "x" * 501: "Keep it to 500 characters, please.",
    }
    for given, refusal in refusals.items():
        response = client.post(url, {"answer": given})
        body = html.unescape(response.content.decode())
        assert response.status_code == 400 and refusal in body, given
        assert 'aria-invalid="true"' in body
    assert client_for(world.other_student).post(url, {"answer": "3"}).status_code == 403
    assert client.get(url).status_code == 405
    hidden = shown_scaffold(session, title="Later", answers=["1"])
    PracticeSession.objects.filter(pk=session.pk).update(scaffolds_shown=1)
    assert (
        client.post(
            f"/learn/practice/{session.pk}/scaffold/{hidden.pk}/", {"answer": "1"}
        ).status_code
        == 404
    )
    session.refresh_from_db()
    assert session.scaffold_answers == {}


def test_a_variabilized_scaffold_is_graded_against_the_drawn_values(world: World) -> None:
    import_oatutor(path=POOL)
    varied = Item.objects.get(source=Source.OATUTOR, source_identifier__endswith=":fracVar1")
    activity = Activity.objects.filter(items=varied).first()
    framework = Framework.objects.filter(standards__activities=activity).distinct().get()
    adopt_framework(classroom=world.classroom, framework=framework)
    client = client_for(world.student)
    client.get(f"/learn/activities/{activity.pk}/practice/")
    session = PracticeSession.objects.get(student=world.student)
    PracticeSession.objects.filter(pk=session.pk).update(current_item=varied)
    session.refresh_from_db()
    scaffold = shown_scaffold(
        session, title="Halve", text="Half of @{slices}?", answer_type="arithmetic",
        answers=["@{half}"],
    )  # fmt: skip
    row = row_for(varied, draw_seed(world.student.pk, session.current_client_id))
    slices, half, other = ["8", "12"][row], ["4", "6"][row], ["6", "4"][row]
    assert f"Half of {slices}?" in page(client, activity.pk)
    url = f"/learn/practice/{session.pk}/scaffold/{scaffold.pk}/"
    client.post(url, {"answer": other})
    session.refresh_from_db()
    assert session.scaffold_answers["steps"][str(scaffold.pk)]["correct"] is False
    client.post(url, {"answer": half})
    session.refresh_from_db()
    assert session.scaffold_answers["steps"][str(scaffold.pk)]["correct"] is True
