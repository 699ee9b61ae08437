"""The board's reasons in the reader's language, and told to a family about their child."""

from __future__ import annotations

from django.utils import translation

from learnloop.engine.levels import Level
from learnloop.engine.recommend.phrases import Reason
from learnloop.learning.reasons import reason_text
from learnloop.learning.tests.fixtures import LearningWorld, client_for, open_session, practice_url
from learnloop.testing.world import World

CLOSE = Reason("You're close on %(code)s: about %(count)s more items.", code="6.RP.A.2", count=3)
GOAL = Reason("It's one of your goals.")


def test_a_student_reads_the_reason_in_spanish() -> None:
    with translation.override("es"):
        assert reason_text(CLOSE.then(GOAL)) == (
            "Estás cerca en 6.RP.A.2: unas 3 preguntas más. Es una de tus metas."
        )


def test_a_family_reads_about_their_child_not_to_them() -> None:
    building = Reason(
        "Keep building %(code)s: you're %(level)s and growing.",
        code="6.RP.A.2",
        level=Level.FAMILIAR,
    )
    with translation.override("en"):
        assert (
            reason_text(building, about="Maya")
            == "Maya is building 6.RP.A.2: familiar and growing."
        )
        assert reason_text(CLOSE.then(GOAL), about="Maya") == (
            "Maya is close on 6.RP.A.2: about 3 more items. It's one of Maya's goals."
        )
    with translation.override("es"):
        assert reason_text(building, about="Maya") == (
            "Maya está construyendo 6.RP.A.2: familiarizado y creciendo."
        )


def test_in_arabic_a_code_inside_the_reason_stays_left_to_right() -> None:
    """Between the Unicode isolates LRI and PDI: without them the bidi algorithm shows
    "6.RP.A.2" as "RP.A.2.6" inside an Arabic sentence. Other languages get no marks, nor
    does an English sentence shown for want of its Arabic (the family's versions, today):
    its codes stay in its own left-to-right run."""
    ready = Reason(
        "Ready to learn %(code)s: you're solid on %(codes)s.", code="6.RP.A.2", codes="6.RP.A.1"
    )
    with translation.override("ar"):
        said = reason_text(CLOSE.then(ready))
        assert "\u20666.RP.A.2\u2069" in said and "\u20666.RP.A.1\u2069" in said
        assert said.startswith("أنت قريب من \u200e\u20666.RP.A.2\u2069\u200e")
        assert "\u2066" not in reason_text(ready, about="Maya")
    with translation.override("es"):
        assert "\u2066" not in reason_text(CLOSE.then(ready))


def test_a_plain_reason_passes_through() -> None:
    assert reason_text("Your teacher assigned this.") == "Your teacher assigned this."


def test_a_spanish_reading_student_practices_in_spanish(world: World, lw: LearningWorld) -> None:
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    client = client_for(world.student)
    client.get(practice_url(lw))
    session = open_session(world)
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "999",
        "kind": "numeric",
    }
    if session.current_item.kind == "single_choice":
        post |= {"answer": "zz", "kind": "single_choice"}
    body = client.post(practice_url(lw), post).content.decode()
    assert "Todavía no" in body or "Elige una respuesta." in body
    home = client.get("/").content.decode()
    assert "¿Qué sigue?" in home and "Mi mapa de dominio" in home
