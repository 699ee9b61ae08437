"""A board reason reads as English and keeps its parts for other languages."""

from __future__ import annotations

import pickle

from learnloop.engine.levels import Level
from learnloop.engine.recommend.phrases import Reason


def test_a_reason_is_its_english_sentence() -> None:
    reason = Reason(
        "Keep building %(code)s: you're %(level)s and growing.",
        code="6.RP.A.2",
        level=Level.FAMILIAR,
    )
    assert reason == "Keep building 6.RP.A.2: you're familiar and growing."
    assert reason.parts[0][1]["level"] is Level.FAMILIAR


def test_reasons_join_with_a_space_and_survive_pickling() -> None:
    joined = Reason("Keep going on %(code)s.", code="5.NF.A.1").then(
        Reason("It's one of your goals.")
    )
    assert joined == "Keep going on 5.NF.A.1. It's one of your goals."
    again = pickle.loads(pickle.dumps(joined))
    assert again == joined and again.parts == joined.parts and isinstance(again, Reason)
