"""An OATutor problem as an Item: the served instance, its choices, steps, hints and figures.

The item's stem, hints and answer key are one instance of the problem (row 0 of its
variables), so an item reads and grades without a draw; `template` keeps, in the item's
extra, what every other instance is drawn from (`content.item_instances` draws per
student and answer). The steps and hints keep the raw upstream text (LaTeX and
`@{variable}` markers) and every variable's values for the step-by-step player. LaTeX
is kept between `$$` for the page to typeset.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from learnloop.content.gradable import GradableItem
from learnloop.content.math_numbers import normalize, plain_number
from learnloop.content.models import (
    CHOICE_KINDS,
    Attribution,
    Choice,
    Item,
    ItemKind,
    ItemStep,
    Status,
    StepHint,
)
from learnloop.content.oatutor_reader import FIGURE_MARK, Course, Hint, Problem, Step
from learnloop.content.richtext import sanitize_html
from learnloop.content.variables import Variables, longest, substitute, values_at
from learnloop.standards.models import Standard

FIGURE_FOLDER = "oatutor"
#: bump when the way items are built changes, so a re-import rewrites every item
#: 2: arithmetic answers are math items; 3: the draw template is kept; 4: scaffolds are
#: no longer folded into the hints, answer reveals move to a built worked solution;
#: 5: problems with several steps are served step by step (each step's key, hints and
#: choices in the template, the answer key the last step's, a worked solution over them);
#: 6: the problem's title opens the stem (OATutor shows it as the question's heading, and it
#: often holds the instruction: "Solve the equation for the variable." over "3/4 x = 12")
DIGEST_VERSION = 6
CHUNK = 2000
Template = Mapping[str, Any]


def instance(variables: Variables) -> dict[str, str]:
    """The first draw: each variable's first value."""
    return values_at(variables, 0)


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
    """Set the item's fields from the problem (not saved): row 0, and the draw template."""
    template = problem_template(problem, figures)
    item.variables = problem.variables
    item.attribution_source = (problem.oer or course.oer)[:500]
    item.attribution_license = (problem.license or course.license)[:255]
    item.extra = problem.extra | {
        "oatutor": {"lesson_id": problem.lesson_id, "file": problem.file, "template": template}
    }
    gradable = apply_instance(item, template, 0) and all(
        step_gradable(step, template, 0) for step in template["steps"][:-1]
    )
    servable = not problem.missing_figures and gradable
    item.status = Status.PUBLISHED if servable else Status.DRAFT


def question_heading(problem: Problem) -> str:
    """The problem's title as the question's heading, as OATutor shows it: it often holds
    the instruction ("Solve the equation for the variable." over "3/4 x = 12", with no
    body). None when it is the problem's id (a name for programs) or the body already
    opens with it; a title that ends in a word gets a colon."""
    title = problem.title.strip()
    if not title or title == problem.identifier or problem.body.strip().startswith(title):
        return ""
    # A section name ("Translate and Solve") leads into the question: a colon, so that a
    # one-line preview reads "Translate and Solve: The quotient of y and -4 is 68."
    return f"{title}:" if title[-1].isalnum() else title


def problem_template(problem: Problem, figures: Mapping[str, str]) -> dict[str, Any]:
    """What every instance of the problem is drawn from, as JSON kept in the item's extra:
    the raw texts of the problem, its steps and the first step's hints and answer key, the
    figures' URLs and the number of rows of values. The page and the grader draw from it
    without reading the step and hint rows (no query on the answer path).

    A problem with several steps keeps each step's key, choices and hints too (the step
    player asks them in order: `content.item_parts`); the item's own answer key, hints
    and credit are its last step's, which the answer path grades."""
    keyed = problem.steps[-1]  # one step: the first; several: the last is the item's
    return {
        "title": problem.title,
        "heading": question_heading(problem),
        "body": problem.body,
        "variables": problem.variables,
        "steps": [
            {
                "title": step.title,
                "body": step.body,
                "variables": step.variables,
                "problem_type": step.problem_type,
                "answer_type": step.answer_type,
                "answers": step.answers,
                "choices": step.choices,
                "hints": _hints(step.hints),
                "credit": _credit(step.hints),
            }
            for step in problem.steps
        ],
        "problem_type": keyed.problem_type,
        "answer_type": keyed.answer_type,
        "answers": keyed.answers,
        "choices": keyed.choices,
        "hints": _hints(keyed.hints),
        "figures": dict(figures),
        "credit": _credit(keyed.hints),
        "rows": longest(
            [problem.variables, *(step.variables for step in problem.steps)]
            + [hint.variables for step in problem.steps for hint in _all_hints(step.hints)]
        ),
    }


def _hints(hints: Iterable[Hint]) -> list[dict[str, Any]]:
    return [
        {
            "kind": hint.kind,
            "title": hint.title,
            "text": hint.text,
            "answers": hint.answers,
            "variables": hint.variables,
        }
        for hint in hints
    ]


