"""An OATutor problem as an Item: the served instance, its choices, steps, hints and figures.

The item's stem, hints and answer key are one instance of the problem (each variable's
first value), so today's practice page can serve and grade it; the steps and hints keep
the raw upstream text (LaTeX and `@{variable}` markers) and every variable's values for
the step-by-step player and per-student draws. LaTeX is kept between `$$` for the page
to typeset.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from learnloop.content.models import (
    CHOICE_KINDS,
    Choice,
    Item,
    ItemKind,
    ItemStep,
    Status,
    StepHint,
)
from learnloop.content.oatutor_reader import FIGURE_MARK, Course, Hint, Problem, Step
from learnloop.content.richtext import sanitize_html
from learnloop.standards.models import Standard

FIGURE_FOLDER = "oatutor"
#: bump when the way items are built changes, so a re-import rewrites every item
DIGEST_VERSION = 2  # 2: arithmetic answers are math items, checked for equivalence
CHUNK = 2000
_VARIABLE = re.compile(r"@\{(\w+)\}")


def instance(variables: Mapping[str, list[str]]) -> dict[str, str]:
    """The first draw: each variable's first value."""
    return {name: values[0] for name, values in variables.items() if values}


def substitute(text: str, values: Mapping[str, str]) -> str:
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text) if values else text


def to_html(text: str, values: Mapping[str, str], figures: Mapping[str, str]) -> str:
    """Upstream text as HTML: math kept between $$, line breaks, figures as images.

    Built from escaped text; callers sanitize the whole they store, once.
    """
    parts = substitute(text, values).split("$$")
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"$${html.escape(part, quote=False)}$$")
            continue
        escaped = html.escape(part, quote=False).replace("\\n", "\n").replace("\n", "<br>")
        out.append(FIGURE_MARK.sub(lambda m: _figure(m.group(1), figures), escaped))
    return "".join(out)


def _figure(name: str, figures: Mapping[str, str]) -> str:
    url = figures.get(name)
    if url is None:
        return "<em>(figure not available)</em>"
    return f'<img src="{html.escape(url)}" alt="Figure: {html.escape(name)}">'


def figure_path(problem_id: str, name: str) -> str:
    """Where a problem's figure is stored: ids with other characters get a safe folder."""
    folder = re.sub(r"[^\w\-]", "_", problem_id)
    if folder != problem_id:
        folder += "-" + hashlib.sha256(problem_id.encode()).hexdigest()[:8]
    return f"{FIGURE_FOLDER}/{folder}/{name}"


def store_figures(problems: Iterable[Problem]) -> dict[str, dict[str, str]]:
    """Save the figures shipped with the problems in the app's storage; their page URLs."""
    urls: dict[str, dict[str, str]] = {}
    for problem in problems:
        for name, data in problem.figures.items():
            if data is None:
                continue
            stored = figure_path(problem.identifier, name)
            if default_storage.exists(stored):
                with default_storage.open(stored, "rb") as current:
                    if current.read() == data:
                        urls.setdefault(problem.identifier, {})[name] = _url(stored)
                        continue
                default_storage.delete(stored)
            default_storage.save(stored, ContentFile(data))
            urls.setdefault(problem.identifier, {})[name] = _url(stored)
    return urls


def _url(stored: str) -> str:
    return reverse("content_figure", kwargs={"path": stored.removeprefix(f"{FIGURE_FOLDER}/")})


