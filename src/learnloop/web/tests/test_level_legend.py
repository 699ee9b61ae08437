"""Every page that shows mastery levels explains them once (issue 22): the shared legend
`web/_level_legend.html`, and no second, page-made one beside it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learnloop.learning.tests.fixtures import client_for, learning_world
from learnloop.testing.world import World

LEGEND = 'class="level-key"'


def _pages(world: World) -> list[tuple[str, object, str]]:
    lw = learning_world(world)
    standard = lw.standards["6.RP.A.2"]
    student, classroom = world.student.pk, world.classroom.pk
    return [
        ("teacher", world.teacher, reverse("teaching_class_dashboard", args=[classroom])),
        ("teacher", world.teacher, reverse("teaching_student_profile", args=[student])),
        ("teacher", world.teacher, reverse("gradebook_class", args=[classroom])),
        ("teacher", world.teacher, reverse("gradebook_student", args=[student])),
        ("teacher", world.teacher, reverse("gradebook_cell", args=[student, standard.pk])),
        ("student", world.student, reverse("learning_home")),
        ("student", world.student, reverse("learning_standard_detail", args=[standard.pk])),
        ("student", world.student, reverse("gradebook_student", args=[student])),
        ("guardian", world.guardian, reverse("family_student", args=[student])),
        ("guardian", world.guardian, reverse("family_report", args=[student])),
    ]


def test_every_page_with_levels_has_exactly_one_legend(world: World) -> None:
    seen = []
    for role, reader, url in _pages(world):
        response = client_for(reader).get(url)  # type: ignore[arg-type]
        assert response.status_code == 200, (role, url)
        page = response.content.decode()
        assert "level--" in page, f"{url} shows no level: it does not belong in this list"
        seen.append((role, url, page.count(LEGEND), "level-legend" in page))
    assert [(role, url) for role, url, count, extra in seen if count != 1 or extra] == []


def test_the_heatmap_legend_names_the_cells_short_forms(world: World) -> None:
    learning_world(world)
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    page = client_for(world.teacher).get(url).content.decode()
    legend = page[page.index(LEGEND) : page.index("</details>", page.index(LEGEND))]
    for short, name in (("M", "Mastered"), ("P", "Proficient"), ("Pr", "Practicing")):
        assert f"<strong>{short}</strong> {name}" in legend


@pytest.mark.parametrize("template", ["learning/_mastery_map.html", "family/_map.html"])
def test_the_maps_keep_no_second_legend(template: str) -> None:
    from django.template.loader import get_template

    source = get_template(template).template.source
    assert source.count("web/_level_legend.html") == 1 and "level-legend" not in source