def key_values(template: Template, row: int) -> dict[str, str]:
    """The values of the step that holds the item's answer key (the last), row `row`."""
    return values_at(template["variables"] | template["steps"][-1]["variables"], row)


def step_gradable(step: Template, template: Template, row: int) -> bool:
    """Whether the step player can grade a step (the answer key's rule, `answer_key_fields`)."""
    values = values_at(template["variables"] | step["variables"], row)
    return answer_key_fields(step, values)[1]


def _credit(hints: Iterable[Hint]) -> dict[str, str]:
    """Who authored the hint pathway (the worked solution is built from it)."""
    for hint in hints:
        if hint.oer or hint.license:
            return {"source": hint.oer, "license": hint.license}
    return {"source": "OATutor", "license": ""}


def _all_hints(hints: Iterable[Hint]) -> Iterable[Hint]:
    for hint in hints:
        yield hint
        yield from _all_hints(hint.sub_hints)


def apply_instance(item: Item, template: Template, row: int) -> bool:
    """Set the item's title, stem, hints and answer key to the template's instance `row`
    (not saved); False when today's grader cannot take its answer key."""
    fields, gradable = instance_fields(template, row)
    for name, value in fields.items():
        setattr(item, name, value)
    return gradable


def instance_fields(template: Template, row: int) -> tuple[dict[str, Any], bool]:
    """The item's title, stem, answer type, hints, solution and answer key in the
    template's instance `row` (field name -> value), and whether today's grader can take
    that answer key: what `apply_instance` sets on a model and the answer path's draw
    puts in a new row (`content.item_instances`)."""
    steps = template["steps"]
    figures = template["figures"]
    values = key_values(template, row)
    # The heading first (`question_heading`; a template kept before digest 6 has none).
    heading = to_html(template.get("heading", ""), values, figures)
    parts = [f"<strong>{heading}</strong>" if heading else ""]
    parts.append(to_html(template["body"], values, figures))
    if len(steps) == 1:
        parts.append(to_html(steps[0]["title"], values, figures))
        parts.append(to_html(steps[0]["body"], values, figures))
    elif "answers" not in steps[0]:  # a template kept before steps had keys (digest 4)
        shown = "".join(
            "<li>{}</li>".format(
                to_html(
                    f"{step['title']} {step['body']}",
                    values_at(template["variables"] | step["variables"], row),
                    figures,
                )
            )
            for step in steps
        )
        parts.append(f"<ol>{shown}</ol>")
    # Several steps: the stem is the problem's text; the steps are asked one by one.
    fields: dict[str, Any] = {
        "title": substitute(template["title"], values).strip()[:200],
        "stem": sanitize_html("".join(f"<p>{p}</p>" for p in parts if p)),
        "answer_type": template["answer_type"][:20],
        # Hints are the pathway's hints only: scaffolds are served as sub-questions from
        # their StepHint rows, and a hint that reveals the answer waits for the solution.
        "hints": [
            sanitize_html(_hint_html(hint, values, figures, row))
            for hint in template["hints"]
            if hint["kind"] != "scaffold" and not reveals_answer(hint)
        ],
    }
    if len(steps) == 1:
        fields["solution"] = _solution_html(template, values, figures, row)
    elif "answers" in steps[0]:
        fields["solution"] = _steps_solution_html(template, figures, row)
    else:
        fields["solution"] = ""
    key, gradable = answer_key_fields(template, values)
    return fields | key, gradable


#: titles upstream gives the last hint of a pathway when it states the answer
_ANSWER_TITLE = re.compile(r"^\s*(the\s+|final\s+)?answer\s*:?\s*$", re.IGNORECASE)


def reveals_answer(hint: Mapping[str, Any]) -> bool:
    """Whether a hint is the pathway's "answer reveal" ("Answer", "Final Answer")."""
    return hint["kind"] != "scaffold" and bool(_ANSWER_TITLE.match(hint["title"] or ""))


def _hint_html(
    hint: Mapping[str, Any], values: Mapping[str, str], figures: Mapping[str, str], row: int
) -> str:
    values = values | values_at(hint["variables"], row)
    text = to_html(hint["text"], values, figures)
    title = html.escape(substitute(hint["title"], values), quote=False)
    return f"{title}: {text}" if title else text


def _pathway_lines(
    hints: list[Any], values: Mapping[str, str], figures: Mapping[str, str], row: int
) -> list[str]:
    """A hint pathway as list items: each hint, and each scaffold with its answers."""
    lines = []
    for hint in hints:
        line = _hint_html(hint, values, figures, row)
        if hint["kind"] == "scaffold" and hint["answers"]:
            own = values | values_at(hint["variables"], row)
            line += " <strong>Answer:</strong> " + " or ".join(
                to_html(answer, own, figures) for answer in hint["answers"]
            )
        lines.append(f"<li>{line}</li>")
    return lines


