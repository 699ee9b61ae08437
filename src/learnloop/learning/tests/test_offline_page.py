"""The offline practice page: what it offers to download."""

from __future__ import annotations

from django.test import Client

from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import ActivityKind, Modality, Status
from learnloop.content.services import create_activity
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World


def test_the_offline_page_lists_practice_to_download_but_never_a_quiz(
    world: World, lw: LearningWorld
) -> None:
    quiz = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(kind=ActivityKind.QUIZ, title="Unit rates quiz", modality=Modality.DO),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    response = _signed_in(world.student).get("/learn/offline/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-download="{lw.practice.pk}"' in page
    assert f'data-download="{quiz.pk}"' not in page
    assert f'data-download="{lw.lesson.pk}"' not in page  # a lesson has no items
    assert "<script>" not in page and "<style" not in page


def test_the_offline_page_is_a_students_own(world: World, lw: LearningWorld) -> None:
    assert _signed_in(world.teacher).get("/learn/offline/").status_code == 403
    other = _signed_in(world.other_student).get("/learn/offline/")
    assert other.status_code == 200
    assert f'data-download="{lw.practice.pk}"' not in other.content.decode()


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_offline_page_names_the_students_classes_for_class_packs(
    world: World, lw: LearningWorld
) -> None:
    page = _signed_in(world.student).get("/learn/offline/").content.decode()
    assert f'data-classrooms="{world.classroom.pk}"' in page  # its class packs, no other's
    assert "data-class-packs hidden" in page
    other = _signed_in(world.other_student).get("/learn/offline/").content.decode()
    assert f'data-classrooms="{world.classroom.pk}"' not in other


def test_the_class_dashboard_offers_to_keep_the_class_pack_on_the_device(
    world: World, lw: LearningWorld
) -> None:
    page = _signed_in(world.teacher).get(f"/teaching/classes/{world.classroom.pk}/")
    html = page.content.decode()
    assert f'data-pack-url="/teaching/classes/{world.classroom.pk}/pack/"' in html
    assert "data-keep-class-pack>Keep this class" in html and "data-forget-class-pack" in html
    assert "teaching/class_device.mjs" in html
    # The box's words for the device's state: its date, and Refresh once it holds some.
    assert 'data-held="This device holds this class\'s practice from %(date)s."' in html
    assert 'data-refresh="Refresh this class\'s practice on this device"' in html
    assert 'id="class-device"' in html  # where the picture sign-in's teacher link lands


def test_the_offline_page_tells_a_student_how_old_the_class_practice_is(
    world: World, lw: LearningWorld
) -> None:
    page = _signed_in(world.student).get("/learn/offline/").content.decode()
    assert "if it looks old, ask your teacher to refresh it" in page
    spanish = _signed_in(world.student).get("/learn/offline/", HTTP_ACCEPT_LANGUAGE="es")
    assert "pide a tu docente que la actualice" in spanish.content.decode()
