"""An OATutor skill's code is a machine name (`add_fractions`): no page a person reads
shows it; each names the skill in words (standards/naming.py). Walked over the demo's
OATutor class, built from the fixture pool, as its teacher and as a student in it."""

from __future__ import annotations

import html
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from learnloop.content.models import Activity
from learnloop.demo import algebra
from learnloop.demo.seed import seed_demo
from learnloop.demo.tests.test_algebra_class import POOL, signed_in, use_the_fixture_pool
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.standards.naming import is_readable_code

pytestmark = pytest.mark.django_db

INVISIBLE = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def shown_text(page: bytes) -> str:
    """What a reader sees: the page without its tags, scripts and styles."""
    return html.unescape(INVISIBLE.sub(" ", page.decode()))


def test_no_page_shows_a_skill_by_its_machine_code(monkeypatch: pytest.MonkeyPatch) -> None:
    use_the_fixture_pool(monkeypatch)
    with override_settings(LEARNLOOP_DEMO_OATUTOR=POOL):
        seed_demo()
    classroom = Classroom.objects.get(name=algebra.CLASS_NAME)
    framework = classroom.frameworks.get()
    skills = list(Standard.objects.filter(framework=framework, children__isnull=True))
    machine = [s for s in skills if s.code and not is_readable_code(s.code)]
    assert len(machine) >= 2  # the fixture pool's skills are snake_case
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
            # A standard's own page names its code once, on purpose, for whoever matches
            # it with a CSV or a CASE file.
            text = re.sub(r"Code in the framework:\s+\S+", "", shown_text(page.content))
            shown = [s.code for s in machine if re.search(rf"\b{re.escape(s.code)}\b", text)]
            assert shown == [], f"{url} shows {shown}: " + " ".join(text.split())[:600]
