"""The real OATutor library in ../shared (a few courses of it): skips cleanly when absent."""

from __future__ import annotations

import json
import lzma
import os
import tarfile
from pathlib import Path

import pytest

from learnloop.content.item_parts import parts_of
from learnloop.content.models import Item, ItemStep, Source, Status, StepHint
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.oatutor_items import reveals_answer
from learnloop.standards.case_export import framework_as_case_package
from learnloop.standards.case_schema import REPO_ROOT, SCHEMA_FILE_NAME, validate_strictly
from learnloop.standards.models import Framework

SHARED = Path(os.environ.get("LEARNLOOP_SHARED", REPO_ROOT.parent / "shared"))
ARCHIVE = SHARED / "content" / "oatutor" / "oatutor-content.tar.xz"
SCHEMA = SHARED / "samples" / "case" / "schemas" / SCHEMA_FILE_NAME
COURSES = ["Matematik 4", "Chemistry 1A Summer Content"]
pytestmark = [pytest.mark.shared, pytest.mark.django_db]


@pytest.fixture(scope="module")
def upstream() -> dict[str, bytes]:
    """The archive's JSON files, read with the standard library alone, to count against."""
    if not ARCHIVE.is_file():
        pytest.skip(f"{ARCHIVE} is absent")
    with lzma.open(ARCHIVE) as stream, tarfile.open(fileobj=stream, mode="r|") as archive:
        return {
            info.name.split("/", 1)[-1] if "/" in info.name else info.name: archive.extractfile(
                info
            ).read()
            for info in archive
            if info.isfile() and info.name.endswith(".json")
        }


def _expected(upstream: dict[str, bytes]) -> tuple[set[str], int, int]:
    plans = json.loads(upstream["coursePlans.json"])
    lessons = {lesson["id"] for c in plans if c["courseName"] in COURSES for lesson in c["lessons"]}
    problems = {
        name.split("/")[1]
        for name, data in upstream.items()
        if name.count("/") == 2
        and name.startswith("content-pool/")
        and json.loads(data)["lessonId"] in lessons
    }
    steps = hints = 0
    for name, data in upstream.items():
        parts = name.split("/")
        if len(parts) >= 4 and parts[1] in problems and parts[2] == "steps":
            if len(parts) == 5:
                steps += 1
            elif parts[-1].endswith("DefaultPathway.json"):
                hints += len(json.loads(data))
    return problems, steps, hints


def test_real_courses_import_whole_with_attribution_and_export_valid_case(upstream) -> None:
    problems, steps, hints = _expected(upstream)
    report = import_oatutor(path=ARCHIVE, courses=COURSES)
    assert [c.name for c in report.courses] == COURSES
    assert all(c.imported for c in report.courses)
    items = Item.objects.filter(source=Source.OATUTOR)
    assert {i.split(":", 1)[1] for i in items.values_list("source_identifier", flat=True)} == (
        problems
    )
    assert ItemStep.objects.count() == steps
    assert StepHint.objects.filter(parent=None).count() == hints
    assert not items.filter(attribution_license="").exists()
    unpublished = sum(c.missing_figures for c in report.courses)
    assert unpublished > 0 and items.filter(status=Status.PUBLISHED).count() > 0
    assert not items.filter(status=Status.PUBLISHED, stem__contains="figure not available").exists()
    _hints_are_hints_and_one_step_problems_have_a_worked_solution(items)
    again = import_oatutor(path=ARCHIVE, courses=COURSES)
    assert sum(c.items_created + c.items_updated for c in again.courses) == 0
    assert Item.objects.count() == len(problems)
    if SCHEMA.is_file():
        for framework in Framework.objects.all():
            validate_strictly(
                framework_as_case_package(framework), source="oatutor", schema_path=SCHEMA
            )


def _hints_are_hints_and_one_step_problems_have_a_worked_solution(items) -> None:
    """Scaffolds stay StepHint rows (not folded into `hints`); answer reveals and scaffold
    answers go to the worked solution, with the pathway's credit."""
    checked = stepwise = 0
    for item in items.prefetch_related("steps__hints"):
        steps = list(item.steps.order_by("position"))
        # The item's own hints are its keyed step's: the only one, or the last of several.
        top = [h for h in steps[-1].hints.all() if h.parent_id is None]
        plain = [
            h for h in top if h.kind == "hint" and not reveals_answer(vars(h) | {"kind": h.kind})
        ]
        assert len(item.hints) == len(plain), item.source_identifier
        if len(steps) == 1:
            assert "OATutor hint pathway" in item.solution, item.source_identifier
            for scaffold in (h for h in top if h.kind == "scaffold"):
                assert scaffold.title in item.solution or scaffold.text[:20] in item.solution
            checked += 1
        elif item.status == Status.PUBLISHED:  # served step by step
            parts = parts_of(item, None)
            assert len(parts) == len(steps), item.source_identifier
            assert all(part.answers for part in parts), item.source_identifier
            assert "hint pathways of its steps" in item.solution, item.source_identifier
            stepwise += 1
    assert checked > 0 and stepwise > 0
