"""The tool against an independent LMS on 127.0.0.1: launch, deep link, scores, members.

The LMS (platform.py) signs and checks with `cryptography` alone; the tool uses
PyLTI1p3. Every token crosses between them as the specification says it does: the
id_token in a form post, the deep-linking answer in a form post, scores and membership
over HTTP with OAuth 2 client-credentials tokens.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.test import Client
from django.utils import timezone

from learnloop.content.models import Activity, Item, Status
from learnloop.content.tests.factories import make_activity, make_item
from learnloop.learning.answering.parsing import AnswerSubmission
from learnloop.learning.answering.service import answer_item
from learnloop.lti.keys import rotate_key
from learnloop.lti.members import sync_all_classes
from learnloop.lti.models import Context, Identity, Learner, PendingScore, Platform
from learnloop.lti.scores import send_due_scores
from learnloop.lti.tests.conftest import launch, trust_tool
from learnloop.lti.tests.platform import INSTRUCTOR, LEARNER, Lms, Member
from learnloop.testing.world import World


def _published_activity(world: World, items: int = 2) -> Activity:
    activity = make_activity(world.teacher, items=[make_item(world.teacher) for _ in range(items)])
    Activity.objects.filter(pk=activity.pk).update(status=Status.PUBLISHED)
    Item.objects.filter(entries__activity=activity).update(status=Status.PUBLISHED)
    return activity


def test_a_student_launch_opens_my_learning_matched_to_the_rostered_student(
    world: World, lms: Lms, registration: Platform
) -> None:
    client = Client()
    response, _form = launch(client, lms, lms.members[1])
    assert response.status_code == 302
    assert response["Location"] == "/learn/"
    assert client.get("/learn/").context["user"] == world.student
    identity = Identity.objects.get(platform=registration, subject="lms-s-1")
    assert identity.user == world.student
    assert Context.objects.get(platform=registration).classroom == world.classroom


def test_a_teacher_launch_opens_the_class_dashboard(
    world: World, lms: Lms, registration: Platform
) -> None:
    response, _form = launch(Client(), lms, lms.members[0])
    assert response["Location"] == f"/teaching/classes/{world.classroom.pk}/"


def test_deep_linking_puts_chosen_activities_into_the_lms_and_a_launch_opens_one(
    world: World, lms: Lms, registration: Platform
) -> None:
    activity = _published_activity(world)
    teacher = Client()
    response, _form = launch(teacher, lms, lms.members[0], message_type="LtiDeepLinkingRequest")
    assert response["Location"] == "/lti/deep-link/"
    picker = teacher.get("/lti/deep-link/")
    assert activity.title in picker.content.decode()
    answer = teacher.post("/lti/deep-link/", {"activity": [activity.pk]})
    assert answer.status_code == 200
    assert answer.context["return_url"] == f"{lms.base_url}/deep-link-return"
    trust_tool(teacher, lms)
    items = lms.receive_deep_link(answer.context["token"])
    assert [(i["type"], i["title"], i["custom"]) for i in items] == [
        ("ltiResourceLink", activity.title, {"activity_id": str(activity.pk)})
    ]
    assert items[0]["lineItem"]["scoreMaximum"] == 10
    # The LMS now places the link; a student's launch carries its custom parameters.
    student = Client()
    response, _form = launch(student, lms, lms.members[1], custom=items[0]["custom"])
    assert response["Location"] == f"/learn/activities/{activity.pk}/"


def test_scores_reach_the_lms_gradebook_and_a_failure_is_retried(
    world: World, lms: Lms, registration: Platform
) -> None:
    activity = _published_activity(world, items=2)
    launch(Client(), lms, lms.members[1], custom={"activity_id": str(activity.pk)})
    assert Learner.objects.count() == 1
    item = activity.entries.order_by("position").first().item
    answer_item(
        student=world.student,
        submission=AnswerSubmission(
            item_id=item.pk, client_id=uuid.uuid4(), answer="4.5", activity_id=activity.pk
        ),
    )
    trust_tool(Client(), lms)
    lms.refuse_scores = 1
    first = send_due_scores()
    assert (first.queued, first.sent, first.failed) == (1, 0, 1)
    pending = PendingScore.objects.get()
    assert pending.attempts == 1
    assert "LtiServiceException" in pending.last_error
    assert send_due_scores().sent == 0  # not yet due: backing off
    later = timezone.now() + dt.timedelta(minutes=5)
    assert send_due_scores(now=later).sent == 1
    (score,) = lms.scores
    assert score["userId"] == "lms-s-1"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (1.0, 2.0)
    assert score["activityProgress"] == "InProgress"
    assert score["gradingProgress"] == "FullyGraded"
    assert send_due_scores(now=later).queued == 0  # unchanged: nothing new to send


def test_membership_sync_enrols_the_courses_members(
    world: World, lms: Lms, registration: Platform
) -> None:
    launch(Client(), lms, lms.members[0])
    newcomer = world.other_student
    lms.members.append(Member("lms-s-2", "Olga", "Student", newcomer.email, [LEARNER]))
    lms.members.append(
        Member("lms-x", "Gone", "Away", "gone@example.org", [LEARNER], status="Inactive")
    )
    trust_tool(Client(), lms)
    report = sync_all_classes()
    assert report.failed == [] and report.classes == 1
    assert world.classroom.students.filter(pk=newcomer.pk).exists()
    assert report.skipped == 1  # inactive


def test_a_replayed_launch_is_refused(world: World, lms: Lms, registration: Platform) -> None:
    client = Client()
    first, form = launch(client, lms, lms.members[1])
    assert first.status_code == 302
    again = client.post("/lti/launch/", form)
    assert again.status_code == 403
    assert "already used" in again.content.decode()


def test_an_expired_token_is_refused(world: World, lms: Lms, registration: Platform) -> None:
    response, _form = launch(Client(), lms, lms.members[1], expires_in=-60)
    assert response.status_code == 403
    assert "expired" in response.content.decode().lower()


def test_a_wrong_deployment_is_refused(world: World, lms: Lms, registration: Platform) -> None:
    response, _form = launch(Client(), lms, lms.members[1], deployment_id="not-registered")
    assert response.status_code == 403
    assert "deployment" in response.content.decode()


def test_a_launch_works_after_the_platform_rotates_its_key(
    world: World, lms: Lms, registration: Platform
) -> None:
    assert launch(Client(), lms, lms.members[1])[0].status_code == 302
    old_kid = lms.keys[0].kid
    lms.rotate_key()
    assert lms.keys[0].kid != old_kid
    assert launch(Client(), lms, lms.members[1])[0].status_code == 302


def test_the_tool_key_rotation_keeps_the_old_key_published(
    world: World, lms: Lms, registration: Platform
) -> None:
    client = Client()
    before = {key["kid"] for key in client.get("/lti/jwks/").json()["keys"]}
    rotate_key()
    after = {key["kid"] for key in client.get("/lti/jwks/").json()["keys"]}
    assert before < after and len(after) == 2
    # The LMS, holding the new set, accepts the tool's service tokens signed by the new key.
    launch(Client(), lms, lms.members[0])
    trust_tool(client, lms)
    assert sync_all_classes().failed == []
    gone = timezone.now() + dt.timedelta(days=8)
    rotate_key(now=gone)
    assert before.isdisjoint({k["kid"] for k in client.get("/lti/jwks/").json()["keys"]})


def test_a_person_not_rostered_is_refused_unless_the_school_creates_people(
    world: World, lms: Lms, registration: Platform
) -> None:
    stranger = Member("lms-s-9", "Nina", "New", "nina@example.org", [LEARNER])
    lms.members.append(stranger)
    refused, _form = launch(Client(), lms, stranger)
    assert refused.status_code == 403
    Platform.objects.filter(pk=registration.pk).update(create_people=True)
    created, _form = launch(Client(), lms, stranger)
    assert created.status_code == 302
    user = Identity.objects.get(subject="lms-s-9").user
    assert (user.role, user.school, user.first_name) == ("student", world.school, "Nina")
    assert world.classroom.students.filter(pk=user.pk).exists()


def test_a_teacher_in_a_new_course_gets_a_new_class_when_the_school_allows_it(
    world: World, lms: Lms, registration: Platform
) -> None:
    lms.section_sourced_id = ""
    lms.context_id = "course-new"
    refused, _form = launch(Client(), lms, lms.members[0])
    assert refused.status_code == 403
    Platform.objects.filter(pk=registration.pk).update(create_people=True)
    created, _form = launch(Client(), lms, lms.members[0])
    classroom = Context.objects.get(context_id="course-new").classroom
    assert created["Location"] == f"/teaching/classes/{classroom.pk}/"
    assert classroom.teachers.filter(pk=world.teacher.pk).exists()
    assert INSTRUCTOR


def test_the_whole_journey_deep_link_launch_practise_grade(
    world: World, lms: Lms, registration: Platform
) -> None:
    """Issue 20's 'done when' for LTI: added by deep linking, practised, graded in the LMS."""
    activity = _published_activity(world, items=2)
    teacher = Client()
    launch(teacher, lms, lms.members[0], message_type="LtiDeepLinkingRequest")
    answer = teacher.post("/lti/deep-link/", {"activity": [activity.pk]})
    trust_tool(teacher, lms)
    (placed,) = lms.receive_deep_link(answer.context["token"])
    student = Client()
    response, _form = launch(student, lms, lms.members[1], custom=placed["custom"])
    assert student.get(response["Location"]).status_code == 200
    for entry in activity.entries.all():
        answered = student.post(
            "/learn/api/responses",
            {
                "client_id": str(uuid.uuid4()),
                "item_id": entry.item_id,
                "answer": "4.5",
                "activity_id": activity.pk,
            },
            content_type="application/json",
        )
        assert answered.status_code == 201, answered.content
    assert send_due_scores().sent == 1
    (score,) = lms.scores
    assert (score["scoreGiven"], score["scoreMaximum"], score["activityProgress"]) == (
        2.0,
        2.0,
        "Completed",
    )


def test_the_deep_linking_answer_may_post_to_the_lms_under_the_content_policy(
    world: World, lms: Lms, registration: Platform
) -> None:
    activity = _published_activity(world)
    teacher = Client()
    launch(teacher, lms, lms.members[0], message_type="LtiDeepLinkingRequest")
    answer = teacher.post("/lti/deep-link/", {"activity": [activity.pk]})
    policy = answer["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if "form-action" in d)
    assert lms.base_url in form_action and "'self'" in form_action
    assert "<script" not in answer.content.decode().split("</head>", 1)[1]
