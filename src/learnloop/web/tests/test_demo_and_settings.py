"""The demo seed is idempotent, the CLI is wired, and production settings are hardened."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.cli import build_parser
from learnloop.demo import people
from learnloop.demo.seed import seed_demo
from learnloop.engine.levels import Level
from learnloop.learning.models import MasteryState, Response, StudentNews
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.schools.models import Classroom, Enrollment

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "students": User.objects.filter(role=Role.STUDENT).count(),
        "classes": Classroom.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "links": GuardianLink.objects.count(),
        "responses": Response.objects.count(),
        "mastery_states": MasteryState.objects.count(),
        "news": StudentNews.objects.count(),
        "placement_checks": PlacementCheck.objects.count(),
        "placement_answers": sum(
            len(a) for a in PlacementAttempt.objects.values_list("answers", flat=True)
        ),
    }


def test_demo_seed_builds_the_school_and_reruns_change_nothing() -> None:
    seed_demo()
    first = counts()
    assert first["students"] == 30 and first["classes"] == 2 and first["links"] == 30
    assert User.objects.filter(role=Role.TEACHER).count() == 2
    seed_demo()
    assert counts() == first


def test_demo_history_gives_a_class_worth_acting_on() -> None:
    seed_demo()
    assert set(Response.objects.values_list("student__username", flat=True).distinct()) == {
        student[0] for student in people.PERIOD_1 + people.PERIOD_3
    }
    levels = set(MasteryState.objects.values_list("level", flat=True))
    assert levels >= {Level.PRACTICING, Level.PROFICIENT, Level.MASTERED}
    recent = timezone.now() - timedelta(days=7)
    assert not Response.objects.filter(student__username="liam", created_at__gte=recent).exists()
    assert Response.objects.filter(student__username="maya", created_at__gte=recent).exists()
    wrong = Response.objects.filter(correct=False).select_related("item").first()
    assert wrong is not None and wrong.answer


def test_demo_placement_is_done_by_four_and_waits_for_maya() -> None:
    from django.test import Client
    from django.urls import reverse

    from learnloop.demo.placement import TAKERS

    seed_demo()
    check = PlacementCheck.objects.get()
    assert check.classroom.name == "Math 6 · Period 1" and check.student is None
    done = PlacementAttempt.objects.filter(finished_at__isnull=False)
    assert set(done.values_list("student__username", flat=True)) == set(TAKERS)
    assert all(a.answers and a.summary["start"] for a in done)
    assert not PlacementAttempt.objects.filter(student__username="maya").exists()
    client = Client()
    client.force_login(User.objects.get(username="maya"))
    assert "Take the placement check" in client.get(reverse("learning_home")).content.decode()
    client.force_login(User.objects.get(username="rivera"))
    url = reverse("placement_class", args=[check.classroom_id])
    assert "4 of 15 finished" in client.get(url).content.decode()


def test_cli_lists_its_commands() -> None:
    help_text = build_parser().format_help()
    for command in ("demo", "serve", "seed-demo"):
        assert command in help_text


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learnloop.config.settings.prod",
        "LEARNLOOP_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-0123456789",
        "LEARNLOOP_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LEARNLOOP_SECRET_KEY"}
    env |= {"DJANGO_SETTINGS_MODULE": "learnloop.config.settings.prod"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "LEARNLOOP_SECRET_KEY" in result.stderr
