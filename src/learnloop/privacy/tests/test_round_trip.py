"""Export then delete: every model with the student's rows is in the zip, and after the
deletion no row anywhere points at the student; only the audit record remains.

The checks walk every installed model, so an app added later is checked too: give it
data below (`student_everywhere`) and the assertions cover it without edits.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client

from learnloop.accounts.models import User
from learnloop.conferences.models import Owner, Visibility
from learnloop.conferences.services import add_action, add_note, request_conference
from learnloop.goals.services import (
    add_reflection,
    ask_for_help,
    cosign_goal,
    rate_standard,
    resolve_help_request,
)
from learnloop.goals.tests.factories import goal_of
from learnloop.gradebook.services import override_grade, record_observation
from learnloop.learning.answering.service import record_response
from learnloop.learning.models import PracticeSession
from learnloop.learning.practice import open_session
from learnloop.learning.services import set_interests
from learnloop.portfolio.services import add_feedback, score_artifact
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.portfolio.tests.test_services import levels_by_points
from learnloop.privacy.collect import generic_pointers
from learnloop.privacy.models import DataRightsAction, DataRightsRecord
from learnloop.privacy.references import subject_reference
from learnloop.privacy.services import PrivacyError, delete_student_data, export_student_data
from learnloop.testing.world import World


def student_everywhere(world: World, student: User) -> Path:
    """Rows about `student` in every app that exists; returns their uploaded file's path."""
    pw = portfolio_world(world)
    lw = pw.learning
    standard = lw.standards["6.RP.A.2"]
    ending = record_response(
        student=student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
    ).response
    ended = open_session(student=student, activity=lw.practice)  # ended by that answer
    PracticeSession.objects.filter(pk=ended.pk).update(
        finished_at=ending.created_at, end_reason="items_done", ended_by_id=ending.pk
    )
    open_session(student=student, activity=lw.practice)
    set_interests(student=student, interests=["sports"], allowed={"sports"})
    conference = request_conference(
        student=student, teacher=world.teacher, requested_by=student, topic="Ratios",
        client_id=uuid.uuid4(),
    )  # fmt: skip
    add_note(conference=conference, author=student, text="I want harder work.",
             visibility=Visibility.SHARED, client_id=uuid.uuid4())  # fmt: skip
    add_action(conference=conference, owner=Owner.STUDENT, title="Try the project",
               client_id=uuid.uuid4())  # fmt: skip
    record_observation(observer=world.teacher, student=student, standard=standard, level=3,
                       client_id=uuid.uuid4())  # fmt: skip
    override_grade(teacher=world.teacher, student=student, standard=standard, level=3,
                   reason="Shown in class")  # fmt: skip
    score_artifact(
        artifact=pw.shared,
        scorer=world.teacher,
        levels=levels_by_points(pw.shared, {"Uses unit rates": 3, "Communicates": 2}),
    )
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(), text="Good")
    goal = goal_of(world)
    cosign_goal(goal=goal, teacher=world.teacher, comment="Go for it")
    add_reflection(student=student, goal=goal, text="Tables help", client_id=uuid.uuid4())
    rate_standard(student=student, standard=standard, rating=3, client_id=uuid.uuid4())
    helped, _ = ask_for_help(student=student, message="Stuck", standard=standard)
    resolve_help_request(help_request=helped, by=world.teacher)
    ask_for_help(student=student, message="Stuck again")
    LogEntry.objects.create(
        user=world.admin, content_type=ContentType.objects.get_for_model(User),
        object_id=str(student.pk), object_repr=student.name, action_flag=CHANGE,
    )  # fmt: skip
    Client().force_login(student)  # a database session holding the student's id
    return Path(pw.picture.file.path)


