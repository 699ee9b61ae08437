"""Standards pages through Django's test client: list, tree with search, a standard's page."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from learnloop.standards.demo_framework import ensure_demo_framework
from learnloop.standards.models import Framework
from learnloop.standards.selectors import standard_by_code
from learnloop.standards.services import adopt_framework, import_case
from learnloop.standards.tests.factories import DOC_ID, association, item_id, tiny_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world) -> Framework:
    framework = ensure_demo_framework()
    adopt_framework(classroom=world.classroom, framework=framework)
    return framework


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def standard_url(framework: Framework, code: str) -> str:
    standard = standard_by_code(framework, code)
    return reverse("standards_standard_detail", args=[framework.pk, standard.pk])


def test_list_shows_students_only_the_frameworks_their_classes_follow(client, world, demo):
    other = import_case(data=tiny_package(), source="tiny.json").framework
    url = reverse("standards_framework_list")
    teacher_page = page(client, world.teacher, url)
    assert demo.title in teacher_page and other.title in teacher_page
    assert "32 standards" in teacher_page
    student_page = page(client, world.student, url)
    assert demo.title in student_page and other.title not in student_page
    assert demo.title not in page(client, world.other_student, url)


def test_guardians_and_strangers_are_kept_out(client, world, demo):
    url = reverse("standards_framework_detail", args=[demo.pk])
    client.force_login(world.guardian)
    assert client.get(url).status_code == 403
    client.force_login(world.other_student)  # their class does not follow it
    assert client.get(url).status_code == 403
    client.logout()
    assert "login" in client.get(url)["Location"]


def test_tree_is_nested_details_with_every_leaf_linked(client, world, demo):
    html = page(client, world.teacher, reverse("standards_framework_detail", args=[demo.pk]))
    tree = html[html.index("<main") : html.index("</main>")]  # not the phone menu's disclosure
    assert tree.count("<details") == 17  # the groupings; the 15 leaves are links
    assert html.count('class="std-tree__leaf"') == 15
    assert standard_url(demo, "6.RP.A.3.c") in html


def test_search_highlights_matches_and_shows_their_path(client, world, demo):
    url = reverse("standards_framework_detail", args=[demo.pk]) + "?q=unit+rate"
    html = page(client, world.teacher, url)
    assert "3 matches for “unit rate”" in html  # 6.RP.A.2, 6.RP.A.3.b, 7.RP.A.1
    assert "find the <mark>unit</mark> <mark>rate</mark> a/b" in html
    assert "6.RP › 6.RP.A</p>" in html
    assert "7.RP › 7.RP.A</p>" in html
    by_code = page(client, world.teacher, url.replace("unit+rate", "6.rp.a.3"))
    assert "5 matches for “6.rp.a.3”" in by_code and "<mark>6.RP.A.3</mark>.d" in by_code


def test_search_escapes_the_query(client, world, demo):
    url = reverse("standards_framework_detail", args=[demo.pk]) + "?q=%3Cscript%3E"
    html = page(client, world.teacher, url)
    assert "<script>" not in html and "&lt;script&gt;" in html and "0 matches" in html


@pytest.mark.parametrize("size", [5, 60])
def test_tree_and_search_do_not_grow_queries_with_size(
    client, world, django_assert_num_queries, size: int
):
    package = tiny_package()
    for n in range(10, 10 + size):
        package["CFItems"].append({"identifier": item_id(n), "fullStatement": f"Leaf {n} rate"})
        package["CFAssociations"].append(association(n + 100, "isChildOf", item_id(n), item_id(4)))
    framework = import_case(data=package, source="big.json").framework
    url = reverse("standards_framework_detail", args=[framework.pk]) + "?q=rate"
    client.force_login(world.teacher)
    # session + user, framework, all standards in one query; nothing per standard.
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    leaves = response.content.decode().count('class="std-tree__leaf"')
    assert leaves == size + 2  # A.1, A.2 and B's new children


def test_standard_page_shows_path_prerequisites_dependents_and_links(client, world, demo):
    html = page(client, world.student, standard_url(demo, "6.RP.A.2"))
    assert '<h1><span class="std-code std-code--big"><bdi dir="ltr">6.RP.A.2</bdi></span>' in html
    assert "I can find the unit rate" in html and "Grade 6 ·" in html
    assert html.index(">6.RP</a>") < html.index(">6.RP.A</a>")  # the path, top first
    builds_on = html[html.index("Builds on") : html.index("Leads to")]
    assert standard_url(demo, "6.RP.A.1") in builds_on
    leads_to = html[html.index("Leads to") : html.index("Links to other frameworks")]
    assert (
        standard_url(demo, "6.RP.A.3.b") in leads_to and standard_url(demo, "7.RP.A.1") in leads_to
    )
    assert 'href="http://corestandards.org/Math/Content/6/RP/A/2/"' in html
    assert "CCSS.MATH.CONTENT.6.RP.A.2" in html


def test_group_page_lists_its_children(client, world, demo):
    html = page(client, world.teacher, standard_url(demo, "6.RP.A.3"))
    assert "Inside 6.RP.A.3" in html and standard_url(demo, "6.RP.A.3.d") in html


def test_standard_of_another_framework_is_not_found(client, world, demo):
    other = import_case(data=tiny_package(), source="tiny.json").framework
    standard = other.standards.first()
    client.force_login(world.teacher)
    url = reverse("standards_standard_detail", args=[demo.pk, standard.pk])
    assert client.get(url).status_code == 404


def test_only_visible_published_activities_are_listed(client, world, demo):
    activity_model = apps.get_model("content", "Activity")
    unit_rate = standard_by_code(demo, "6.RP.A.2")
    rows = [
        ("Shared unit-rate lesson", "published", None),
        ("Our school's unit-rate project", "published", world.school),
        ("Unfinished draft", "draft", world.school),
        ("Another school's practice", "published", world.other_school),
    ]
    for title, status, school in rows:
        activity = activity_model.objects.create(
            title=title, kind="lesson", status=status, school=school
        )
        activity.standards.add(unit_rate)
    html = page(client, world.teacher, standard_url(demo, "6.RP.A.2"))
    assert "Shared unit-rate lesson" in html and "Our school&#x27;s unit-rate project" in html
    assert "Unfinished draft" not in html and "Another school" not in html
    assert "Lesson" in html


def test_cross_link_into_a_held_framework_is_a_page_link(client, world):
    package = tiny_package()
    package["CFAssociations"].append(association(7, "isRelatedTo", item_id(4), item_id(2)))
    framework = import_case(data=package, source="tiny.json").framework
    html = page(client, world.teacher, standard_url(framework, "A.1"))
    assert "target of isRelatedTo from" in html and standard_url(framework, "B") in html
    assert DOC_ID not in html
