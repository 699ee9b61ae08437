"""One answer followed from the request to the database and back, file by file.

A profiler hook notes which of LearnLoop's source files is running as the answer goes
(library code counts for the LearnLoop file that called it). A *stay* is a stretch in
one file; a *return* is a stay in a file the answer had already left. The floor
(`core/`, `web/`: middleware, sessions, request parsing) and the engine can be counted
as part of the file that called them (`floor=False`), which is how the wing's design is
read: its files, and how often the answer comes back to each. The figures are in
docs/architecture.md ("One answer's path"); `-s` prints the paths.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.learning.models import PracticeSession
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2]  # src/learnloop


@dataclass(frozen=True)
class Path_:
    stays: tuple[str, ...]  # each stay's file, relative to src/learnloop

    @property
    def files(self) -> set[str]:
        return set(self.stays)

    @property
    def returns(self) -> int:
        return len(self.stays) - len(self.files)

    def describe(self) -> str:
        return " -> ".join(self.stays)

    def steps(self, conductor: str) -> list[tuple[str, ...]]:
        """The stays between two stays in `conductor` (the file that runs the steps)."""
        found: list[list[str]] = [[]]
        for stay in self.stays:
            if stay == conductor:
                found.append([])
            else:
                found[-1].append(stay)
        return [tuple(step) for step in found if step]


FLOOR = ("core/", "web/", "engine/")
WING = ("learning/answering/", "learning/engine_state.py")  # the wing and its translation
SERVICE = "learning/answering/service.py"
# An app's middleware wraps every request (sso's adds its providers to the sign-in pages'
# CSP): floor for this count, whichever app holds it.
MIDDLEWARE = "/middleware.py"


def _ours(frame: FrameType, floor: bool) -> str | None:
    name = frame.f_code.co_filename
    if not name.startswith(str(SOURCE)) or "/tests/" in name:
        return None
    relative = str(Path(name).relative_to(SOURCE))
    if not floor and (relative.startswith(FLOOR) or relative.endswith(MIDDLEWARE)):
        return None
    return relative


def follow(run: Callable[[], Any], *, floor: bool = True) -> Path_:
    """The files `run` went through, stay by stay (`floor=False`: the floor's and the
    engine's files count as their caller)."""
    stack: list[str | None] = []
    stays: list[str] = []

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            stack.append(_ours(frame, floor))
        elif event == "return" and stack:
            stack.pop()
        else:
            return
        current = next((f for f in reversed(stack) if f is not None), None)
        if current is not None and (not stays or stays[-1] != current):
            stays.append(current)

    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return Path_(tuple(stays))


def _answer_json(world: World, lw: LearningWorld, *, floor: bool = True) -> Path_:
    client = Client()
    client.force_login(world.student)
    url = reverse("learning_api_responses")

    def post() -> None:
        body = {"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "3"}
        assert client.post(url, body, content_type="application/json").status_code == 201

    post()  # the first answer creates the student's state
    return follow(post, floor=floor)


def _answer_page(world: World, lw: LearningWorld, *, floor: bool = True) -> Path_:
    client = Client()
    client.force_login(world.student)
    url = reverse("learning_practice", args=[lw.practice.pk])

    def post() -> None:
        session = PracticeSession.objects.get(student=world.student, finished_at=None)
        kind = session.current_item.kind
        data = {
            "item_id": session.current_item_id,
            "client_id": session.current_client_id,
            "answer": "a" if kind == "single_choice" else "3",
            "kind": kind,
        }
        assert client.post(url, data).status_code == 200

    client.get(url)
    post()
    client.get(url)
    return follow(post, floor=floor)


def _report(title: str, path: Path_) -> None:
    print(f"\n{title}: {len(path.files)} files, {len(path.stays)} stays, {path.returns} returns")
    print(path.describe())


@pytest.mark.parametrize("floor", [True, False], ids=["every-file", "apps-only"])
def test_follow_one_json_answer(world: World, lw: LearningWorld, floor: bool) -> None:
    path = _answer_json(world, lw, floor=floor)
    _report(f"JSON answer ({'every file' if floor else 'apps only'})", path)
    assert path.stays[0] == ("web/middleware.py" if floor else "learning/api.py")


@pytest.mark.parametrize("floor", [True, False], ids=["every-file", "apps-only"])
def test_follow_one_page_answer(world: World, lw: LearningWorld, floor: bool) -> None:
    path = _answer_page(world, lw, floor=floor)
    _report(f"page answer ({'every file' if floor else 'apps only'})", path)
    assert path.stays[0] == ("web/middleware.py" if floor else "learning/views_practice.py")


def _wing_files(path: Path_) -> set[str]:
    return {name for name in path.files if name.startswith(WING)}


def _repeated_in_a_step(path: Path_) -> list[tuple[str, ...]]:
    """Steps of the service, led by a file of the wing, that enter one of the wing's
    files twice (the step's own file comes back after each call: that is no entry)."""
    return [
        step
        for step in path.steps(SERVICE)
        if step[0].startswith(WING)
        and any(step.count(name) > 1 for name in set(step) - {step[0]} if name.startswith(WING))
    ]


def test_the_json_answer_goes_through_at_most_five_files_of_the_wing(
    world: World, lw: LearningWorld
) -> None:
    path = _answer_json(world, lw, floor=False)
    assert len(_wing_files(path)) <= 5, sorted(_wing_files(path))
    assert path.stays.count("learning/answering/parsing.py") == 1  # read once, typed
    assert _repeated_in_a_step(path) == []


def test_the_page_answer_enters_no_file_of_the_wing_twice_in_one_step(
    world: World, lw: LearningWorld
) -> None:
    path = _answer_page(world, lw, floor=False)
    assert len(_wing_files(path)) <= 5, sorted(_wing_files(path))
    assert _repeated_in_a_step(path) == []
