"""An OATutor skill's code is a machine name (`add_fractions`): no page a person reads
shows it; each names the skill in words (standards/naming.py). Checked over the demo's
OATutor class, built from the fixture pool: the pages only a form reaches (a group
suggestion, the align search), then every page its teacher, a student in it and her
guardian reach by following links (`testing.walk`)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.content.models import Activity
from learnloop.demo import algebra
from learnloop.demo.seed import seed_demo
from learnloop.demo.tests.test_algebra_class import POOL, signed_in, use_the_fixture_pool
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.standards.naming import is_readable_code
from learnloop.testing.walk import walk

pytestmark = pytest.mark.django_db

INVISIBLE = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def shown_text(page: str) -> str:
    """What a reader sees: the page without its tags, scripts and styles. A standard's
    own page names its code once, on purpose, for whoever matches it with a CSV or a
    CASE file: that line is left out."""
    text = html.unescape(INVISIBLE.sub(" ", page))
    return re.sub(r"Code in the framework:\s+\S+", "", text)


def machine_codes_in(page: str, machine: list[Standard]) -> list[str]:
    """The machine codes the page shows, and the skills it names twice in a row
    ("Classify equations · Classify equations": the name beside the same statement)."""
    text = shown_text(page)
    shown = [s.code for s in machine if re.search(rf"\b{re.escape(s.code)}\b", text)]
    twice = [
        f"{s.label} twice"
        for s in machine
        if re.search(rf"{re.escape(s.label)}\s*·\s*{re.escape(s.label)}", text)
    ]
    return shown + twice


def test_no_page_shows_a_skill_by_its_machine_code(monkeypatch: pytest.MonkeyPatch) -> None:
    use_the_fixture_pool(monkeypatch)
    with override_settings(LEARNLOOP_DEMO_OATUTOR=POOL):
        seed_demo()
    classroom = Classroom.objects.get(name=algebra.CLASS_NAME)
    every = Standard.objects.filter(framework__in=classroom.frameworks.all())
    machine = [s for s in every if s.code and not is_readable_code(s.code)]
    assert len(machine) >= 2  # the fixture pool's skills are snake_case
    framework = classroom.frameworks.get()
    skills = list(Standard.objects.filter(framework=framework, children__isnull=True))
    teacher = signed_in("santos")
    activity = Activity.objects.filter(standards__in=machine).distinct().first()
    assert activity is not None
    copied = teacher.post(reverse("content_activity_copy", args=[activity.pk]))
    draft = int(copied["Location"].rstrip("/").split("/")[-1])
    maya = classroom.students.get(username="maya")
    # The pool's skills are flat; one holds another, so a page lists a skill's parts too.
    parent, part = machine[0], machine[1]
    part.parent = parent
    part.save(update_fields=["parent"])
    pages = {
        teacher: [
            reverse("teaching_class_dashboard", args=[classroom.pk]),
            reverse("teaching_group_suggest", args=[classroom.pk])
            + "?"
            + "&".join(f"standards={s.pk}" for s in skills if s != parent),
            reverse("teaching_class_mistakes", args=[classroom.pk]),
            reverse("teaching_assignment_new", args=[classroom.pk]),
            reverse("gradebook_class", args=[classroom.pk]),
            reverse("teaching_student_profile", args=[maya.pk]),
            reverse("standards_framework_detail", args=[framework.pk]),
            reverse("standards_standard_detail", args=[framework.pk, parent.pk]),
            reverse("content_activity_preview", args=[activity.pk]),
            reverse("content_activity_standards", args=[draft]) + "?q=fractions",
            reverse("content_library"),
        ],
        signed_in("maya"): [
            reverse("learning_home"),
            reverse("learning_activity_list"),
            reverse("learning_mistakes"),
            reverse("goals_new"),
            *(reverse("learning_standard_detail", args=[s.pk]) for s in machine),
        ],
    }
    for client, urls in pages.items():
        for url in urls:
            page = client.get(url)
            assert page.status_code == 200, url
            shown = machine_codes_in(page.content.decode(), machine)
            assert shown == [], f"{url} shows {shown}"

    # Then every page the three reach by links (the demo seeded once for both checks).
    def check(url: str, page: str) -> list[str]:
        shown = machine_codes_in(page, machine)
        return [f"{url} shows {shown}"] if shown else []

    problems = []
    for username in ("santos", "maya", "lin.chen"):
        reached, found = walk(User.objects.get(username=username), posts=False, on_page=check)
        assert reached >= 4, f"{username} reached only {reached} pages: the walk proves nothing"
        problems += [f"{username}: {problem}" for problem in found]
        print(f"{username}: {reached} pages")  # -s shows how far each walk went
    assert not problems, "\n".join(problems)
