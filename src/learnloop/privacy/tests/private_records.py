"""One record of every private kind about the world's student, each with a unique marker.

Built through the services the app uses, in the order that made the agenda leak: the
conference agenda is made while the goal is active, then the student lets it go.
Also one readable record of the shared kinds (an active goal, a shared artifact), so
the privacy walk can show that readers who may read a kind do find its marker.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zlib
from base64 import a85decode
from dataclasses import dataclass

from django.utils import timezone

from learnloop.conferences.models import Conference, Visibility
from learnloop.conferences.services import add_note, request_conference
from learnloop.goals.models import GoalKind
from learnloop.goals.services import (
    abandon_goal,
    add_reflection,
    ask_for_help,
    create_goal,
    rate_standard,
)
from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.services import add_artifact, score_artifact
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.privacy.rules import Record
from learnloop.testing.world import World

# Markers: single lowercase words, so no escaping, wrapping or truncation can split them.
MARKERS: dict[Record, tuple[str, ...]] = {
    Record.GOAL: ("zqactivegoal",),
    Record.LET_GO_GOAL: ("zqletgogoal", "zqletgoreflection"),
    Record.REFLECTION: ("zqweekreflection",),
    Record.HELP_MESSAGE: ("zqhelpmessage",),
    Record.PRIVATE_NOTE: ("zqprivatenote",),
    Record.SHARED_NOTE: ("zqsharednote",),
    Record.SHARED_ARTIFACT: ("zqsharedpiece",),
    Record.UNSHARED_ARTIFACT: ("zqunsharedtitle", "zqunsharedreflection", "zqunsharedbody"),
}
# A rating is a number, not text: these are what any page showing one would print.
SELF_ASSESSMENT_SIGNS = re.compile(
    r"Self-assessment \(1–4\)|rates (?:higher|lower) than the evidence|Rates \S+ at \d of 4"
    r"|I said</dt>|Over confident|Under confident",
)
RATED_CODE = "6.RP.A.1"


@dataclass
class PrivateRecords:
    conference: Conference
    unshared: Artifact


def seed_private_records(world: World) -> PrivateRecords:
    pw = portfolio_world(world)
    student, teacher = world.student, world.teacher
    week_ago = timezone.now() - dt.timedelta(days=2)
    target = timezone.now().date() + dt.timedelta(days=30)
    kept = create_goal(
        student=student, kind=GoalKind.HABIT, title="zqactivegoal practice daily",
        target_on=target, weekly_minutes=30, client_id=uuid.uuid4(),
    )  # fmt: skip
    dropped = create_goal(
        student=student, kind=GoalKind.HABIT, title="zqletgogoal stop worrying",
        target_on=target, weekly_minutes=20, client_id=uuid.uuid4(),
    )  # fmt: skip
    add_reflection(
        student=student, goal=dropped, text="zqletgoreflection it was too much",
        client_id=uuid.uuid4(), now=week_ago,
    )  # fmt: skip
    add_reflection(
        student=student, text="zqweekreflection I felt lost this week", client_id=uuid.uuid4()
    )
    ask_for_help(student=student, message="zqhelpmessage I do not get ratios")
    rate_standard(
        student=student, standard=pw.learning.standards[RATED_CODE], rating=4,
        client_id=uuid.uuid4(),
    )  # fmt: skip
    shared = pw.shared
    shared.reflection = f"zqsharedpiece {shared.reflection}"
    shared.save(update_fields=["reflection"])
    unshared = add_artifact(
        student=student, client_id=uuid.uuid4(), kind=ArtifactKind.TEXT,
        title="zqunsharedtitle my diary", body="<p>zqunsharedbody private words</p>",
        reflection="zqunsharedreflection not for home", activity=pw.project,
        standards=[pw.learning.standards["6.RP.A.2"]], shared_with_family=False,
    )  # fmt: skip
    criteria = pw.project.rubric.criteria.prefetch_related("levels")
    score_artifact(
        artifact=unshared, scorer=teacher,
        levels={c.pk: c.levels.order_by("points").last().pk for c in criteria},
    )  # fmt: skip
    conference = request_conference(
        student=student, teacher=teacher, requested_by=student, topic="Ratios",
        client_id=uuid.uuid4(),
    )  # fmt: skip
    abandon_goal(goal=dropped)
    for text, visibility in (
        ("zqprivatenote worried about home", Visibility.PRIVATE),
        ("zqsharednote explained ratios well", Visibility.SHARED),
    ):
        add_note(
            conference=conference, author=teacher, text=text, visibility=visibility,
            client_id=uuid.uuid4(),
        )  # fmt: skip
    assert kept.is_active
    return PrivateRecords(conference=conference, unshared=unshared)


def pdf_text(data: bytes) -> str:
    """The text a ReportLab PDF draws: its content streams, decoded (ASCII85, Flate)."""
    texts = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        header, body = match.group(1), match.group(2).strip()
        if b"ASCII85Decode" in header:
            body = a85decode(body.removeprefix(b"<~").removesuffix(b"~>"))
        if b"FlateDecode" in header:
            body = zlib.decompress(body)
        texts.append(body.decode("latin-1"))
    return "\n".join(texts)
