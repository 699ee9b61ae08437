"""The gradebook through its services and pages: evidence, overrides, CSV, observations."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learnloop.accounts.models import Role
from learnloop.conferences.services import add_note, request_conference
from learnloop.conferences.tests.helpers import answer, client_for
from learnloop.engine.levels import Level
from learnloop.gradebook.models import GradeOverride, Observation
from learnloop.gradebook.selectors import cell_for_student, gradebook_for_classroom
from learnloop.gradebook.services import GradebookError, override_grade, remove_override
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.schools.services import enroll_student, ensure_user
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def observe(world: World, lw: LearningWorld, level: int, code: str = "6.RP.A.2") -> Any:
    return client_for(world.teacher).post(
        f"/gradebook/students/{world.student.pk}/observations/new/",
        {
            "standard": lw.standards[code].pk,
            "level": level,
            "note": "Explained it in discussion",
            "client_id": uuid.uuid4(),
        },
    )


def test_practice_observations_and_shared_conference_notes_are_evidence(
    world: World, lw: LearningWorld
) -> None:
    standard = lw.standards["6.RP.A.2"]
    answer(world.student, lw.items[0], correct=True, times=6)
    observe(world, lw, Level.MASTERED)
    conference = request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.teacher,
        topic="",
        client_id=uuid.uuid4(),
    )
    for visibility in ("shared", "private"):
        add_note(
            conference=conference,
            author=world.teacher,
            text=f"{visibility} remark",
            visibility=visibility,
            standard=standard,
            level=Level.PROFICIENT,
            client_id=uuid.uuid4(),
        )
    cell = cell_for_student(world.student, standard)
    assert sorted(e.kind for e in cell.evidence) == ["conference", "observation", "practice"]
    assert all("private" not in e.label for e in cell.evidence)
    assert cell.grade.level >= Level.PROFICIENT and not cell.grade.overridden


def test_an_override_needs_a_reason_and_the_newest_decision_wins(
    world: World, lw: LearningWorld
) -> None:
    standard = lw.standards["6.RP.A.2"]
    url = f"/gradebook/students/{world.student.pk}/standards/{standard.pk}/"
    client = client_for(world.teacher)
    missing = client.post(f"{url}override/", {"level": 4, "reason": "  "})
    assert missing.status_code == 400
    assert "Reason: say why you set this level." in missing.content.decode()
    for _ in range(2):  # a repeated submission is one row
        assert client.post(f"{url}override/", {"level": 4, "reason": "Project"}).status_code == 302
    assert GradeOverride.objects.count() == 1
    client.post(f"{url}override/", {"level": 2, "reason": "Retest"})
    cell = cell_for_student(world.student, standard)
    assert cell.grade.level == Level.FAMILIAR and cell.grade.override.reason == "Retest"
    assert cell.grade.computed == Level.NOT_STARTED
    for _ in range(2):
        client.post(f"{url}remove-override/", {"reason": "New evidence"})
    cell = cell_for_student(world.student, standard)
    assert not cell.grade.overridden and cell.grade.level == Level.NOT_STARTED
    assert [(o.action, o.level, o.created_by) for o in cell.history] == [
        ("remove", None, world.teacher),
        ("set", 2, world.teacher),
        ("set", 4, world.teacher),
    ]
    page = client.get(url).content.decode()
    assert "Retest" in page and "New evidence" in page and "Tina Teacher" in page


def test_removing_when_nothing_is_overridden_is_explained(world: World, lw: LearningWorld) -> None:
    standard = lw.standards["6.RP.A.2"]
    with pytest.raises(GradebookError, match="no override to remove"):
        remove_override(teacher=world.teacher, student=world.student, standard=standard, reason="x")
    response = client_for(world.teacher).post(
        f"/gradebook/students/{world.student.pk}/standards/{standard.pk}/remove-override/",
        {"reason": "x"},
    )
    assert response.status_code == 400
    assert "There is no override to remove" in response.content.decode()


def test_csv_export_parses_back_with_levels_and_override_markers(
    world: World, lw: LearningWorld
) -> None:
    answer(world.student, lw.items[0], correct=True, times=6)
    second = ensure_user(
        username="=cmd", role=Role.STUDENT, first_name="Eve", last_name="Formula",
        school=world.school,
    )  # fmt: skip
    enroll_student(classroom=world.classroom, student=second)
    override_grade(
        teacher=world.teacher,
        student=second,
        standard=lw.standards["6.RP.A.1"],
        level=3,
        reason="Seen in project",
    )
    response = client_for(world.teacher).get(
        f"/gradebook/classes/{world.classroom.pk}/gradebook.csv"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    codes = [s.code for s in gradebook_for_classroom(world.classroom).standards]
    assert list(rows[0].keys()) == ["username", "student", *codes, "overrides"]
    by_user = {row["username"]: row for row in rows}
    sam = by_user["sam_student"]
    assert sam["6.RP.A.2"] in {"3", "4"} and sam["6.RP.A.1"] == "0" and sam["overrides"] == ""
    eve = by_user["'=cmd"]  # a spreadsheet will not run it as a formula
    assert eve["6.RP.A.1"] == "3*" and eve["overrides"] == "6.RP.A.1"
    assert len(rows) == 2


def test_the_class_page_runs_the_same_queries_for_one_or_three_students(
    world: World, lw: LearningWorld, django_assert_num_queries: Any
) -> None:
    client = client_for(world.teacher)
    url = f"/gradebook/classes/{world.classroom.pk}/"
    answer(world.student, lw.items[0], correct=True, times=2)
    observe(world, lw, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for index in range(2):
        student = ensure_user(
            username=f"extra{index}", role=Role.STUDENT, first_name="E", last_name=str(index),
            school=world.school,
        )  # fmt: skip
        enroll_student(classroom=world.classroom, student=student)
        answer(student, lw.items[0], correct=False, times=2)
        override_grade(
            teacher=world.teacher, student=student, standard=lw.standards["6.RP.A.2"],
            level=2, reason="r",
        )  # fmt: skip
    with django_assert_num_queries(len(small)):
        body = client.get(url).content.decode()
    assert body.count('class="gb-cell') == 3 * 15
    assert body.count("(override)") == 2


def test_observations_validate_dedupe_and_show_to_the_student(
    world: World, lw: LearningWorld
) -> None:
    url = f"/gradebook/students/{world.student.pk}/observations/new/"
    client = client_for(world.teacher)
    bad = client.post(url, {"level": 9, "client_id": uuid.uuid4()})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Standard: choose the standard you observed." in body
    assert "Level shown: choose a level from the list." in body
    post = {
        "standard": lw.standards["6.RP.A.1"].pk,
        "level": 3,
        "note": "explained 6.RP.A.1 in discussion",
        "client_id": uuid.uuid4(),
    }
    for _ in range(2):
        assert client.post(url, post).status_code == 302
    assert Observation.objects.count() == 1
    for viewer in (world.student, world.guardian):
        page = client_for(viewer).get(f"/gradebook/students/{world.student.pk}/").content.decode()
        assert "explained 6.RP.A.1 in discussion" in page and "Proficient" in page
    page = (
        client_for(world.student).get(f"/gradebook/students/{world.student.pk}/").content.decode()
    )
    assert "Record an observation" not in page
    assert f"/gradebook/students/{world.student.pk}/standards/" not in page


def test_the_class_dashboard_and_the_gradebook_link_to_each_other(world: World) -> None:
    client = client_for(world.teacher)
    dashboard = f"/teaching/classes/{world.classroom.pk}/"
    gradebook = f"/gradebook/classes/{world.classroom.pk}/"
    assert f'href="{gradebook}"' in client.get(dashboard).content.decode()
    body = client.get(gradebook).content.decode()
    assert f'href="{dashboard}"' in body
    assert f'<a href="{gradebook}" aria-current="page">Gradebook</a>' in body
