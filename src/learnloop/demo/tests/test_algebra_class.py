"""The demo's OATutor algebra class: built from a library, skipped without one, idempotent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from learnloop.accounts.models import Role, User
from learnloop.demo import algebra, people
from learnloop.demo.seed import seed_demo
from learnloop.goals.models import Goal, HelpRequest, Reflection
from learnloop.learning.models import Response
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.teaching.models import Assignment

pytestmark = pytest.mark.django_db

POOL = Path(__file__).resolve().parents[2] / "content/tests/fixtures/oatutor/pool"
REPO = Path(__file__).resolve().parents[4]
ARCHIVE = (
    Path(os.environ.get("LEARNLOOP_SHARED") or REPO.parent / "shared")
    / "content/oatutor/oatutor-content.tar.xz"
)


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def use_the_fixture_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(algebra, "COURSE", "Made-up Fractions")
    lessons = ("Lesson 1.1 Adding fractions", "Lesson 1.2 Reading fractions")
    monkeypatch.setattr(algebra, "LESSONS", lessons)
    monkeypatch.setattr(algebra, "ASSIGNED_LESSON", lessons[0])


def algebra_counts() -> tuple[int, int, int]:
    classroom = Classroom.objects.get(name=algebra.CLASS_NAME)
    responses = Response.objects.filter(client_id__isnull=False, item__source="oatutor")
    assigned = Assignment.objects.filter(classroom=classroom).count()
    return classroom.students.count(), responses.count(), assigned


def test_without_the_library_the_class_is_skipped_in_one_line(tmp_path: Path) -> None:
    with override_settings(LEARNLOOP_DEMO_OATUTOR=tmp_path / "absent.tar.xz"):
        demo = seed_demo()
    assert len(demo.notes) == 1 and "Algebra 1 · Period 5 skipped" in demo.notes[0]
    assert not Classroom.objects.filter(name=algebra.CLASS_NAME).exists()
    assert not User.objects.filter(username=people.ALGEBRA_TEACHER[0]).exists()


def test_the_class_is_built_from_a_library_in_the_upstream_format(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fixture pool stands in for the library: its course and lessons are chosen."""
    use_the_fixture_pool(monkeypatch)
    with override_settings(LEARNLOOP_DEMO_OATUTOR=POOL):
        demo = seed_demo()
        first = algebra_counts()
        seed_demo()
    assert first == algebra_counts()  # a rerun repeats nothing
    students, responses, assignments = first
    assert students == len(people.PERIOD_5) and responses > 0 and assignments == 1
    santos = demo.person("santos")
    assert santos is not None and santos.role == Role.TEACHER
    classroom = Classroom.objects.get(name=algebra.CLASS_NAME)
    assert list(classroom.frameworks.values_list("title", flat=True)) == ["Made-up Fractions"]
    assert classroom.students.filter(username="maya").exists()
    maya_classes = set(User.objects.get(username="maya").enrolled_classrooms.values_list("name"))
    assert {name for (name,) in maya_classes} == {"Math 6 · Period 1", algebra.CLASS_NAME}
    page = signed_in("santos").get(f"/teaching/classes/{classroom.pk}/")
    assert page.status_code == 200 and algebra.CLASS_NAME in page.content.decode()


@pytest.mark.shared
@pytest.mark.skipif(not ARCHIVE.is_file(), reason=f"{ARCHIVE} is absent")
def test_the_class_from_the_shared_oatutor_library() -> None:
    with override_settings(LEARNLOOP_DEMO_OATUTOR=ARCHIVE):
        demo = seed_demo()
    assert any(note.startswith(f"{algebra.CLASS_NAME}: 4 OATutor lessons") for note in demo.notes)
    students, responses, assignments = algebra_counts()
    assert students == 12 and responses > 300 and assignments == 1
    classroom = Classroom.objects.get(name=algebra.CLASS_NAME)
    dashboard = signed_in("santos").get(f"/teaching/classes/{classroom.pk}/")
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    # The OATutor skills are machine names: the teacher reads them as statements
    # (standards/naming.py), never as snake_case.
    skills = Standard.objects.filter(framework__in=classroom.frameworks.all())
    solving = [s for s in skills if s.code.startswith("solve_equations")]
    assert solving and any(escape(s.label) in page for s in solving)
    assert not any(f">{s.code}<" in page for s in solving)
    home = signed_in("maya").get("/learn/")
    assert home.status_code == 200


def test_santos_does_not_get_mayas_grade_6_help_goal_or_reflection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Maya's help request, goal to co-sign and reflection are on 6.RP standards: Math 6's
    (rivera), not Algebra 1's (santos), on every page that shows them (goals.scope)."""
    use_the_fixture_pool(monkeypatch)
    with override_settings(LEARNLOOP_DEMO_OATUTOR=POOL):
        seed_demo()
    maya = User.objects.get(username="maya")
    words = [
        HelpRequest.objects.get(student=maya, resolved_at__isnull=True).message,
        Goal.objects.get(
            student=maya, cosign_requested_at__isnull=False, cosigned_at__isnull=True
        ).title,
        Reflection.objects.filter(student=maya).first().text,  # type: ignore[union-attr]
    ]
    algebra_class = Classroom.objects.get(name=algebra.CLASS_NAME)
    math_6 = Classroom.objects.get(name="Math 6 · Period 1")

    def seen(username: str, *paths: str) -> str:
        client = signed_in(username)
        return " ".join(client.get(path).content.decode() for path in paths)

    pages = ["/", "/goals/teacher/", f"/teaching/students/{maya.pk}/"]
    santos = seen("santos", *pages, f"/teaching/classes/{algebra_class.pk}/")
    rivera = seen("rivera", *pages, f"/teaching/classes/{math_6.pk}/")
    for text in words:
        assert escape(text) in rivera
        assert escape(text) not in santos
