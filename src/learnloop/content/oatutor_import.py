"""Import an OATutor content pool: courses, lessons, problems with steps, hints and scaffolds.

Courses become standards frameworks (exported as CASE like any other), lesson objectives
become standards, lessons become practice activities and problems become items keeping
their steps, hint pathways, scaffolds, variables and attribution. Each course is one
transaction: a course with any unreadable file is refused whole, naming the file and
JSON path; the others are imported. Rows are keyed on upstream ids, so a second run
updates in place. Writes are bulk (a few queries per course, whatever its size).

A problem is published when today's practice page can serve it: one step, every figure
present. The others are imported as drafts and counted in the report.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from learnloop.content.models import Activity, ActivityKind, Item, Source, Status
from learnloop.content.oatutor_items import (
    align_items,
    build_item,
    problem_digest,
    store_figures,
    write_item_children,
)
from learnloop.content.oatutor_priors import set_bkt_priors
from learnloop.content.oatutor_reader import (
    Course,
    OatutorError,
    Package,
    Problem,
    open_package,
    read_package,
)
from learnloop.schools.models import School
from learnloop.standards.models import Framework, Standard

NAMESPACE = uuid.UUID("6f1c2a52-9d43-4c55-8a0e-3f4b9a7e0c11")
CHUNK = 2000
STANDARD_FIELDS = (
    "code", "full_statement", "item_type", "language", "sequence", "extra", "uri", "last_change_at",
)  # fmt: skip


@dataclass
class CourseReport:
    name: str
    problems: list[str] = field(default_factory=list)
    framework_id: int | None = None
    standards: int = 0
    activities: int = 0
    items_created: int = 0
    items_updated: int = 0
    items_unchanged: int = 0
    published: int = 0
    missing_figures: int = 0
    several_steps: int = 0  # problems with several steps (served step by step)
    several_steps_published: int = 0
    not_gradable: int = 0  # figures present, but a step today's grader cannot take
    figures_stored: int = 0

    @property
    def imported(self) -> bool:
        return not self.problems


@dataclass
class OatutorReport:
    courses: list[CourseReport]
    priors: int = 0
    seconds: float = 0.0


def stable_identifier(*parts: str) -> str:
    """A UUID (as CASE wants) that is the same for the same upstream names on every run."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def import_oatutor(
    *,
    path: Path,
    courses: Sequence[str] = (),
    school: School | None = None,
    lessons: Sequence[str] = (),
) -> OatutorReport:
    """Import the courses named (all when none) from the package at `path`; with
    `lessons` (names such as "Lesson 2.1", or lesson ids), only those lessons of them."""
    started = time.perf_counter()
    package = read_package(open_package(path))
    chosen = _only_lessons(_chosen(package, courses), lessons)
    by_lesson: dict[str, list[Problem]] = {}
    for problem in package.problems:
        by_lesson.setdefault(problem.lesson_id, []).append(problem)
    report = OatutorReport(courses=[])
    scope = school.slug if school is not None else "shared"
    done: dict[str, Item] = {}
    for course in chosen:
        course_report = CourseReport(name=course.name)
        course_report.problems = [
            line
            for lesson_id in ["", *(lesson.identifier for lesson in course.lessons)]
            for line in package.problems_by_lesson.get(lesson_id, [])
        ]
        if course_report.imported:
            _import_course(course, by_lesson, scope, school, course_report, done)
            report.priors += set_bkt_priors(
                framework_id=course_report.framework_id, bkt=package.bkt
            )
        report.courses.append(course_report)
    report.seconds = time.perf_counter() - started
    return report


def _chosen(package: Package, names: Sequence[str]) -> list[Course]:
    if not names:
        return package.courses
    by_name = {course.name.casefold(): course for course in package.courses}
    unknown = [name for name in names if name.casefold() not in by_name]
    if unknown:
        known = ", ".join(repr(course.name) for course in package.courses)
        raise OatutorError(
            [f"no course named {name!r}; the package has {known}" for name in unknown]
        )
    return [by_name[name.casefold()] for name in dict.fromkeys(names)]


def _only_lessons(courses: list[Course], wanted: Sequence[str]) -> list[Course]:
    """The courses cut down to the lessons named; a name no chosen course has is refused."""
    if not wanted:
        return courses
    names = {name.casefold() for name in wanted}
    cut = [
        replace(
            course,
            lessons=[
                lesson
                for lesson in course.lessons
                if {lesson.identifier.casefold(), lesson.name.casefold()} & names
            ],
        )
        for course in courses
    ]
    found = {
        key
        for course in cut
        for lesson in course.lessons
        for key in (lesson.identifier.casefold(), lesson.name.casefold())
    }
    unknown = [name for name in dict.fromkeys(wanted) if name.casefold() not in found]
    if unknown:
        raise OatutorError([f"no lesson named {name!r} in the chosen courses" for name in unknown])
    return [course for course in cut if course.lessons]


