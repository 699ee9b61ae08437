"""Read an OATutor content pool (a folder or a .tar.xz laid out as upstream) into plain data.

The layout: `coursePlans.json` (courses, their lessons and learning objectives),
`skillModel.json` (step id -> skill names), `bkt-params/defaultBKTParams.json`
(skill -> BKT parameters), and `content-pool/<problem>/<problem>.json` with its steps
(`steps/<step>/<step>.json`), each step's hint pathway (`steps/<step>/tutoring/*.json`)
and, when shipped, its figures (`figures/*`).

Nothing here assumes course names, id patterns or which optional fields exist: only
what a problem needs to be placed and served is required (a course's name and
lessons, a lesson's id, a problem's lessonId, a step's problemType and answers); every
field we do not model is kept in `extra`. Problems are reported with the file and the
JSON path of what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from learnloop.content.oatutor_files import (
    COURSE_PLANS,
    OatutorError,
    PackageFiles,
    open_package,
)
from learnloop.standards.case_errors import CaseImportError
from learnloop.standards.case_guard import check_values, parse_json

__all__ = ["OatutorError", "open_package", "read_package"]

SKILL_MODEL = "skillModel.json"
BKT_PARAMS = "bkt-params/defaultBKTParams.json"
POOL = "content-pool"
FIGURE_MARK = re.compile(r"##([\w.\-]+\.(?:gif|png|jpe?g|svg|webp))", re.IGNORECASE)


@dataclass
class Hint:
    identifier: str
    kind: str
    title: str
    text: str
    problem_type: str
    answer_type: str
    answers: list[str]
    choices: list[str]
    dependencies: list[str]
    variables: dict[str, list[str]]
    oer: str
    license: str
    extra: dict[str, Any]
    sub_hints: list[Hint] = field(default_factory=list)


@dataclass
class Step:
    identifier: str
    title: str
    body: str
    problem_type: str
    answer_type: str
    answers: list[str]
    answer_latex: str
    choices: list[str]
    variables: dict[str, list[str]]
    skills: list[str]
    hints: list[Hint]
    extra: dict[str, Any]


@dataclass
class Problem:
    identifier: str
    file: str
    title: str
    body: str
    variables: dict[str, list[str]]
    oer: str
    license: str
    lesson_id: str
    steps: list[Step]
    figures: dict[str, bytes | None]
    extra: dict[str, Any]

    @property
    def missing_figures(self) -> list[str]:
        return [name for name, data in self.figures.items() if data is None]


@dataclass
class Lesson:
    identifier: str
    name: str
    topics: str
    objectives: dict[str, float]
    extra: dict[str, Any]


@dataclass
class Course:
    name: str
    language: str
    oer: str
    license: str
    lessons: list[Lesson]
    extra: dict[str, Any]


@dataclass
class Package:
    courses: list[Course]
    problems: list[Problem]
    bkt: dict[str, dict[str, float]]
    #: problems that could not be read, by lesson id ("" when the lesson is unknown)
    problems_by_lesson: dict[str, list[str]]


class _Problems(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems


def _load(files: PackageFiles, name: str, *, required: bool) -> Any:
    data = files.read(name)
    if data is None:
        if required:
            raise _Problems([f"{name}: missing"])
        return None
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        parsed = parse_json(text, name)  # the importers' one door: depth, NUL, surrogates, ...
        check_values(parsed, name)
    except UnicodeDecodeError as error:
        problem = f"{name}: not UTF-8 text ({error.reason} at byte {error.start})"
        raise _Problems([problem]) from None
    except CaseImportError as error:
        raise _Problems([str(error)]) from None
    return parsed


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise _Problems([f"{where}.{key}: missing"])
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _Problems([f"{where}.{key}: expected text, got {type(value).__name__}"])
    return value


def _texts(data: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        raise _Problems([f"{where}.{key}: expected a list of text"])
    return [str(v) for v in value]


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Problems([f"{where}: expected an object, got {type(value).__name__}"])
    return value


def _variables(data: Mapping[str, Any], where: str) -> dict[str, list[str]]:
    value = data.get("variabilization") or {}
    variables = _object(value, f"{where}.variabilization")
    return {name: _texts(variables, name, f"{where}.variabilization") for name in variables}


def _extra(data: Mapping[str, Any], known: set[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in known}


def read_package(files: PackageFiles) -> Package:
    """Courses, problems and BKT parameters; refuses only when coursePlans.json is unusable."""
    try:
        courses = _courses(_load(files, COURSE_PLANS, required=True))
        skills = _skill_model(_load(files, SKILL_MODEL, required=False))
        bkt = _bkt_params(_load(files, BKT_PARAMS, required=False))
    except _Problems as error:
        raise OatutorError(error.problems) from error
    problems: list[Problem] = []
    failures: dict[str, list[str]] = {}
    for folder, problem_files in sorted(_pool_folders(files).items()):
        lesson_id, outcome = _problem(files, folder, problem_files, skills)
        if isinstance(outcome, Problem):
            problems.append(outcome)
        else:
            failures.setdefault(lesson_id, []).extend(outcome)
    return Package(courses=courses, problems=problems, bkt=bkt, problems_by_lesson=failures)


_COURSE_KEYS = {"courseName", "language", "courseOER", "courseLicense", "lessons"}
_LESSON_KEYS = {"id", "name", "topics", "learningObjectives"}


def _courses(data: Any) -> list[Course]:
    if not isinstance(data, list):
        raise _Problems([f"{COURSE_PLANS}: $: expected a list of courses"])
    courses, problems, names = [], [], set()
    for index, raw in enumerate(data):
        where = f"{COURSE_PLANS}: $[{index}]"
        try:
            course = _course(_object(raw, where), where)
        except _Problems as error:
            problems.extend(error.problems)
            continue
        if course.name in names:
            problems.append(f"{where}.courseName: {course.name!r} appears twice")
        names.add(course.name)
        courses.append(course)
    if problems:
        raise _Problems(problems)
    return courses


def _course(raw: dict[str, Any], where: str) -> Course:
    name = _text(raw, "courseName", where, required=True).strip()
    if not name:
        raise _Problems([f"{where}.courseName: empty"])
    lessons_raw = raw.get("lessons")
    if not isinstance(lessons_raw, list):
        raise _Problems([f"{where}.lessons: expected a list"])
    lessons = []
    for position, lesson_raw in enumerate(lessons_raw):
        at = f"{where}.lessons[{position}]"
        lesson = _object(lesson_raw, at)
        objectives = _object(lesson.get("learningObjectives") or {}, f"{at}.learningObjectives")
        thresholds = {}
        for skill, threshold in objectives.items():
            if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
                raise _Problems([f"{at}.learningObjectives.{skill}: expected a number"])
            thresholds[str(skill)] = float(threshold)
        lessons.append(
            Lesson(
                identifier=_text(lesson, "id", at, required=True),
                name=_text(lesson, "name", at),
                topics=_text(lesson, "topics", at),
                objectives=thresholds,
                extra=_extra(lesson, _LESSON_KEYS),
            )
        )
    return Course(
        name=name,
        language=_text(raw, "language", where),
        oer=_text(raw, "courseOER", where),
        license=_text(raw, "courseLicense", where),
        lessons=lessons,
        extra=_extra(raw, _COURSE_KEYS),
    )


def _skill_model(data: Any) -> dict[str, list[str]]:
    if data is None:
        return {}
    model = _object(data, f"{SKILL_MODEL}: $")
    return {step: _texts(model, step, f"{SKILL_MODEL}: $") for step in model}


def _bkt_params(data: Any) -> dict[str, dict[str, float]]:
    if data is None:
        return {}
    params = _object(data, f"{BKT_PARAMS}: $")
    result = {}
    for skill, values in params.items():
        where = f"{BKT_PARAMS}: $.{skill}"
        numbers = _object(values, where)
        picked = {}
        for key in ("probMastery", "probTransit", "probSlip", "probGuess"):
            value = numbers.get(key)
            if value is None:
                continue
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise _Problems([f"{where}.{key}: expected a probability"])
            picked[key] = float(value)
        result[skill] = picked
    return result


def _pool_folders(files: PackageFiles) -> dict[str, list[str]]:
    folders: dict[str, list[str]] = {}
    for name in files.names():
        parts = name.split("/")
        if len(parts) >= 3 and parts[0] == POOL:
            folders.setdefault(parts[1], []).append(name)
    return folders


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


_PROBLEM_KEYS = {"id", "title", "body", "variabilization", "oer", "license", "lessonId"}


def _problem(
    files: PackageFiles, folder: str, names: list[str], skills: Mapping[str, list[str]]
) -> tuple[str, Problem | list[str]]:
    """(lesson id, the problem) or (lesson id or "", its problems)."""
    file = f"{POOL}/{folder}/{folder}.json"
    lesson_id = ""
    try:
        raw = _object(_load(files, file, required=True), f"{file}: $")
        lesson_id = _text(raw, "lessonId", f"{file}: $", required=True)
        where = f"{file}: $"
        body = _text(raw, "body", where)
        steps = _steps(files, folder, names, skills)
        title = _text(raw, "title", where)
        marks = FIGURE_MARK.findall(body + title + "".join(s.title + s.body for s in steps))
        figures = {
            mark: files.read(f"{POOL}/{folder}/figures/{mark}") for mark in dict.fromkeys(marks)
        }
        problem = Problem(
            identifier=_text(raw, "id", where) or folder,
            file=file,
            title=title,
            body=body,
            variables=_variables(raw, where),
            oer=_text(raw, "oer", where),
            license=_text(raw, "license", where),
            lesson_id=lesson_id,
            steps=steps,
            figures=figures,
            extra=_extra(raw, _PROBLEM_KEYS),
        )
    except _Problems as error:
        return lesson_id, error.problems
    return lesson_id, problem


_STEP_KEYS = {
    "id", "stepTitle", "stepBody", "problemType", "answerType", "stepAnswer",
    "answerLatex", "choices", "variabilization",
}  # fmt: skip


def _steps(
    files: PackageFiles, folder: str, names: list[str], skills: Mapping[str, list[str]]
) -> list[Step]:
    step_folders = sorted(
        {n.split("/")[3] for n in names if n.count("/") >= 4 and n.split("/")[2] == "steps"},
        key=_natural,
    )
    steps, problems = [], []
    for step_folder in step_folders:
        file = f"{POOL}/{folder}/steps/{step_folder}/{step_folder}.json"
        try:
            steps.append(_step(files, file, folder, step_folder, names, skills))
        except _Problems as error:
            problems.extend(error.problems)
    if not step_folders:
        problems.append(f"{POOL}/{folder}: no steps (steps/<step>/<step>.json)")
    if problems:
        raise _Problems(problems)
    return steps


def _step(
    files: PackageFiles,
    file: str,
    folder: str,
    step_folder: str,
    names: list[str],
    skills: Mapping[str, list[str]],
) -> Step:
    where = f"{file}: $"
    raw = _object(_load(files, file, required=True), where)
    identifier = _text(raw, "id", where) or step_folder
    problem_type = _text(raw, "problemType", where, required=True)
    answers = _texts(raw, "stepAnswer", where)
    if not answers:
        raise _Problems([f"{where}.stepAnswer: missing or empty"])
    tutoring = sorted(
        n for n in names if n.startswith(f"{POOL}/{folder}/steps/{step_folder}/tutoring/")
    )
    default = [n for n in tutoring if n.endswith("DefaultPathway.json")]
    pathway = (default or [n for n in tutoring if n.endswith(".json")] or [None])[0]
    hints = _pathway(files, pathway) if pathway else []
    return Step(
        identifier=identifier,
        title=_text(raw, "stepTitle", where),
        body=_text(raw, "stepBody", where),
        problem_type=problem_type,
        answer_type=_text(raw, "answerType", where),
        answers=answers,
        answer_latex=_text(raw, "answerLatex", where),
        choices=_texts(raw, "choices", where),
        variables=_variables(raw, where),
        skills=skills.get(identifier, []),
        hints=hints,
        extra=_extra(raw, _STEP_KEYS),
    )


_HINT_KEYS = {
    "id", "type", "title", "text", "problemType", "answerType", "hintAnswer", "choices",
    "dependencies", "variabilization", "oer", "license", "subHints",
}  # fmt: skip


def _pathway(files: PackageFiles, file: str) -> list[Hint]:
    data = _load(files, file, required=True)
    if not isinstance(data, list):
        raise _Problems([f"{file}: $: expected a list of hints"])
    return [_hint(raw, f"{file}: $[{i}]", f"{i + 1}") for i, raw in enumerate(data)]


def _hint(raw: Any, where: str, fallback_id: str) -> Hint:
    data = _object(raw, where)
    subs = data.get("subHints") or []
    if not isinstance(subs, list):
        raise _Problems([f"{where}.subHints: expected a list"])
    kind = _text(data, "type", where) or "hint"
    return Hint(
        identifier=_text(data, "id", where) or fallback_id,
        kind="scaffold" if kind == "scaffold" else "hint",
        title=_text(data, "title", where),
        text=_text(data, "text", where),
        problem_type=_text(data, "problemType", where),
        answer_type=_text(data, "answerType", where),
        answers=_texts(data, "hintAnswer", where),
        choices=_texts(data, "choices", where),
        dependencies=_texts(data, "dependencies", where),
        variables=_variables(data, where),
        oer=_text(data, "oer", where),
        license=_text(data, "license", where),
        extra={
            **_extra(data, _HINT_KEYS),
            **({"type": kind} if kind not in ("hint", "scaffold") else {}),
        },
        sub_hints=[
            _hint(sub, f"{where}.subHints[{i}]", f"{fallback_id}-{i + 1}")
            for i, sub in enumerate(subs)
        ],
    )
