"""A scaffold (a sub-question on a step's hint pathway) as a gradable spec.

Scaffolds are graded by the same code as items (`content.grading`): the scaffold's
problem type and answer type pick the kind, as the importer does for a step
(`oatutor_items.answer_key_fields`): choices are a choice question, an arithmetic answer
that reads as math is a math question (any equivalent form), anything else is text.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from learnloop.content.grading import MATH, SHORT_TEXT, SINGLE_CHOICE, ChoiceSpec, ItemSpec
from learnloop.content.oatutor_items import plain_answer, readable_math


@dataclass(frozen=True)
class ScaffoldChoice:
    key: str
    text: str


def scaffold_choices(answers: Sequence[str], choices: Sequence[str]) -> list[ScaffoldChoice]:
    """A choice scaffold's options keyed A, B, C ... (its answers are options too)."""
    texts = [t for t in dict.fromkeys([*(c.strip() for c in choices)]) if t]
    texts += [a.strip() for a in answers if a.strip() and a.strip() not in texts]
    letters = string.ascii_uppercase
    return [
        ScaffoldChoice(letters[i] if i < len(letters) else f"C{i}", text)
        for i, text in enumerate(texts)
    ]


def is_choice(problem_type: str, choices: Sequence[str]) -> bool:
    return problem_type == "MultipleChoice" or bool(choices)


def scaffold_spec(
    *, problem_type: str, answer_type: str, answers: Sequence[str], choices: Sequence[str]
) -> ItemSpec:
    """The spec a scaffold's answer is graded against (answers already drawn)."""
    if is_choice(problem_type, choices):
        keys = {a.strip() for a in answers}
        return ItemSpec(
            kind=SINGLE_CHOICE,
            choices=tuple(
                ChoiceSpec(key=c.key, is_correct=c.text in keys, text=c.text)
                for c in scaffold_choices(answers, choices)
            ),
        )
    accepted = tuple(a for a in (plain_answer(str(answer)) for answer in answers) if a)
    if answer_type in ("arithmetic", "numeric", "math") and readable_math(list(accepted)):
        return ItemSpec(kind=MATH, accepted_answers=accepted, math_any_form=True)
    return ItemSpec(kind=SHORT_TEXT, accepted_answers=accepted)