def _solution_html(
    template: Template, values: Mapping[str, str], figures: Mapping[str, str], row: int
) -> str:
    """A worked solution for a one-step problem: its hint pathway in order (hints, and
    scaffolds with their answers), then the step's answer, with the pathway's credit."""
    lines = _pathway_lines(template["hints"], values, figures, row)
    answers = [to_html(answer, values, figures) for answer in template["answers"] if answer]
    if not answers:
        return ""
    credit = template.get("credit") or {"source": "OATutor", "license": ""}
    parts = [
        f"<ol>{''.join(lines)}</ol>" if lines else "",
        f"<p><strong>Answer:</strong> {' or '.join(answers)}</p>",
        f"<p><small>Worked solution built from the OATutor hint pathway"
        f"{_credit_html(credit)}.</small></p>",
    ]
    return sanitize_html("".join(parts))


def _steps_solution_html(template: Template, figures: Mapping[str, str], row: int) -> str:
    """A worked solution for a problem with several steps: each step in order, its text,
    its hint pathway (hints, scaffolds with their answers) and its answer; then the
    pathways' credit."""
    sections = []
    for step in template["steps"]:
        values = values_at(template["variables"] | step["variables"], row)
        lines = _pathway_lines(step["hints"], values, figures, row)
        answers = [to_html(answer, values, figures) for answer in step["answers"] if answer]
        text = to_html(f"{step['title']} {step['body']}".strip(), values, figures)
        sections.append(
            f"<li><p>{text}</p>"
            + (f"<ol>{''.join(lines)}</ol>" if lines else "")
            + (f"<p><strong>Answer:</strong> {' or '.join(answers)}</p>" if answers else "")
            + "</li>"
        )
    credit = template["steps"][0].get("credit") or {"source": "OATutor", "license": ""}
    return sanitize_html(
        f"<ol>{''.join(sections)}</ol><p><small>Worked solution built from the OATutor hint "
        f"pathways of its steps{_credit_html(credit)}.</small></p>"
    )


def _credit_html(credit: Mapping[str, str]) -> str:
    """ " (source; license CC BY 4.0)" with links, read as every attribution is read
    (`Attribution.parse`: upstream writes "URL <name>")."""
    found = Attribution.parse(credit.get("source", ""), credit.get("license", ""))
    if found is None:
        return ""
    said = [_link(found.source_url, found.source_name)] if found.source_name else []
    if found.license_name:
        said.append("license " + _link(found.license_url, found.license_name))
    return f" ({'; '.join(said)})" if said else ""


def _link(url: str, name: str) -> str:
    label = html.escape(name, quote=False)
    return f'<a href="{html.escape(url)}">{label}</a>' if url else label


def plain_answer(answer: str) -> str:
    text = answer.strip()
    if text.startswith("$$") and text.endswith("$$") and len(text) >= 4:
        text = text[2:-2].strip()
    return text


def answer_key_fields(template: Template, values: Mapping[str, str]) -> tuple[dict[str, Any], bool]:
    """Kind and answer key from the first step (field name -> value); and False when
    today's grader cannot take it."""
    answers = [plain_answer(substitute(a, values)) for a in template["answers"]]
    fields: dict[str, Any] = {
        "numeric_answer": None,
        "tolerance": Decimal(0),
        "accepted_answers": [],
        "case_sensitive": False,
        "ignore_punctuation": False,
        "partial_credit": False,
        "math_any_form": True,
    }
    if template["problem_type"] == "MultipleChoice" or template["choices"]:
        kind = ItemKind.MULTIPLE_CHOICE if len(answers) > 1 else ItemKind.SINGLE_CHOICE
        return fields | {"kind": kind}, True
    accepted = [a for a in answers if a]
    if template["answer_type"] == "arithmetic" and readable_math(answers):
        # upstream checks arithmetic answers for equivalence: any form
        return fields | {"kind": ItemKind.MATH, "accepted_answers": accepted}, True
    gradable = bool(accepted) and template["problem_type"] in {"TextBox", ""}
    return fields | {"kind": ItemKind.SHORT_TEXT, "accepted_answers": accepted}, gradable


def readable_math(answers: list[str]) -> bool:
    """Whether every key of an arithmetic step reads as math (else it is graded as text)."""
    if not any(answers):
        return False
    # Drawn per student on the answer path: a plain number needs no sympy to be read.
    hard = [a for a in answers if a and plain_number(normalize(a)) is None]
    if not hard:
        return True
    # Imported here: the figure view imports this module, and pages need no sympy.
    from learnloop.content.math_answers import MathInputError, read_math

    try:
        for answer in hard:
            read_math(answer)
    except MathInputError:
        return False
    return True


def instance_choices(item: GradableItem, template: Template, row: int) -> list[Choice]:
    """The choices of the template's instance `row`, keyed A, B, C ... by position."""
    values = key_values(template, row)
    answers = [substitute(a, values).strip() for a in template["answers"]]
    shown = [substitute(c, values).strip() for c in template["choices"]]
    texts = list(dict.fromkeys([*shown, *answers]))
    letters = list(string.ascii_uppercase)
    return [
        Choice(
            item_id=item.id,
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
        if item.kind in CHOICE_KINDS:
            choices.extend(instance_choices(item, item.extra["oatutor"]["template"], 0))
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