def references_to(user_id: int) -> dict[str, int]:
    """Rows of any model that point at the user: foreign keys, many-to-many, generic."""
    found: dict[str, int] = {}
    user_type = ContentType.objects.get_for_model(User)
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                count = model._default_manager.filter(**{field.attname: user_id}).count()
                if count:
                    found[f"{model._meta.label}:{field.name}"] = count
        for ct_field, id_field in generic_pointers(model):
            count = model._default_manager.filter(
                **{ct_field: user_type, id_field: str(user_id)}
            ).count()
            if count:
                found[f"{model._meta.label}:{id_field}"] = count
    if User.objects.filter(pk=user_id).exists():
        found["accounts.User:pk"] = 1
    return found


def models_pointing_at(user_id: int) -> set[str]:
    return {key.split(":")[0] for key in references_to(user_id)}


def read_zip(chunks: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(chunks))


def test_export_then_delete_leaves_only_the_audit_record(
    world: World, django_capture_on_commit_callbacks
) -> None:
    student = world.student
    student_id = student.pk
    picture = student_everywhere(world, student)
    other_before = references_to(world.other_student.pk)

    export = export_student_data(student=student, performed_by=world.admin)
    archive = read_zip(b"".join(export.chunks()))
    names = set(archive.namelist())
    exported = {
        n.removeprefix("data/").removesuffix(".json")
        for n in names
        if n.endswith(".json") and n.startswith("data/")
    }
    direct = models_pointing_at(student_id)
    assert direct <= exported, (
        f"models with the student's rows missing from the export: {direct - exported}"
    )
    expected = {
        "accounts.User", "accounts.GuardianLink", "schools.Enrollment", "learning.Response",
        "learning.MasteryState", "learning.PracticeSession", "learning.LearnerProfile",
        "conferences.Conference", "conferences.ConferenceNote", "conferences.AgreedAction",
        "gradebook.Observation", "gradebook.GradeOverride", "portfolio.Artifact",
        "portfolio.RubricScore", "portfolio.CriterionScore", "portfolio.Feedback",
        "portfolio.GuardianComment", "admin.LogEntry", "goals.Goal", "goals.Reflection",
        "goals.SelfAssessment", "goals.HelpRequest",
    }  # fmt: skip
    assert expected <= exported
    assert all(f"data/{label}.csv" in names for label in exported)
    users = json.loads(archive.read("data/accounts.User.json"))
    assert [u["username"] for u in users] == ["sam_student"]
    assert "password" not in users[0]
    assert f"files/portfolio.Artifact/{world._portfolio.picture.pk}-{picture.name}" in names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["rows"]["learning.Response"] == 1
    assert manifest["rows"]["goals.HelpRequest"] == 2
    assert "Tables help" in archive.read("data/goals.Reflection.csv").decode()

    with django_capture_on_commit_callbacks(execute=True):
        deleted = delete_student_data(
            student=student, performed_by=world.admin, confirmation="sam_student"
        )

    assert references_to(student_id) == {}
    assert not picture.exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(student_id)
    ]
    assert references_to(world.other_student.pk) == other_before
    assert User.objects.filter(pk=world.guardian.pk).exists()
    records = list(DataRightsRecord.objects.order_by("pk"))
    assert [r.action for r in records] == [DataRightsAction.EXPORT, DataRightsAction.DELETE]
    assert deleted.subject_reference == subject_reference(student_id)
    assert deleted.row_counts["learning.Response"] == 1
    assert deleted.row_counts["goals.Goal"] == 1 and deleted.row_counts["goals.SelfAssessment"] == 1
    assert deleted.performed_by_name == world.admin.name and deleted.file_count == 1
    assert "sam" not in json.dumps(deleted.row_counts).lower()
    for field in DataRightsRecord._meta.concrete_fields:
        assert field.related_model is not User or getattr(deleted, field.attname) != student_id


def test_deletion_needs_the_username_typed(world: World) -> None:
    with pytest.raises(PrivacyError, match="type the username sam_student"):
        delete_student_data(student=world.student, performed_by=world.admin, confirmation="sam")
    assert User.objects.filter(pk=world.student.pk).exists()
    assert not DataRightsRecord.objects.exists()
