"""LTI 1.3: what a launch costs the tool, and how fast the score outbox drains.

Against the independent LMS of the test suite (src/learnloop/lti/tests/platform.py, an
HTTP server on 127.0.0.1), on a fresh test database (SQLite, or DATABASE_URL):
- a launch, all three legs through Django's test client: the login initiation, the
  LMS's auth answer (signed id_token), the launch (PyLTI1p3 fetches the LMS's key set
  over HTTP, checks the token, then the person and class are matched); wall ms;
- the outbox: N students placed on one link, each with a changed score; one
  `send_due_scores()` queues and posts them all (one token, N score posts).

    python benchmarks/lti.py [--launches 30] [--students 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _common import REPO, machine, text_table

sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launches", type=int, default=30)
    parser.add_argument("--students", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from learnloop.lti.models import Learner, Platform, ResourceLink
    from learnloop.lti.scores import send_due_scores
    from learnloop.lti.services import save_platform
    from learnloop.lti.tests.conftest import launch, trust_tool
    from learnloop.lti.tests.platform import INSTRUCTOR, LEARNER, Lms, Member, RunningPlatform
    from learnloop.testing.world import build_world

    world = build_world()
    world.classroom.sourced_id = "section-math-a"
    world.classroom.save(update_fields=["sourced_id"])
    lms = Lms(section_sourced_id="section-math-a")
    lms.members = [Member("t", "Tina", "Teacher", world.teacher.email, [INSTRUCTOR])]
    lms.members += [
        Member(f"s{n}", "S", str(n), f"s{n}@example.org", [LEARNER]) for n in range(args.students)
    ]
    with RunningPlatform(lms):
        urls = lms.urls
        platform = save_platform(
            school=world.school,
            platform=Platform(
                name="Bench LMS",
                issuer=lms.issuer,
                client_id=lms.client_id,
                key_set_url=urls["key_set_url"],
                auth_login_url=urls["auth_login_url"],
                auth_token_url=urls["auth_token_url"],
                create_people=True,
            ),
            deployment_ids=[lms.deployment_id],
        )
        launch_ms = []
        for n in range(args.launches):
            member = lms.members[1 + n % args.students]
            start = time.perf_counter()
            response, _form = launch(Client(), lms, member)
            launch_ms.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 302, response.content
        for member in lms.members[1:]:
            launch(Client(), lms, member)
        link = ResourceLink.objects.get(context__platform=platform)
        learners = Learner.objects.filter(link=link)
        trust_tool(Client(), lms)
        # The link opens no activity, so no score would be computed: stand in a fixed
        # 1/1 for every learner; the queue and the posts are the real ones.
        from learnloop.lti import scores

        scores.score_of = lambda learner: (1.0, 1.0, True)  # type: ignore[assignment]
        start = time.perf_counter()
        report = send_due_scores()
        drain_s = time.perf_counter() - start
        assert report.sent == learners.count() == len(lms.scores), report

    launch_ms.sort()
    print(machine())
    print(f"database: {connection.vendor}")
    rows = [
        [
            "launch (login + auth + launch)",
            str(len(launch_ms)),
            f"{statistics.median(launch_ms):.1f}",
            f"{launch_ms[int(0.95 * (len(launch_ms) - 1))]:.1f}",
        ],
        [
            "send_due_scores (queue + post)",
            str(report.sent),
            f"{drain_s * 1000 / report.sent:.1f} per score",
            f"{drain_s:.2f} s in all",
        ],
    ]
    print(text_table(["what", "n", "median ms", "p95 ms / total"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