def build_item(item: Item, problem: Problem, course: Course, figures: Mapping[str, str]) -> None:
    """Set the item's fields from the problem (not saved)."""
    first = problem.steps[0]
    values = instance(problem.variables | first.variables)
    parts = [to_html(problem.body, values, figures)]
    if len(problem.steps) == 1:
        parts.append(to_html(first.title, values, figures))
        parts.append(to_html(first.body, values, figures))
    else:
        steps = "".join(
            "<li>{}</li>".format(
                to_html(f"{s.title} {s.body}", instance(problem.variables | s.variables), figures)
            )
            for s in problem.steps
        )
        parts.append(f"<ol>{steps}</ol>")
    item.title = substitute(problem.title, values).strip()[:200]
    item.stem = sanitize_html("".join(f"<p>{p}</p>" for p in parts if p))
    item.answer_type = first.answer_type[:20]
    item.variables = problem.variables
    item.attribution_source = (problem.oer or course.oer)[:500]
    item.attribution_license = (problem.license or course.license)[:255]
    item.hints = [_hint_html(h, values, figures) for h in first.hints]
    item.solution = ""
    item.extra = problem.extra | {"oatutor": {"lesson_id": problem.lesson_id, "file": problem.file}}
    gradable = _set_answer_key(item, first, values)
    servable = len(problem.steps) == 1 and not problem.missing_figures and gradable
    item.status = Status.PUBLISHED if servable else Status.DRAFT


def _hint_html(hint: Hint, values: Mapping[str, str], figures: Mapping[str, str]) -> str:
    values = values | instance(hint.variables)
    text = to_html(hint.text, values, figures)
    title = html.escape(substitute(hint.title, values), quote=False)
    shown = f"{title}: {text}" if title else text
    if hint.kind == "scaffold" and hint.answers:
        answer = html.escape(substitute(hint.answers[0], values), quote=False)
        shown += f" (Answer: {answer})"
    return sanitize_html(shown)


def _plain(answer: str) -> str:
    text = answer.strip()
    if text.startswith("$$") and text.endswith("$$") and len(text) >= 4:
        text = text[2:-2].strip()
    return text


def _set_answer_key(item: Item, step: Step, values: Mapping[str, str]) -> bool:
    """Set kind and answer key from the step; False when today's grader cannot take it."""
    answers = [_plain(substitute(a, values)) for a in step.answers]
    item.numeric_answer, item.tolerance, item.accepted_answers = None, Decimal(0), []
    item.case_sensitive = item.ignore_punctuation = item.partial_credit = False
    item.math_any_form = True
    if step.problem_type == "MultipleChoice" or step.choices:
        item.kind = ItemKind.MULTIPLE_CHOICE if len(answers) > 1 else ItemKind.SINGLE_CHOICE
        return True
    if step.answer_type == "arithmetic" and _readable_math(answers):
        item.kind = ItemKind.MATH
        item.accepted_answers = [a for a in answers if a]
        item.math_any_form = True  # upstream checks arithmetic answers for equivalence
        return True
    item.kind = ItemKind.SHORT_TEXT
    item.accepted_answers = [a for a in answers if a]
    return bool(item.accepted_answers) and step.problem_type in {"TextBox", ""}


def _readable_math(answers: list[str]) -> bool:
    """Whether every key of an arithmetic step reads as math (else it is graded as text)."""
    # Imported here: the figure view imports this module, and pages need no sympy.
    from learnloop.content.math_answers import MathInputError, read_math

    if not any(answers):
        return False
    try:
        for answer in answers:
            if answer:
                read_math(answer)
    except MathInputError:
        return False
    return True


def _choice_rows(item: Item, step: Step, values: Mapping[str, str]) -> list[Choice]:
    answers = [substitute(a, values).strip() for a in step.answers]
    texts = list(dict.fromkeys([*(substitute(c, values).strip() for c in step.choices), *answers]))
    letters = list(string.ascii_uppercase)
    return [
        Choice(
            item_id=item.pk,
            identifier=letters[position] if position < len(letters) else f"C{position}",
            position=position,
            text=sanitize_html(to_html(text, values, {})),
            is_correct=text in answers,
        )
        for position, text in enumerate(t for t in texts if t)
    ]


def problem_digest(problem: Problem, course: Course, figures: Mapping[str, str]) -> str:
    """A fingerprint of everything an item is built from: unchanged means nothing to write."""
    shown = {name: url for name, url in sorted(figures.items())}
    missing = sorted(problem.missing_figures)
    text = repr((problem.identifier, problem.title, problem.body, problem.variables))
    text += repr((problem.oer, problem.license, problem.lesson_id, problem.steps, problem.extra))
    text += repr((course.oer, course.license, shown, missing, DIGEST_VERSION))
    return hashlib.sha256(text.encode()).hexdigest()