@transaction.atomic
def _import_course(
    course: Course,
    by_lesson: dict[str, list[Problem]],
    scope: str,
    school: School | None,
    report: CourseReport,
    done: dict[str, Item],
) -> None:
    framework = _upsert_framework(course)
    report.framework_id = framework.pk
    standards = _upsert_standards(framework, course)
    report.standards = len(standards)
    placed: dict[str, Problem] = {}
    for lesson in course.lessons:
        for problem in by_lesson.get(lesson.identifier, []):
            placed.setdefault(problem.identifier, problem)
    figures = store_figures(placed.values())
    report.figures_stored = sum(len(urls) for urls in figures.values())
    items, written = _upsert_items(
        list(placed.values()), course, scope, school, figures, report, done
    )
    write_item_children(written, placed)
    align_items(items, placed, standards, course)
    report.activities = _upsert_activities(
        course, by_lesson, items, standards, framework, school, scope
    )


def _upsert_framework(course: Course) -> Framework:
    source_url, _, source_name = course.oer.partition(" <")
    framework, _ = Framework.objects.update_or_create(
        identifier=stable_identifier("oatutor", "course", course.name),
        defaults={
            "title": course.name,
            "creator": "OATutor",
            "publisher": source_name.removesuffix(">").strip()[:255],
            "subject": "Mathematics",
            "language": course.language[:20],
            "adoption_status": "Adopted",
            "description": f"OATutor course. License: {course.license or 'not stated'}.",
            "official_source_url": source_url if source_url.startswith("http") else "",
            "uri": f"urn:uuid:{stable_identifier('oatutor', 'course', course.name)}",
            "last_change_at": timezone.now(),
            "extra": extension(
                course.extra | {"course": course.name, "oer": course.oer, "license": course.license}
            ),
        },
    )
    return framework


def extension(data: dict[str, object]) -> dict[str, object]:
    """OATutor's fields as a CASE extension, so exports stay valid CASE and keep them."""
    return {"extensions": {"oatutor": data}}


def oatutor_fields(extra: dict) -> dict:
    """The OATutor fields of a framework's or standard's `extra`."""
    return extra.get("extensions", {}).get("oatutor", {})


def _upsert_standards(framework: Framework, course: Course) -> dict[str, Standard]:
    """Lesson objectives as the framework's standards, keyed by upstream skill name."""
    wanted: dict[str, dict[str, object]] = {}
    for lesson in course.lessons:
        for skill, threshold in lesson.objectives.items():
            entry = wanted.setdefault(skill, {"lessons": [], "mastery_threshold": threshold})
            entry["lessons"].append(lesson.identifier)  # type: ignore[attr-defined]
    existing = {s.identifier: s for s in framework.standards.all()}
    rows, new = [], []
    for sequence, (skill, info) in enumerate(wanted.items()):
        identifier = stable_identifier("oatutor", "skill", framework.identifier, skill)
        standard = existing.get(identifier) or Standard(framework=framework, identifier=identifier)
        standard.code = skill[:100]
        standard.full_statement = skill.replace("_", " ").strip().capitalize() or skill
        standard.item_type = "Learning objective"
        standard.language = course.language[:20]
        standard.sequence = sequence
        standard.extra = extension({"skill": skill, **info})
        standard.uri = f"urn:uuid:{identifier}"
        standard.last_change_at = timezone.now()
        (rows if standard.pk else new).append(standard)
    Standard.objects.bulk_update(
        rows,
        [*STANDARD_FIELDS],
        CHUNK,
    )
    Standard.objects.bulk_create(new, CHUNK)
    return {oatutor_fields(s.extra)["skill"]: s for s in [*rows, *new]}


