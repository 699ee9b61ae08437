"""LTI on the job queue: once an LMS is registered the worker keeps score passback and
membership sync enqueued, and running them through the worker reaches the test LMS."""

from __future__ import annotations

import pytest
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from learnloop.jobs.registry import PERIODIC_JOBS
from learnloop.jobs.worker import run_ready_jobs
from learnloop.lti.jobs import periodic_jobs, send_lti_scores, sync_lti_members
from learnloop.lti.models import Platform
from learnloop.lti.tests.conftest import launch, trust_tool
from learnloop.lti.tests.platform import LEARNER, Lms, Member
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in jobs/tests/conftest.py: the worker must not close the test's connection."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    monkeypatch.setattr("learnloop.jobs.worker.close_old_connections", lambda: None)


def rows(name: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith=name))


def test_nothing_is_scheduled_until_an_lms_is_registered(world: World) -> None:
    assert periodic_jobs in PERIODIC_JOBS
    assert periodic_jobs() == []
    run_ready_jobs()
    assert rows("send_lti_scores") == rows("sync_lti_members") == []


def test_the_worker_syncs_members_and_sends_scores_through_the_lms(
    world: World, lms: Lms, registration: Platform
) -> None:
    assert [periodic.job for periodic in periodic_jobs()] == [send_lti_scores, sync_lti_members]
    launch(Client(), lms, lms.members[0])  # the teacher's launch places the course
    lms.members.append(Member("lms-s-2", "Olga", "Student", world.other_student.email, [LEARNER]))
    trust_tool(Client(), lms)
    run_ready_jobs()  # schedules both: scores in a few minutes, members tonight
    run_ready_jobs()  # and once only, however often the worker passes
    (scores,) = rows("send_lti_scores")
    (members,) = rows("sync_lti_members")
    assert scores.status == members.status == TaskResultStatus.READY
    assert scores.run_after > scores.enqueued_at
    assert send_lti_scores.call() == {"queued": 0, "sent": 0, "failed": 0}  # no answers yet
    result = sync_lti_members.call()  # what the worker runs tonight
    assert result["failed"] == [] and result["classes"] == 1
    assert world.classroom.students.filter(pk=world.other_student.pk).exists()
    enrolled = world.classroom.enrollments.count()
    assert sync_lti_members.call()["failed"] == []
    assert world.classroom.enrollments.count() == enrolled  # a rerun enrols nobody twice
