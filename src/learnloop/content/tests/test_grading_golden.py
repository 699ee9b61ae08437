"""The server's grader against the golden table the browser's grader also runs
(content/tests/js/grading.test.mjs, `make test-js`): one table, two graders."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from learnloop.content.grading import KINDS, ChoiceSpec, ItemSpec, grade
from learnloop.content.grading_specs import spec_from_json, spec_to_json

GOLDEN = Path(__file__).resolve().parents[1] / "grading_golden.json"
CASES: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_server_grader_gives_the_golden_result(case: dict[str, Any]) -> None:
    result = grade(spec_from_json(case["spec"]), case["answer"])
    assert {"valid": result.valid, "correct": result.correct, "score": result.score} == case[
        "expect"
    ]


def test_the_table_covers_every_kind_and_names_each_case_once() -> None:
    assert {case["spec"]["kind"] for case in CASES} == set(KINDS)
    assert len({case["name"] for case in CASES}) == len(CASES)
    assert {case["browser"] for case in CASES} == {"decides", "defers"}


def test_a_spec_survives_the_trip_to_json_exactly() -> None:
    spec = ItemSpec(
        kind="multiple_choice",
        choices=(ChoiceSpec("a", True), ChoiceSpec("b", False)),
        numeric_answer=Fraction(1, 3),
        tolerance=Fraction(1, 1000),
        accepted_answers=("x",),
        case_sensitive=True,
        ignore_punctuation=True,
        partial_credit=True,
        math_any_form=False,
    )
    data = json.loads(json.dumps(spec_to_json(spec)))
    assert data["numeric_answer"] == "1/3"
    assert spec_from_json(data) == spec
