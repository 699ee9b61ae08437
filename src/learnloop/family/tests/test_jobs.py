"""The weekly digest on the job queue: checked daily, sent once a week over SMTP."""

from __future__ import annotations

import pytest
from django.test import override_settings

from learnloop.family.jobs import periodic_jobs, send_family_digests
from learnloop.family.tests.test_digest import practise
from learnloop.jobs.registry import PERIODIC_JOBS
from learnloop.testing.smtp import Inbox
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_digest_is_kept_enqueued_daily_unless_turned_off() -> None:
    assert periodic_jobs in PERIODIC_JOBS
    assert [periodic.job for periodic in periodic_jobs()] == [send_family_digests]
    with override_settings(LEARNLOOP_DIGEST_HOUR=-1):
        assert periodic_jobs() == []


def test_the_job_sends_this_weeks_digests_once(world: World, smtp_server: Inbox) -> None:
    practise(world)
    first = send_family_digests.call()
    assert world.guardian.username in first["sent"]
    sent = len(smtp_server.messages)
    assert sent == len(first["sent"])
    again = send_family_digests.call()  # the next day's run, the same week
    assert again["sent"] == [] and len(smtp_server.messages) == sent