def _upsert_items(
    problems: list[Problem],
    course: Course,
    scope: str,
    school: School | None,
    figures: dict[str, dict[str, str]],
    report: CourseReport,
    done: dict[str, Item],
) -> tuple[dict[str, Item], dict[str, Item]]:
    """All the course's items, and those whose content was written (created or changed).

    An item already written for an earlier course of this run is reused as it is; one
    whose upstream content has the same digest as last time is left untouched.
    """
    keys = {f"{scope}:{p.identifier}": p for p in problems}
    fresh = [key for key in keys if key not in done]
    existing: dict[str, Item] = {}
    for start in range(0, len(fresh), CHUNK):
        for item in Item.objects.filter(
            source=Source.OATUTOR, source_identifier__in=fresh[start : start + CHUNK]
        ):
            existing[item.source_identifier] = item
    now = timezone.now()
    updated, created = [], []
    for key in fresh:
        problem = keys[key]
        item = existing.get(key) or Item(
            source=Source.OATUTOR, source_identifier=key, school=school
        )
        urls = figures.get(problem.identifier, {})
        digest = problem_digest(problem, course, urls)
        if item.pk is None or item.extra.get("oatutor", {}).get("digest") != digest:
            build_item(item, problem, course, urls)
            item.extra["oatutor"]["digest"] = digest
            item.updated_at = now
            (updated if item.pk else created).append(item)
        done[key] = item
    fields = [
        "kind", "title", "stem", "numeric_answer", "tolerance", "accepted_answers",
        "case_sensitive", "ignore_punctuation", "partial_credit", "math_any_form", "hints",
        "solution", "status", "answer_type", "variables", "attribution_source",
        "attribution_license", "extra", "updated_at",
    ]  # fmt: skip
    Item.objects.bulk_update(updated, fields, 500)
    Item.objects.bulk_create(created, CHUNK)
    report.items_created, report.items_updated = len(created), len(updated)
    report.items_unchanged = len(fresh) - len(created) - len(updated)
    for problem in problems:
        item = done[f"{scope}:{problem.identifier}"]
        report.published += item.status == Status.PUBLISHED
        report.missing_figures += bool(problem.missing_figures)
        report.several_steps += len(problem.steps) > 1
        report.several_steps_published += len(problem.steps) > 1 and item.status == Status.PUBLISHED
        report.not_gradable += not problem.missing_figures and item.status != Status.PUBLISHED
    by_problem = {p.identifier: done[key] for key, p in keys.items()}
    written = {item.source_identifier.split(":", 1)[1]: item for item in [*updated, *created]}
    return by_problem, written


def _upsert_activities(
    course: Course,
    by_lesson: dict[str, list[Problem]],
    items: dict[str, Item],
    standards: dict[str, Standard],
    framework: Framework,
    school: School | None,
    scope: str,
) -> int:
    keys = {
        f"{scope}:{framework.identifier}:{lesson.identifier}": lesson for lesson in course.lessons
    }
    existing = {
        a.source_identifier: a
        for a in Activity.objects.filter(source=Source.OATUTOR, source_identifier__in=list(keys))
    }
    activities = []
    for key, lesson in keys.items():
        activity = existing.get(key) or Activity(
            source=Source.OATUTOR, source_identifier=key, school=school, kind=ActivityKind.PRACTICE
        )
        lesson_items = [items[p.identifier] for p in by_lesson.get(lesson.identifier, [])]
        activity.title = (lesson.name or lesson.identifier)[:200]
        activity.summary = lesson.topics[:500]
        activity.status = (
            Status.PUBLISHED
            if any(i.status == Status.PUBLISHED for i in lesson_items)
            else Status.DRAFT
        )
        activity.extra = lesson.extra | {
            "oatutor": {
                "course": course.name,
                "lesson_id": lesson.identifier,
                "mastery_thresholds": lesson.objectives,
            }
        }
        activity.updated_at = timezone.now()
        activities.append(activity)
    fields = ["title", "summary", "status", "extra", "updated_at"]
    Activity.objects.bulk_update([a for a in activities if a.pk], fields, CHUNK)
    Activity.objects.bulk_create([a for a in activities if not a.pk], CHUNK)
    _link_activities(activities, keys, by_lesson, items, standards)
    return len(activities)


def _link_activities(
    activities: list[Activity],
    keys: dict,
    by_lesson: dict[str, list[Problem]],
    items: dict[str, Item],
    standards: dict[str, Standard],
) -> None:
    entries = Activity.items.through
    aligned = Activity.standards.through
    ids = [a.pk for a in activities]
    entries.objects.filter(activity_id__in=ids).delete()
    aligned.objects.filter(activity_id__in=ids).delete()
    entry_rows, aligned_rows = [], []
    for activity in activities:
        lesson = keys[activity.source_identifier]
        seen: set[int] = set()
        for position, problem in enumerate(by_lesson.get(lesson.identifier, [])):
            item = items[problem.identifier]
            if item.pk not in seen:
                seen.add(item.pk)
                entry_rows.append(
                    entries(activity_id=activity.pk, item_id=item.pk, position=min(position, 32767))
                )
        aligned_rows.extend(
            aligned(activity_id=activity.pk, standard_id=standards[skill].pk)
            for skill in lesson.objectives
        )
    entries.objects.bulk_create(entry_rows, CHUNK)
    aligned.objects.bulk_create(aligned_rows, CHUNK)
