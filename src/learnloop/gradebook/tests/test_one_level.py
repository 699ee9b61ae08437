"""One level per (student, standard) on every page, for every role that may open it.

Each kind of evidence is set in turn (practice only, a rubric score, an observation, an
override, an override superseded by newer evidence); after each, every page that shows
the level of the student's 6.RP.A.2 is opened as every role its URL expectation allows,
and all must show the one stored level. The student and family must also see why.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import re
import uuid
import zipfile
import zlib
from base64 import a85decode
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.conferences.models import Conference
from learnloop.conferences.services import refresh_agenda, request_conference
from learnloop.conferences.tests.helpers import answer, client_for
from learnloop.engine.levels import Level, calibration_gap
from learnloop.goals.models import GoalKind
from learnloop.goals.services import create_goal, rate_standard
from learnloop.gradebook.services import (
    override_grade,
    rebuild_levels,
    record_observation,
)
from learnloop.learning.models import MasteryState
from learnloop.learning.services import rebuild_mastery
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.services import score_artifact
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CODE = "6.RP.A.2"
OTHER = "6.RP.A.1"
ROLES = ("student", "teacher", "guardian", "admin")
BY_LABEL = {level.label: level for level in Level}
BY_SLUG = {level.slug: level for level in Level}


@dataclass(frozen=True)
class Page:
    """A page that shows the level: its URL name, how to build its URL, how to read the
    level of (the world's student, CODE) from its body."""

    name: str
    kwargs: Callable[[Context], dict[str, int]]
    read: Callable[[Context, bytes], Level | None]
    method: str = "get"


@dataclass(frozen=True)
class Context:
    world: World
    lw: LearningWorld
    conference_id: int

    @property
    def standard_id(self) -> int:
        return self.lw.standards[CODE].pk


# A code inside text is isolated left to right (`|ltr`: <bdi dir="ltr">); some pages
# show it bare.
CODE_SHOWN = r'(?:<bdi dir="ltr">)?' + re.escape(CODE) + "(?:</bdi>)?"


def _slug(pattern: str, text: str) -> Level | None:
    found = re.search(pattern, text, re.S)
    return BY_SLUG[found.group(1)] if found else None


def _label(pattern: str, text: str) -> Level | None:
    found = re.search(pattern, text, re.S)
    return BY_LABEL[found.group(1)] if found else None


SLUG = r"([a-z-]+)"
LABEL = "(" + "|".join(level.label for level in Level) + ")"


def _heatmap(c: Context, body: bytes) -> Level | None:
    return _label(re.escape(f'title="{c.world.student.name}, {CODE}: ') + LABEL, body.decode())


def _gradebook_class(c: Context, body: bytes) -> Level | None:
    href = f"/gradebook/students/{c.world.student.pk}/standards/{c.standard_id}/"
    return _slug(r"gb-cell level--" + SLUG + '" href="' + re.escape(href), body.decode())


def _gradebook_csv(c: Context, body: bytes) -> Level | None:
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    row = next(r for r in rows if r["username"] == c.world.student.username)
    return Level(int(row[CODE].rstrip("*")))


def _gradebook_student(c: Context, body: bytes) -> Level | None:
    pattern = CODE_SHOWN + r"</(?:a|strong)>\s*<span class=\"level-text level-text--" + SLUG
    return _slug(pattern, body.decode())


def _gradebook_cell(c: Context, body: bytes) -> Level | None:
    return _slug(
        r'id="level-heading">Level</h2>\s*<p><span class="level-text level-text--' + SLUG,
        body.decode(),
    )


def _my_learning(c: Context, body: bytes) -> Level | None:
    href = reverse("learning_standard_detail", args=[c.standard_id])
    return _slug(r'class="tile level--' + SLUG + '" href="' + re.escape(href), body.decode())


def _standard_page(c: Context, body: bytes) -> Level | None:
    return _slug(r'data-level="' + SLUG, body.decode())


def _family_map(c: Context, body: bytes) -> Level | None:
    pattern = (
        r"tile level--" + SLUG + r'"[^>]*>\s*<span class="tile__code">' + re.escape(CODE) + "<"
    )
    return _slug(pattern, body.decode())


def _family_report(c: Context, body: bytes) -> Level | None:
    pattern = CODE_SHOWN + r"</th><td>[^<]*</td><td><span class=\"level-text level-text--" + SLUG
    return _slug(pattern, body.decode())


def _profile(c: Context, body: bytes) -> Level | None:
    pattern = CODE_SHOWN + r"</th>\s*<td><span class=\"level-text level-text--" + SLUG
    return _slug(pattern, body.decode())


def _goals(c: Context, body: bytes) -> Level | None:
    return _label(CODE_SHOWN + re.escape(": ") + LABEL + "</span>", body.decode())


def _agenda(c: Context, body: bytes) -> Level | None:
    return _label(re.escape(f"Struggling with {CODE}: ") + r"[^<]*?level " + LABEL, body.decode())


def _pdf(c: Context, body: bytes) -> Level | None:
    text = " ".join(_pdf_streams(body))
    return _label(re.escape(f"({CODE})") + r" Tj.*?\(" + LABEL + r"\) Tj", text)


def _pdf_streams(body: bytes) -> list[str]:
    """The PDF's content streams as text (reportlab codes them ASCII85, then Flate)."""
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", body, re.S):
        data = raw.strip().removesuffix(b"~>")
        try:
            streams.append(zlib.decompress(a85decode(data)).decode("latin-1"))
        except (ValueError, zlib.error):
            continue
    return streams


def _export(c: Context, body: bytes) -> Level | None:
    archive = zipfile.ZipFile(io.BytesIO(body))
    rows = json.loads(archive.read("data/learning.MasteryState.json"))
    row = next(r for r in rows if r["standard_id"] == c.standard_id)
    return Level(row["combined_level"])


def _student(c: Context) -> dict[str, int]:
    return {"student_id": c.world.student.pk}


def _classroom(c: Context) -> dict[str, int]:
    return {"classroom_id": c.world.classroom.pk}


PAGES = (
    Page("teaching_class_dashboard", _classroom, _heatmap),
    Page("gradebook_class", _classroom, _gradebook_class),
    Page("gradebook_class_csv", _classroom, _gradebook_csv),
    Page("gradebook_student", _student, _gradebook_student),
    Page(
        "gradebook_cell", lambda c: {**_student(c), "standard_id": c.standard_id}, _gradebook_cell
    ),
    Page("learning_home", lambda c: {}, _my_learning),
    Page("learning_standard_detail", lambda c: {"standard_id": c.standard_id}, _standard_page),
    Page("goals_home", lambda c: {}, _goals),
    Page("goals_student", _student, _goals),
    Page("teaching_student_profile", _student, _profile),
    Page("family_student", _student, _family_map),
    Page("family_report", _student, _family_report),
    Page("family_report_pdf", _student, _pdf),
    Page("conferences_detail", lambda c: {"conference_id": c.conference_id}, _agenda),
    Page("privacy_export", _student, _export, method="post"),
)
STUDENT_ONLY = {"learning_home", "learning_standard_detail", "goals_home"}


def allowed_roles(name: str) -> list[str]:
    """The roles the URL-by-role test lets open this page (the app's tests/url_access.py)."""
    if name in STUDENT_ONLY:
        return ["student"]
    app = name.split("_")[0]
    expectations = importlib.import_module(f"learnloop.{app}.tests.url_access").EXPECTATIONS
    return [role for role in ROLES if role in expectations[name].allowed]


def shown(context: Context, page: Page, role: str) -> Level | None:
    user = context.world.user(role)
    assert user is not None
    client: Client = client_for(user)
    url = reverse(page.name, kwargs=page.kwargs(context))
    response = client.post(url) if page.method == "post" else client.get(url)
    assert response.status_code == 200, (page.name, role, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return page.read(context, body)


def stored(world: World, lw: LearningWorld) -> Level:
    state = MasteryState.objects.get(student=world.student, standard=lw.standards[CODE])
    return Level(state.combined_level)


def assert_one_level(context: Context, expected: Level) -> dict[tuple[str, str], Level]:
    """Every page, as every role that may open it, shows `expected` for the cell."""
    refresh_agenda(conference=_conference(context))
    seen: dict[tuple[str, str], Level | None] = {}
    for page in PAGES:
        for role in allowed_roles(page.name):
            seen[(page.name, role)] = shown(context, page, role)
    # the agenda lists the standard only while it is a struggle
    missing = [
        key for key, level in seen.items() if level is None and key[0] != "conferences_detail"
    ]
    assert not missing, missing
    wrong = {key: level for key, level in seen.items() if level not in (None, expected)}
    assert not wrong, (expected, wrong)
    assert {page.name for page in PAGES} <= {name for name, _ in seen}
    return {key: level for key, level in seen.items() if level is not None}


def _conference(context: Context) -> Conference:
    return Conference.objects.get(pk=context.conference_id)


def page_text(user_role: str, context: Context, name: str, **kwargs: int) -> str:
    user = context.world.user(user_role)
    assert user is not None
    return client_for(user).get(reverse(name, kwargs=kwargs)).content.decode()


def test_every_page_and_role_shows_the_one_level_as_evidence_arrives(
    world: World, lw: LearningWorld
) -> None:
    pw = portfolio_world(world)
    standard = lw.standards[CODE]
    conference = request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.teacher,
        topic="",
        client_id=uuid.uuid4(),
    )
    create_goal(
        student=world.student, kind=GoalKind.STANDARDS, title="Ratios",
        target_on=timezone.now().date() + dt.timedelta(days=30), client_id=uuid.uuid4(),
        standards=[standard, lw.standards[OTHER]],
    )  # fmt: skip
    rate_standard(student=world.student, standard=standard, rating=4, client_id=uuid.uuid4())
    context = Context(world, lw, conference.pk)

    # 1. practice only: one wrong answer keeps the standard on the agenda as a struggle
    answer(world.student, lw.items[0], correct=False)
    answer(world.student, lw.items[0], correct=True, times=3)
    practice = MasteryState.objects.get(student=world.student, standard=standard)
    assert stored(world, lw) == Level(practice.level) > Level.NOT_STARTED
    seen = assert_one_level(context, stored(world, lw))
    assert ("conferences_detail", "teacher") in seen
    goals_page = page_text("student", context, "goals_home")
    proficient = int(stored(world, lw) >= Level.PROFICIENT)
    assert f"{proficient} of 2 standards proficient or better" in goals_page
    dashboard = page_text(
        "teacher", context, "teaching_class_dashboard", classroom_id=world.classroom.pk
    )
    gap = calibration_gap(4, stored(world, lw))
    assert (f"Rates {CODE} at 4 of 4; their level is" in dashboard) == (gap >= 2)

    # 2. a rubric score on the tagged project work (Extending on both criteria: mastered)
    rubric = pw.project.rubric
    top = {c.pk: max(c.levels.all(), key=lambda lv: lv.points).pk for c in rubric.criteria.all()}
    score_artifact(artifact=pw.shared, scorer=world.teacher, levels=top)
    after_rubric = stored(world, lw)
    assert after_rubric > practice.level
    assert_one_level(context, after_rubric)

    # 3. an observation at Practicing pulls the level back down
    record_observation(
        observer=world.teacher, student=world.student, standard=standard,
        level=Level.PRACTICING, note="Mixed up the ratio order", client_id=uuid.uuid4(),
    )  # fmt: skip
    after_observation = stored(world, lw)
    assert after_observation < after_rubric
    assert_one_level(context, after_observation)

    # 4. an override decides, and practice afterwards does not change it
    override_grade(
        teacher=world.teacher, student=world.student, standard=standard,
        level=Level.MASTERED, reason="Taught the class the unit-rate method",
    )  # fmt: skip
    answer(world.student, lw.items[1], correct=False, times=2)
    assert stored(world, lw) == Level.MASTERED
    assert_one_level(context, Level.MASTERED)
    for role, name in (("student", "learning_standard_detail"), ("guardian", "family_report")):
        kwargs = {"standard_id": standard.pk} if role == "student" else _student(context)
        text = page_text(role, context, name, **kwargs)
        assert "Taught the class the unit-rate method" in text, role
        assert "Work scored on a rubric says Mastered" in text, role
        assert "A teacher&#x27;s observation says Practicing" in text, role

    # 5. a newer observation supersedes the override: the evidence decides again
    record_observation(
        observer=world.teacher, student=world.student, standard=standard,
        level=Level.FAMILIAR, note="Solid now", client_id=uuid.uuid4(),
    )  # fmt: skip
    superseded = stored(world, lw)
    assert superseded != Level.MASTERED
    assert_one_level(context, superseded)
    text = page_text("guardian", context, "family_report", **_student(context))
    assert "newer evidence has replaced that decision" in text

    # derived data: rebuilt from the log and the evidence, every cell comes out the same
    before = dict(MasteryState.objects.values_list("standard_id", "combined_level"))
    rebuild_mastery()
    rebuild_levels()
    assert dict(MasteryState.objects.values_list("standard_id", "combined_level")) == before
