"""The content of an item or activity as plain data, validated before any write.

Authoring forms, the QTI importer and the demo generator all build these dataclasses
and hand them to content.services; validation lives here once, so every path agrees
on what a well-formed item is. Errors are keyed by field name so forms can show them
beside the right input and importers can name the field in their report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from learnloop.content.math_numbers import normalize, plain_number
from learnloop.content.models import CHOICE_KINDS, ActivityKind, ItemKind, Modality
from learnloop.engine.practice_policy import MAX_ITEMS


@dataclass(frozen=True)
class ChoiceDraft:
    text: str
    is_correct: bool = False
    identifier: str = ""
    feedback: str = ""  # plain text: what choosing it tells the student (the misconception)


@dataclass(frozen=True)
class ItemDraft:
    kind: str
    stem: str
    title: str = ""
    choices: tuple[ChoiceDraft, ...] = ()
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    accepted_answers: tuple[str, ...] = ()
    case_sensitive: bool = False
    ignore_punctuation: bool = False
    partial_credit: bool = False
    math_any_form: bool = True
    hints: tuple[str, ...] = ()
    solution: str = ""
    difficulty: int | None = None


@dataclass(frozen=True)
class ActivityDraft:
    kind: str
    title: str
    summary: str = ""
    body: str = ""
    link_url: str = ""
    modality: str = Modality.DO
    interest_tags: tuple[str, ...] = ()
    estimated_minutes: int = 15
    secure: bool = False  # never packed for offline practice; a quiz always is
    # A practice activity's session target (`extra["practice"]`, read by
    # engine.practice_policy.SessionTarget): {"target": "mastery"} or
    # {"target": "items", "items": n}; None leaves what the activity has.
    practice: dict[str, object] | None = None


@dataclass(frozen=True)
class RubricDraft:
    """Levels are shared column headings (label, points); each criterion describes every level."""

    levels: tuple[tuple[str, int], ...]
    criteria: tuple[tuple[str, tuple[str, ...]], ...]
    title: str = ""


@dataclass
class _Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def validate_item(draft: ItemDraft) -> None:
    errors = _Errors()
    if draft.kind not in ItemKind.values:
        errors.add("kind", f"Unknown item kind {draft.kind!r}.")
    if not draft.stem.strip():
        errors.add("stem", "Write the question.")
    if draft.kind in CHOICE_KINDS:
        _validate_choices(draft, errors)
    if draft.kind == ItemKind.NUMERIC:
        if draft.numeric_answer is None:
            errors.add("numeric_answer", "A numeric item needs its answer.")
        if draft.tolerance < 0:
            errors.add("tolerance", "The tolerance cannot be negative.")
    if draft.kind == ItemKind.SHORT_TEXT and not any(a.strip() for a in draft.accepted_answers):
        errors.add("accepted_answers", "List at least one accepted answer.")
    if draft.kind == ItemKind.MATH:
        _validate_math_answers(draft, errors)
    if draft.difficulty is not None and not 1 <= draft.difficulty <= 5:
        errors.add("difficulty", "Difficulty goes from 1 (easy) to 5.")
    errors.raise_if_any()


def _validate_math_answers(draft: ItemDraft, errors: _Errors) -> None:
    answers = [a for a in draft.accepted_answers if a.strip()]
    if not answers:
        errors.add("accepted_answers", "List at least one accepted answer.")
    hard = [a for a in answers if plain_number(normalize(a)) is None]
    if not hard:
        return  # plain numbers: readable, and no sympy to load for them
    from learnloop.content.math_answers import MathInputError, read_math  # sympy: only here

    for answer in hard:
        try:
            read_math(answer)
        except MathInputError as error:
            errors.add("accepted_answers", f"{answer[:40]}: {error}")


def _validate_choices(draft: ItemDraft, errors: _Errors) -> None:
    choices = [c for c in draft.choices if c.text.strip()]
    correct = sum(1 for c in choices if c.is_correct)
    if len(choices) < 2:
        errors.add("choices", "Give at least two choices.")
    if draft.kind == ItemKind.SINGLE_CHOICE and correct != 1:
        errors.add("choices", f"Mark exactly one choice as correct (now {correct}).")
    if draft.kind == ItemKind.MULTIPLE_CHOICE and correct < 1:
        errors.add("choices", "Mark at least one choice as correct.")
    identifiers = [c.identifier for c in choices if c.identifier]
    if len(identifiers) != len(set(identifiers)):
        errors.add("choices", "Two choices share one identifier.")


def validate_activity(draft: ActivityDraft) -> None:
    errors = _Errors()
    if draft.kind not in ActivityKind.values:
        errors.add("kind", f"Unknown activity kind {draft.kind!r}.")
    if draft.modality not in Modality.values:
        errors.add("modality", f"Unknown modality {draft.modality!r}.")
    if not draft.title.strip():
        errors.add("title", "Give the activity a title.")
    if draft.kind == ActivityKind.LESSON and not (draft.body.strip() or draft.link_url.strip()):
        errors.add("body", "A lesson needs its text or a link.")
    if not 1 <= draft.estimated_minutes <= 600:
        errors.add("estimated_minutes", "Estimated minutes go from 1 to 600.")
    if draft.practice is not None:
        _check_practice(draft, errors)
    errors.raise_if_any()


def _check_practice(draft: ActivityDraft, errors: _Errors) -> None:
    target, items = draft.practice.get("target"), draft.practice.get("items")  # type: ignore[union-attr]
    if draft.kind != ActivityKind.PRACTICE:
        errors.add("practice_target", "Only a practice activity has a session target.")
    elif target not in ("items", "mastery"):
        errors.add("practice_target", "Choose until mastery or a number of questions.")
    elif target == "items" and (
        isinstance(items, bool) or not isinstance(items, int) or not 1 <= items <= MAX_ITEMS
    ):
        errors.add("practice_items", f"A session asks for 1 to {MAX_ITEMS} questions.")


def validate_rubric(draft: RubricDraft) -> None:
    errors = _Errors()
    if not 2 <= len(draft.levels) <= 6:
        errors.add("levels", "A rubric has between 2 and 6 levels.")
    if any(not label.strip() for label, _ in draft.levels):
        errors.add("levels", "Every level needs a label.")
    if any(points < 0 for _, points in draft.levels):
        errors.add("levels", "Points cannot be negative.")
    if not draft.criteria:
        errors.add("criteria", "A rubric needs at least one criterion.")
    for name, descriptors in draft.criteria:
        if not name.strip():
            errors.add("criteria", "Every criterion needs a name.")
        if len(descriptors) != len(draft.levels) or any(not d.strip() for d in descriptors):
            errors.add("criteria", f"Describe every level for “{name or 'unnamed'}”.")
    errors.raise_if_any()
