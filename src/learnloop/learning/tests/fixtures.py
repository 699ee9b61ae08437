"""A class that follows the demo framework, with a practice activity and a lesson.

Built through the standards and content services. `learning_world(world)` caches on the
World so URL-expectation lambdas can call it once per role without duplicating rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.test import Client

from learnloop.accounts.models import User
from learnloop.content.drafts import ActivityDraft, ChoiceDraft, ItemDraft
from learnloop.content.models import Activity, ActivityKind, Item, ItemKind, Modality, Status
from learnloop.content.services import create_activity, create_item, set_activity_items
from learnloop.learning.models import PracticeSession
from learnloop.standards.demo_framework import build_demo_package
from learnloop.standards.models import Framework, Standard
from learnloop.standards.services import adopt_framework, import_case
from learnloop.testing.world import World


@dataclass
class LearningWorld:
    framework: Framework
    standards: dict[str, Standard]
    practice: Activity
    lesson: Activity
    items: list[Item]


def client_for(user: User) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def practice_url(lw: LearningWorld) -> str:
    return f"/learn/activities/{lw.practice.pk}/practice/"


def open_session(world: World) -> PracticeSession:
    """The student's practice session that has not finished."""
    return PracticeSession.objects.get(student=world.student, finished_at__isnull=True)


def numeric_item(index: int, standard: Standard) -> Item:
    return create_item(
        author=None,
        school=None,
        draft=ItemDraft(
            kind=ItemKind.NUMERIC,
            title=f"Unit price {index}",
            stem=f"<p>{index + 2} pencils cost ${(index + 2) * 3}. What does one pencil cost?</p>",
            numeric_answer=Decimal(3),
            hints=("Divide the total cost by the number of pencils.",),
            solution=f"<p>${(index + 2) * 3} ÷ {index + 2} = $3 per pencil.</p>",
        ),
        standards=[standard],
        status=Status.PUBLISHED,
    )


def choice_item(standard: Standard) -> Item:
    return create_item(
        author=None,
        school=None,
        draft=ItemDraft(
            kind=ItemKind.SINGLE_CHOICE,
            title="Ratio language",
            stem="<p>There are 3 cats and 5 dogs. What is the ratio of cats to dogs?</p>",
            choices=(
                ChoiceDraft("3:5", True, "a"),
                ChoiceDraft("5:3", False, "b"),
                ChoiceDraft("3:8", False, "c"),
            ),
            hints=("Cats come first.", "Count each animal."),
            solution="<p>Cats to dogs is 3 to 5, written 3:5.</p>",
        ),
        standards=[standard],
        status=Status.PUBLISHED,
    )


def learning_world(world: World) -> LearningWorld:
    cached = getattr(world, "_learning", None)
    if cached is not None:
        return cached
    report = import_case(data=build_demo_package(), source="demo")
    framework = report.framework
    adopt_framework(classroom=world.classroom, framework=framework)
    standards = {s.code: s for s in Standard.objects.filter(framework=framework)}
    items = [numeric_item(i, standards["6.RP.A.2"]) for i in range(4)]
    items.append(choice_item(standards["6.RP.A.2"]))
    practice = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(
            kind=ActivityKind.PRACTICE, title="Unit rates practice", modality=Modality.DO
        ),
        standards=[standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    set_activity_items(activity=practice, items=items)
    lesson = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(
            kind=ActivityKind.LESSON,
            title="What is a unit rate?",
            body="<p>A unit rate compares a quantity to one unit of another.</p>",
            modality=Modality.READ,
        ),
        standards=[standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    built = LearningWorld(framework, standards, practice, lesson, items)
    world._learning = built  # type: ignore[attr-defined]
    return built
