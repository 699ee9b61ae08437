"""Scores: the level mode, the backoff, and an unchanged score sent once."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from learnloop.content.tests.factories import make_activity, make_framework
from learnloop.learning.models import MasteryState
from learnloop.lti.models import Platform
from learnloop.lti.scores import backoff, send_due_scores
from learnloop.lti.tests.conftest import launch, trust_tool
from learnloop.lti.tests.platform import Lms
from learnloop.testing.world import World


def test_backoff_doubles_up_to_a_day() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(40) == dt.timedelta(days=1)


def test_the_level_of_the_activitys_standards_goes_as_the_score(
    world: World, lms: Lms, registration: Platform
) -> None:
    framework = make_framework(world.classroom)
    standards = list(framework.standards.order_by("code")[:2])
    activity = make_activity(world.teacher)
    activity.standards.set(standards)
    activity.status = "published"
    activity.save(update_fields=["status"])
    for standard, level in zip(standards, (3, 4), strict=True):
        MasteryState.objects.create(
            student=world.student,
            standard=standard,
            skill_state={},
            updated_at=timezone.now(),
            combined_level=level,
        )
    Platform.objects.filter(pk=registration.pk).update(score_kind=Platform.ScoreKind.LEVEL)
    launch(Client(), lms, lms.members[1], custom={"activity_id": str(activity.pk)})
    trust_tool(Client(), lms)
    assert send_due_scores().sent == 1
    (score,) = lms.scores
    assert (score["scoreGiven"], score["scoreMaximum"]) == (3.5, 4.0)


def test_the_office_sees_scores_waiting_and_failing(
    world: World, lms: Lms, registration: Platform
) -> None:
    activity = make_activity(world.teacher)
    activity.status = "published"
    activity.save(update_fields=["status"])
    launch(Client(), lms, lms.members[1], custom={"activity_id": str(activity.pk)})
    Platform.objects.filter(pk=registration.pk).update(score_kind=Platform.ScoreKind.LEVEL)
    lms.refuse_scores = 1
    trust_tool(Client(), lms)
    assert send_due_scores().failed == 1
    office = Client()
    office.force_login(world.admin)
    (row,) = office.get("/school/lti/").context["platforms"]
    assert (row.scores_waiting, row.scores_failing) == (1, 1)


def test_the_three_commands_run(db: None, capsys: object) -> None:
    from learnloop.cli import main

    assert main(["lti-send-scores"]) == 0
    assert main(["lti-sync-members"]) == 0
    assert main(["lti-rotate-key"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "queued 0, sent 0, failed 0" in out
    assert "classes 0" in out
    assert "new signing key" in out
