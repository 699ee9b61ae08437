"""A framework whose codes hold odd digits imports, and every page that orders by code renders.

"6.RP.²" used to import and then break every page of the class on int("²"); "①" broke
the import itself.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.standards.models import Standard
from learnloop.standards.services import adopt_framework, import_case
from learnloop.standards.tests.factories import tiny_package
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

ODD_CODES = {1: "6.RP.²", 2: "①", 3: "٣.RP..A", 4: ""}


def _odd_framework(world: World) -> None:
    package = tiny_package()
    for index, code in ODD_CODES.items():
        package["CFItems"][index - 1]["humanCodingScheme"] = code
    framework = import_case(data=package, source="odd-codes.json").framework
    adopt_framework(classroom=world.classroom, framework=framework)


def test_pages_that_order_standards_by_code_render(world: World) -> None:
    _odd_framework(world)
    assert set(Standard.objects.values_list("code", flat=True)) == set(ODD_CODES.values())
    teacher, student = Client(), Client()
    teacher.force_login(world.teacher)
    student.force_login(world.student)
    pages = [
        (teacher, reverse("teaching_class_dashboard", args=[world.classroom.pk])),
        (teacher, reverse("gradebook_class", args=[world.classroom.pk])),
        (teacher, reverse("teaching_student_profile", args=[world.student.pk])),
        (student, reverse("learning_home")),
        (student, reverse("goals_home")),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    leaf = Standard.objects.get(code="٣.RP..A")
    assert student.get(reverse("learning_standard_detail", args=[leaf.pk])).status_code == 200