def write_item_children(items: Mapping[str, Item], problems: Mapping[str, Problem]) -> None:
    """Replace the choices, steps and hints of these (just written) items."""
    ids = [item.pk for item in items.values()]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        Choice.objects.filter(item_id__in=chunk).delete()
        ItemStep.objects.filter(item_id__in=chunk).delete()
    choices, steps, step_hints = [], [], []
    for problem_id, item in items.items():
        problem = problems[problem_id]
        first = problem.steps[0]
        if item.kind in CHOICE_KINDS:
            choices.extend(_choice_rows(item, first, instance(problem.variables | first.variables)))
        for position, step in enumerate(problem.steps):
            row = _step_row(item, step, position)
            steps.append(row)
            step_hints.append((row, step.hints))
    Choice.objects.bulk_create(choices, CHUNK)
    ItemStep.objects.bulk_create(steps, CHUNK)
    _write_hints(step_hints)


def align_items(
    items: Mapping[str, Item],
    problems: Mapping[str, Problem],
    standards: Mapping[str, Standard],
    course: Course,
) -> None:
    """Align each item to the course's standards for its steps' skills (else its lesson's)."""
    through = Item.standards.through
    ids = [item.pk for item in items.values()]
    standard_ids = [s.pk for s in standards.values()]
    for start in range(0, len(ids), CHUNK):
        through.objects.filter(
            item_id__in=ids[start : start + CHUNK], standard_id__in=standard_ids
        ).delete()
    objectives = {lesson.identifier: list(lesson.objectives) for lesson in course.lessons}
    links = []
    for problem_id, item in items.items():
        problem = problems[problem_id]
        skills = {skill for step in problem.steps for skill in step.skills if skill in standards}
        aligned = skills or set(objectives.get(problem.lesson_id, []))
        links.extend(
            through(item_id=item.pk, standard_id=standards[skill].pk)
            for skill in sorted(aligned)
            if skill in standards
        )
    through.objects.bulk_create(links, CHUNK)


def _step_row(item: Item, step: Step, position: int) -> ItemStep:
    return ItemStep(
        item_id=item.pk,
        position=position,
        identifier=step.identifier[:255],
        title=step.title,
        body=step.body,
        problem_type=step.problem_type[:40],
        answer_type=step.answer_type[:20],
        answers=step.answers,
        answer_latex=step.answer_latex,
        choices=step.choices,
        variables=step.variables,
        skills=step.skills,
        extra=step.extra,
    )


def _write_hints(step_hints: list[tuple[ItemStep, list[Hint]]]) -> None:
    top: list[StepHint] = []
    nested: list[tuple[StepHint, list[Hint]]] = []
    for step, hints in step_hints:
        for position, hint in enumerate(hints):
            row = _hint_row(step, hint, position, None)
            top.append(row)
            if hint.sub_hints:
                nested.append((row, hint.sub_hints))
    StepHint.objects.bulk_create(top, CHUNK)
    while nested:
        level, next_level = [], []
        for parent, hints in nested:
            for position, hint in enumerate(hints):
                row = _hint_row(parent.step, hint, position, parent)
                level.append(row)
                if hint.sub_hints:
                    next_level.append((row, hint.sub_hints))
        StepHint.objects.bulk_create(level, CHUNK)
        nested = next_level


def _hint_row(step: ItemStep, hint: Hint, position: int, parent: StepHint | None) -> StepHint:
    return StepHint(
        step=step,
        parent=parent,
        position=position,
        identifier=hint.identifier[:255],
        kind=hint.kind,
        title=hint.title,
        text=hint.text,
        problem_type=hint.problem_type[:40],
        answer_type=hint.answer_type[:20],
        answers=hint.answers,
        choices=hint.choices,
        dependencies=hint.dependencies,
        variables=hint.variables,
        attribution_source=hint.oer[:500],
        attribution_license=hint.license[:255],
        extra=hint.extra,
    )
