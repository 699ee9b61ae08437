"""Goals pages through the real stack: role and object checks, errors naming the field."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.goals.models import Goal, GoalKind, GoalStatus, HelpRequest, Reflection
from learnloop.goals.services import abandon_goal, add_reflection, ask_for_help, request_cosign
from learnloop.goals.tests.factories import CODE, goal_of, habit_of, help_request_of, in_days
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.tests.helpers import answer
from learnloop.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_goal_data(lw: LearningWorld, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "client_id": str(uuid.uuid4()),
        "title": "Show I can find unit rates",
        "kind": GoalKind.STANDARDS,
        "target_on": in_days(20).isoformat(),
        "standards": [lw.standards[CODE].pk],
        "weekly_minutes": "",
    }
    return data | overrides


def test_set_a_standards_goal_once(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    page = client.get(reverse("goals_new")).content.decode()
    assert f'value="{lw.standards[CODE].pk}"' in page and "<legend>Kind of goal</legend>" in page
    data = new_goal_data(lw)
    response = client.post(reverse("goals_new"), data)
    assert response.status_code == 302 and response["Location"] == reverse("goals_home")
    client.post(reverse("goals_new"), data)  # the same page submitted twice
    goal = Goal.objects.get()
    assert goal.title == "Show I can find unit rates"
    assert list(goal.standards.values_list("code", flat=True)) == [CODE]
    home = client.get(reverse("goals_home")).content.decode()
    assert "Show I can find unit rates" in home and "0 of 1 standard proficient" in home


def test_set_a_habit_goal(world: World, lw: LearningWorld) -> None:
    data = new_goal_data(lw, kind=GoalKind.HABIT, weekly_minutes="45", standards=[])
    client_for(world.student).post(reverse("goals_new"), data)
    assert Goal.objects.get().weekly_minutes == 45


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"title": ""}, "My goal: say in your own words what you want to do."),
        ({"target_on": "2001-01-01"}, "Target date: choose a day after today."),
        ({"target_on": "soon"}, "Target date: enter a date"),
        ({"standards": []}, "Standards: tick at least one standard."),
        ({"standards": [999999]}, "Standards: choose standards from your classes."),
        ({"kind": GoalKind.HABIT, "standards": []}, "Minutes a week: say how many minutes"),
        ({"kind": GoalKind.HABIT, "weekly_minutes": "5000"}, "Minutes a week: enter a number"),
    ],
)
def test_bad_goals_show_an_error_naming_the_field(
    world: World, lw: LearningWorld, overrides: dict[str, object], error: str
) -> None:
    response = client_for(world.student).post(reverse("goals_new"), new_goal_data(lw, **overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Goal.objects.exists()


def test_find_filters_standards_and_keeps_what_was_typed(world: World, lw: LearningWorld) -> None:
    data = new_goal_data(lw, q="ratio language", find="1", standards=[lw.standards[CODE].pk])
    response = client_for(world.student).post(reverse("goals_new"), data)
    page = response.content.decode()
    assert response.status_code == 200 and not Goal.objects.exists()
    assert 'value="Show I can find unit rates"' in page
    assert "6.RP.A.1 — Ratio language" in page  # matched
    assert f"{CODE} — Unit rate" in page  # kept: it was ticked
    assert "6.RP.A.3.a" not in page
    assert f'value="{data["client_id"]}"' in page


def test_home_shows_only_my_goals_with_reflections(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    add_reflection(student=world.student, goal=goal, text="Tables help", client_id=uuid.uuid4())
    habit_of(world, student=world.other_student)
    page = client_for(world.student).get(reverse("goals_home")).content.decode()
    assert goal.title in page and "Tables help" in page and "Practice every day" not in page
    other = client_for(world.other_student).get(reverse("goals_home")).content.decode()
    assert goal.title not in other and "Practice every day" in other


@pytest.mark.parametrize("name", ["goals_achieve", "goals_abandon", "goals_request_cosign"])
def test_only_the_owner_changes_a_goal(world: World, lw: LearningWorld, name: str) -> None:
    goal = goal_of(world)
    assert client_for(world.other_student).post(reverse(name, args=[goal.pk])).status_code == 403
    assert client_for(world.student).post(reverse(name, args=[999999])).status_code == 404
    response = client_for(world.student).post(reverse(name, args=[goal.pk]))
    assert response.status_code == 302
    goal.refresh_from_db()
    changed = {
        "goals_achieve": goal.status == GoalStatus.ACHIEVED,
        "goals_abandon": goal.status == GoalStatus.ABANDONED,
        "goals_request_cosign": goal.cosign_pending,
    }
    assert changed[name]


def test_a_closed_goal_says_why_it_cannot_change(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    abandon_goal(goal=goal)
    response = client_for(world.student).post(reverse("goals_achieve", args=[goal.pk]), follow=True)
    assert "This goal is already let go." in response.content.decode()


def test_reflect_once_on_my_goal(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    data = {"client_id": str(uuid.uuid4()), "goal": goal.pk, "text": "Tables help me"}
    client = client_for(world.student)
    assert client.post(reverse("goals_reflect"), data).status_code == 302
    client.post(reverse("goals_reflect"), data)
    reflection = Reflection.objects.get()
    assert reflection.goal == goal and reflection.text == "Tables help me"


def test_bad_reflections(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    empty = client.post(reverse("goals_reflect"), {"client_id": str(uuid.uuid4()), "text": " "})
    assert empty.status_code == 400
    assert "Reflection: write a few words first." in empty.content.decode()
    theirs = habit_of(world, student=world.other_student)
    data = {"client_id": str(uuid.uuid4()), "goal": theirs.pk, "text": "Mine now"}
    assert client.post(reverse("goals_reflect"), data).status_code == 403
    assert not Reflection.objects.exists()


def test_rate_a_standard_and_see_the_note(world: World, lw: LearningWorld) -> None:
    standard = lw.standards[CODE]
    client = client_for(world.student)
    url = reverse("learning_standard_detail", args=[standard.pk])
    page = client.get(url).content.decode()
    assert '<legend>How well can I do <bdi dir="ltr">6.RP.A.2</bdi> (unit rate)?</legend>' in page
    assert "Not rated yet" in page and "I need help" in page
    data = {"client_id": str(uuid.uuid4()), "rating": "4", "next": url}
    response = client.post(reverse("goals_rate", args=[standard.pk]), data)
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "4 of 4 · I can teach it" in page
    assert "You rated yourself 4 but you haven&#x27;t practiced this yet" in page


def test_bad_ratings_and_unsafe_next(world: World, lw: LearningWorld) -> None:
    standard = lw.standards[CODE]
    client = client_for(world.student)
    url = reverse("goals_rate", args=[standard.pk])
    bad = client.post(url, {"client_id": str(uuid.uuid4()), "rating": "9"})
    assert bad.status_code == 400
    assert "I can …: choose one of the four steps, from 1 to 4." in bad.content.decode()
    cluster = client.post(
        reverse("goals_rate", args=[standard.parent_id]),
        {"client_id": str(uuid.uuid4()), "rating": "2"},
    )
    assert cluster.status_code == 400
    assert "Standard: rate a standard from your classes." in cluster.content.decode()
    data = {"client_id": str(uuid.uuid4()), "rating": "2", "next": "//evil.example/"}
    response = client.post(url, data)
    assert response["Location"] == reverse("learning_standard_detail", args=[standard.pk])


def test_i_need_help_reaches_the_teacher_once(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    data = {"message": "Unit price confuses me", "standard": lw.standards[CODE].pk, "next": "/"}
    first = client.post(reverse("goals_help"), data, follow=True).content.decode()
    assert "Your teacher has been told." in first and "Your teacher knows you asked" in first
    again = client.post(reverse("goals_help"), data, follow=True).content.decode()
    assert "Your teacher has been told (sent" in again
    assert HelpRequest.objects.count() == 1
    inbox = client_for(world.teacher).get(reverse("goals_teacher")).content.decode()
    assert "Unit price confuses me" in inbox and "6.RP.A.2" in inbox
    assert "Unit price confuses me" not in (
        client_for(world.other_teacher).get(reverse("goals_teacher")).content.decode()
    )
    home = client_for(world.teacher).get(reverse("home")).content.decode()
    assert "asked for help" in home and "Unit price confuses me" in home


def test_help_checks_the_standard_and_the_message(world: World, lw: LearningWorld) -> None:
    client = client_for(world.other_student)
    response = client.post(reverse("goals_help"), {"standard": lw.standards[CODE].pk})
    assert response.status_code == 403
    long = client.post(reverse("goals_help"), {"message": "x" * 281}, follow=True)
    assert "Message: keep it to 280 characters." in long.content.decode()
    assert not HelpRequest.objects.exists()


def test_one_help_request_can_name_several_topics(world: World, lw: LearningWorld) -> None:
    topics = [lw.standards[CODE], lw.standards["6.RP.A.1"]]
    client = client_for(world.student)
    data = {"topic": [s.pk for s in topics], "activity": lw.practice.pk, "next": "/"}
    page = client.post(reverse("goals_help"), data, follow=True).content.decode()
    assert "Your teacher knows you asked" in page
    assert '<bdi dir="ltr">6.RP.A.1</bdi>, <bdi dir="ltr">6.RP.A.2</bdi>' in page
    (help_request,) = HelpRequest.objects.all()
    assert set(help_request.standards.all()) == set(topics)
    assert help_request.standard in topics
    inbox = client_for(world.teacher).get(reverse("goals_teacher")).content.decode()
    assert '<bdi dir="ltr">6.RP.A.1</bdi>, <bdi dir="ltr">6.RP.A.2</bdi>' in inbox


def test_a_help_topic_is_checked_like_the_standard(world: World, lw: LearningWorld) -> None:
    client = client_for(world.other_student)
    assert client.post(reverse("goals_help"), {"topic": lw.standards[CODE].pk}).status_code == 403
    bad = client_for(world.student).post(reverse("goals_help"), {"topic": "two"})
    assert bad.status_code == 400 and "topic" in bad.content.decode()
    assert not HelpRequest.objects.exists()


def test_teacher_cosigns_and_marks_helped(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    request_cosign(goal=goal)
    help_request = help_request_of(world)
    outsider = client_for(world.other_teacher)
    assert outsider.post(reverse("goals_cosign", args=[goal.pk])).status_code == 403
    assert outsider.post(reverse("goals_help_resolve", args=[help_request.pk])).status_code == 403
    teacher = client_for(world.teacher)
    page = teacher.get(reverse("goals_teacher")).content.decode()
    assert goal.title in page and "Stuck on rates" in page
    response = teacher.post(reverse("goals_cosign", args=[goal.pk]), {"comment": "Yes!"})
    assert response["Location"] == reverse("goals_teacher")
    teacher.post(reverse("goals_help_resolve", args=[help_request.pk]))
    goal.refresh_from_db()
    help_request.refresh_from_db()
    assert goal.cosigned_by == world.teacher and goal.cosign_comment == "Yes!"
    assert help_request.resolved_by == world.teacher
    mine = client_for(world.student).get(reverse("goals_home")).content.decode()
    assert "Co-signed by Tina Teacher" in mine and "“Yes!”" in mine


def test_cosign_comment_too_long(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    response = client_for(world.teacher).post(
        reverse("goals_cosign", args=[goal.pk]), {"comment": "x" * 301}, follow=True
    )
    assert "Comment: keep it to 300 characters." in response.content.decode()
    goal.refresh_from_db()
    assert goal.cosigned_at is None


def test_who_reads_a_students_goals(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    dropped = goal_of(world, "dropped")
    abandon_goal(goal=dropped)
    add_reflection(student=world.student, goal=goal, text="PRIVATE thought", client_id=uuid.uuid4())
    url = reverse("goals_student", args=[world.student.pk])
    for user in (world.teacher, world.student):
        page = client_for(user).get(url).content.decode()
        assert goal.title in page and dropped.title in page and "PRIVATE thought" in page
    for user in (world.guardian, world.admin):
        page = client_for(user).get(url).content.decode()
        assert goal.title in page
        assert dropped.title not in page and "PRIVATE thought" not in page
    assert client_for(world.other_guardian).get(url).status_code == 403


def test_my_learning_shows_goals_and_help(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    for _ in range(8):
        answer(world.student, lw, True)
    page = client_for(world.student).get(reverse("home")).content.decode()
    assert goal.title in page and "1 of 1 standard proficient or better" in page
    assert "You got there!" in page and "I need help" in page
    ask_for_help(student=world.student)
    page = client_for(world.student).get(reverse("home")).content.decode()
    assert "Your teacher knows you asked for help" in page


def test_the_help_notice_is_whole_sentences_in_every_language(
    world: World, lw: LearningWorld
) -> None:
    """Not fragments glued by the page ("· on" ... ". Keep going"): each sentence is one
    catalogue entry, so Spanish and Arabic order their own words."""
    topics = [lw.standards["6.RP.A.1"], lw.standards["6.RP.A.2"]]
    ask_for_help(student=world.student, topics=topics)
    english = client_for(world.student).get(reverse("home")).content.decode()
    assert "Your teacher knows you asked for help.</strong>" in english
    assert (
        'You asked about <bdi dir="ltr">6.RP.A.1</bdi>, <bdi dir="ltr">6.RP.A.2</bdi> (now).'
        in english
    )
    assert "Keep going with something you can do while you wait." in english
    assert "</span>." not in english and "· on" not in english
    client = client_for(world.student)
    for language, words in [
        ("es", ("Tu docente sabe que pediste ayuda.", 'Preguntaste por <bdi dir="ltr">6.RP')),
        ("ar", ("يعرف معلّمك أنك طلبت المساعدة.", "سألت عن ", '</bdi>، <bdi dir="ltr">')),
    ]:
        client.post(reverse("choose_language"), {"language": language, "next": "/"})
        page = client.get(reverse("home")).content.decode()
        assert all(word in page for word in words), language


@pytest.mark.parametrize("count", [1, 6])
def test_my_learning_queries_do_not_grow_with_goals(
    world: World, lw: LearningWorld, count: int
) -> None:
    for index in range(count):
        goal_of(world, f"goal-{index}")
        habit_of(world, minutes=10 + index)
    client = client_for(world.student)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home")).content.decode()
    assert page.count('class="progress"') == 2 * count
    assert len(captured) == MY_LEARNING_QUERIES


# The same for 2 goals and 12 (one: the goal standards; one: news; one: the placement
# card, placement.integrations: the checks live in their own table, which no other
# statement of the page reads, and joining them onto a learning statement would make the
# host know a lender).
MY_LEARNING_QUERIES = 22


def test_help_from_an_activity_names_it_for_the_teacher(world: World, lw: LearningWorld) -> None:
    client_for(world.student).post(reverse("goals_help"), {"activity": lw.practice.pk})
    assert HelpRequest.objects.get().activity == lw.practice
    page = client_for(world.teacher).get(reverse("goals_teacher")).content.decode()
    assert "Unit rates practice" in page and "“I need help”" in page


def test_an_activity_page_offers_help_about_that_activity(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    url = reverse("learning_activity_detail", args=[lw.practice.pk])
    page = client.get(url).content.decode()
    assert f'<input type="hidden" name="activity" value="{lw.practice.pk}">' in page
    response = client.post(reverse("goals_help"), {"activity": lw.practice.pk, "next": url})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert (
        "Your teacher knows you asked for help" in page
        and "You asked about Unit rates practice (" in page
    )
    assert 'name="activity"' not in page
