"""Build content for tests through the same services the app uses."""

from __future__ import annotations

from decimal import Decimal

from learnloop.accounts.models import User
from learnloop.content.drafts import ActivityDraft, ChoiceDraft, ItemDraft, RubricDraft
from learnloop.content.models import Activity, ActivityKind, Item, ItemKind, Modality
from learnloop.content.services import (
    create_activity,
    create_item,
    set_activity_items,
    set_rubric,
)
from learnloop.schools.models import Classroom
from learnloop.standards.models import Framework, Standard


def numeric_draft(answer: str = "4.5", tolerance: str = "0") -> ItemDraft:
    return ItemDraft(
        kind=ItemKind.NUMERIC,
        title="Unit price",
        stem="<p>3 pens cost $13.50. How much does one pen cost?</p>",
        numeric_answer=Decimal(answer),
        tolerance=Decimal(tolerance),
        hints=("Divide the total by the number of pens.",),
        solution="<p>13.50 ÷ 3 = 4.50</p>",
    )


def single_choice_draft() -> ItemDraft:
    return ItemDraft(
        kind=ItemKind.SINGLE_CHOICE,
        title="Equivalent ratio",
        stem="<p>Which ratio is equivalent to 2:3?</p>",
        choices=(
            ChoiceDraft("4:6", True),
            ChoiceDraft("3:2", False),
            ChoiceDraft("2:5", False),
        ),
    )


def make_item(author: User, draft: ItemDraft | None = None, **options: object) -> Item:
    return create_item(
        author=author, school=author.school, draft=draft or numeric_draft(), **options
    )  # type: ignore[arg-type]


def make_activity(
    author: User,
    kind: str = ActivityKind.PRACTICE,
    items: list[Item] | None = None,
    **options: object,
) -> Activity:
    draft = ActivityDraft(
        kind=kind,
        title=f"A {kind}",
        summary="Summary",
        body="<p>Read this.</p>",
        modality=Modality.READ if kind == ActivityKind.LESSON else Modality.DO,
    )
    activity = create_activity(author=author, school=author.school, draft=draft, **options)  # type: ignore[arg-type]
    if kind in (ActivityKind.PRACTICE, ActivityKind.QUIZ):
        set_activity_items(
            activity=activity, items=items if items is not None else [make_item(author)]
        )
    if kind == ActivityKind.PROJECT:
        set_rubric(activity=activity, draft=sample_rubric())
    return activity


def sample_rubric() -> RubricDraft:
    levels = (("Beginning", 1), ("Developing", 2), ("Proficient", 3), ("Extending", 4))
    return RubricDraft(
        title="Project rubric",
        levels=levels,
        criteria=(
            ("Reasoning", ("Guesses", "Some steps", "Clear steps", "Clear and general")),
            ("Accuracy", ("Many errors", "Some errors", "Correct", "Correct and checked")),
        ),
    )


def make_framework(classroom: Classroom | None = None, title: str = "Test framework") -> Framework:
    framework, _ = Framework.objects.get_or_create(
        identifier=f"fw-{title}", defaults={"title": title}
    )
    for code, statement in (
        ("6.RP.A.1", "Understand the concept of a ratio."),
        ("6.RP.A.2", "Understand the concept of a unit rate."),
        ("6.NS.A.1", "Divide fractions by fractions."),
    ):
        Standard.objects.get_or_create(
            framework=framework,
            identifier=f"{title}-{code}",
            defaults={"code": code, "full_statement": statement},
        )
    if classroom is not None:
        classroom.frameworks.add(framework)
    return framework
