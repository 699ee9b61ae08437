"""Demo seed step: generated practice, lessons and projects for the demo framework.

Everything goes into the shared library (no school), published, with source
"generated" and stable identifiers, so re-running the seed updates rows in place.
Teachers of the demo school can preview it and use "copy and adapt" to make it theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from learnloop.content.demo import number_items, proportion_items, ratio_items
from learnloop.content.demo.builders import Template, generate
from learnloop.content.demo.lessons import LESSONS, PROJECTS
from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import Activity, ActivityKind, Modality, Source
from learnloop.content.services import set_activity_items, set_rubric, upsert_activity, upsert_item
from learnloop.standards.demo_framework import TITLE
from learnloop.standards.models import Framework, Standard

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

ITEMS_PER_STANDARD = 10
TEMPLATES: dict[str, list[Template]] = {
    **number_items.TEMPLATES,
    **ratio_items.TEMPLATES,
    **proportion_items.TEMPLATES,
}
PRACTICE_TAGS = {"6.RP.A.2": ("money", "shopping"), "6.RP.A.3.d": ("travel",)}


def seed_demo_content(demo: DemoSchool) -> None:
    """Seed step (after the demo framework): ~150 items, a practice per standard, lessons."""
    framework = Framework.objects.filter(title=TITLE).first()
    if framework is None:
        return
    standards = {s.code: s for s in Standard.objects.filter(framework=framework, code__in=_codes())}
    for code, templates in TEMPLATES.items():
        if code in standards:
            _seed_practice(code, templates, standards[code])
    for slug, codes, draft in LESSONS:
        _upsert(f"demo:lesson:{slug}", draft, [standards[c] for c in codes if c in standards])
    for slug, codes, draft, rubric in PROJECTS:
        project = _upsert(
            f"demo:project:{slug}", draft, [standards[c] for c in codes if c in standards]
        )
        set_rubric(activity=project, draft=rubric)


def _codes() -> set[str]:
    codes = set(TEMPLATES)
    codes.update(code for _, lesson_codes, _ in LESSONS for code in lesson_codes)
    codes.update(code for _, project_codes, _, _ in PROJECTS for code in project_codes)
    return codes


def _upsert(identifier: str, draft: ActivityDraft, standards: list[Standard]) -> Activity:
    activity, _ = upsert_activity(
        source=Source.GENERATED,
        source_identifier=identifier,
        school=None,
        author=None,
        draft=draft,
        standards=standards,
    )
    return activity


def _seed_practice(code: str, templates: list[Template], standard: Standard) -> None:
    items = [
        upsert_item(
            source=Source.GENERATED,
            source_identifier=f"demo:item:{code}:{index:02d}",
            school=None,
            author=None,
            draft=draft,
            standards=[standard],
        )[0]
        for index, draft in enumerate(generate(templates, code, ITEMS_PER_STANDARD))
    ]
    label = standard.abbreviated_statement or standard.full_statement[:80]
    practice = _upsert(
        f"demo:practice:{code}",
        ActivityDraft(
            kind=ActivityKind.PRACTICE,
            title=f"Practice {code}: {label}",
            summary=f"{len(items)} questions with hints and worked solutions on {code}.",
            modality=Modality.DO,
            interest_tags=PRACTICE_TAGS.get(code, ()),
            estimated_minutes=15,
        ),
        [standard],
    )
    set_activity_items(activity=practice, items=items)
