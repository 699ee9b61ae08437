"""Click through the demo school as each demo sign-in, following every link, and check that
no one reads a private record the reading rules keep from them.

After the seed, Maya does what made the agenda leak: she asks for a conference (its
agenda quotes her reflection and help message and lists her goals) and then lets one
goal go. Every private record in the database (reflections, help messages, let-go
goals, private notes, pieces not shared with family) is then looked for, by its opening
words, on every page each person reaches from their home page by following links.
"""

from __future__ import annotations

import re
import uuid
from collections import deque
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from learnloop.accounts.models import User
from learnloop.conferences.models import ConferenceNote, Visibility
from learnloop.conferences.services import request_conference
from learnloop.demo.seed import DEMO_SIGN_INS, seed_demo
from learnloop.goals.models import Goal, GoalStatus, HelpRequest, Reflection
from learnloop.goals.services import abandon_goal
from learnloop.portfolio.models import Artifact
from learnloop.privacy.rules import Record, may_read, reader_of
from learnloop.privacy.tests.private_records import SELF_ASSESSMENT_SIGNS, pdf_text

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')
NOT_FOLLOWED = ("/admin/", "/accounts/logout", "/static/", "/media/", "/privacy/")
MAX_PAGES = 250
SNIPPET = 28


def _snippet(text: str) -> str:
    return " ".join(text.split())[:SNIPPET]


def private_texts() -> Iterator[tuple[Record, User, str]]:
    for reflection in Reflection.objects.select_related("student"):
        yield Record.REFLECTION, reflection.student, _snippet(reflection.text)
    for help_request in HelpRequest.objects.exclude(message="").select_related("student"):
        yield Record.HELP_MESSAGE, help_request.student, _snippet(help_request.message)
    for goal in Goal.objects.filter(status=GoalStatus.ABANDONED).select_related("student"):
        yield Record.LET_GO_GOAL, goal.student, _snippet(goal.title)
    notes = ConferenceNote.objects.filter(visibility=Visibility.PRIVATE)
    for note in notes.select_related("conference__student"):
        yield Record.PRIVATE_NOTE, note.conference.student, _snippet(note.text)
    for artifact in Artifact.objects.filter(shared_with_family=False).select_related("student"):
        yield Record.UNSHARED_ARTIFACT, artifact.student, _snippet(artifact.title)


def pages_about(student: User) -> list[str]:
    """Where a link from somewhere else (an e-mail, a colleague) could take anyone."""
    names = [
        "teaching_student_profile", "conferences_student", "goals_student", "family_student",
        "family_report", "family_report_pdf", "portfolio_student", "gradebook_student",
    ]  # fmt: skip
    urls = [reverse(name, args=[student.pk]) for name in names]
    urls += [
        reverse("conferences_detail", args=[pk])
        for pk in student.conferences.values_list("pk", flat=True)
    ]
    urls += [
        reverse("portfolio_artifact", args=[pk])
        for pk in student.artifacts.values_list("pk", flat=True)
    ]
    return urls


def crawl(client: Client, start: list[str]) -> Iterator[tuple[str, str]]:
    """(url, text) of every page reachable from `start` by following links."""
    queue, seen = deque(start), set(start)
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        response = client.get(url, follow=True)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/pdf"):
            yield url, pdf_text(response.content)
            continue
        if getattr(response, "streaming", False) or not content_type.startswith("text/"):
            continue
        text = response.content.decode("utf-8", errors="replace")
        yield url, text
        for link in LINK.findall(text):
            if link not in seen and not link.startswith(NOT_FOLLOWED):
                seen.add(link)
                queue.append(link)


@pytest.mark.django_db
def test_each_demo_person_reads_only_what_the_rules_allow() -> None:
    demo = seed_demo()
    maya = demo.person("maya")
    assert maya is not None
    goals = list(Goal.objects.filter(student=maya, status=GoalStatus.ACTIVE))
    request_conference(
        student=maya, teacher=demo.person("rivera"), requested_by=maya,  # type: ignore[arg-type]
        topic="Can we talk about my goals?", client_id=uuid.uuid4(),
    )  # fmt: skip
    abandon_goal(goal=goals[-1])
    records = list(private_texts())
    assert {record for record, _, _ in records} == {
        Record.REFLECTION, Record.HELP_MESSAGE, Record.LET_GO_GOAL,
        Record.PRIVATE_NOTE, Record.UNSHARED_ARTIFACT,
    }  # fmt: skip
    leaks, found_by = [], {}
    for _, username in DEMO_SIGN_INS:
        person = User.objects.get(username=username)
        client = Client()
        client.force_login(person)
        allowed = {
            text: may_read(reader_of(person, student), record) for record, student, text in records
        }
        reads_ratings = may_read(reader_of(person, maya), Record.SELF_ASSESSMENT)  # only Maya rates
        found: set[str] = set()
        pages = 0
        for url, page in crawl(client, ["/", *pages_about(maya)]):
            pages += 1
            for text, may in allowed.items():
                if text in page or escape(text) in page:
                    found.add(text)
                    if not may:
                        leaks.append(f"{username} reads “{text}” on {url}")
            if not reads_ratings and SELF_ASSESSMENT_SIGNS.search(page):
                leaks.append(f"{username} reads a self-assessment on {url}")
        assert pages >= 4, f"{username} reached only {pages} pages"
        found_by[username] = found
    assert not leaks, "\n".join(leaks)
    # The rules' other side: Maya's teacher finds her reflection, help message and the
    # goal she let go (the crawl reaches the pages that hold them).
    teacher_only = (Record.REFLECTION, Record.HELP_MESSAGE, Record.LET_GO_GOAL)
    mayas = {
        text for record, student, text in records if student == maya and record in teacher_only
    }
    assert mayas <= found_by["rivera"]
