"""The weekly family digest: sent over real SMTP (a local aiosmtpd server), once per
week, with what the guardian chose, in the family's voice, and unsubscribed in one click."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.family.models import DigestDelivery, DigestFrequency, DigestPreference
from learnloop.family.services import save_digest_preference, send_due_digests
from learnloop.family.tokens import unsubscribe_token
from learnloop.learning.answering.service import record_response
from learnloop.learning.models import MasteryState
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.smtp import Inbox
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def practise(world: World) -> None:
    lw = portfolio_world(world).learning
    record_response(student=world.student, item_id=lw.items[0].pk,
                    client_id=uuid.uuid4(), answer="3")  # fmt: skip


def body(message: Any, kind: str = "plain") -> str:
    return message.get_body(preferencelist=(kind,)).get_content()


def test_each_guardian_gets_this_weeks_digest_by_smtp_once(
    world: World, smtp_server: Inbox
) -> None:
    practise(world)
    first = send_due_digests()
    assert first.sent == [world.guardian.username, world.other_guardian.username]
    to_guardian = [m for m in smtp_server.messages if m["To"] == world.guardian.email]
    assert len(to_guardian) == 1
    message = to_guardian[0]
    assert message["Subject"] == "Sam's week on LearnLoop"
    text = body(message)
    assert "Sam answered 1 question." in text and "Worked on:" in text
    assert "My recipe card" in text or "Poster" in text  # work shared with family
    assert "Draft slides" not in text  # not shared
    assert "Olga" not in text and "omar" not in text.lower()
    assert "You " not in text  # speaks to the family, never to the child
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/family/unsubscribe/" in message["List-Unsubscribe"]
    assert "<h2" in body(message, "html")

    again = send_due_digests()  # the same week: nothing more
    assert again.sent == [] and len(smtp_server.messages) == len(first.sent)
    assert DigestDelivery.objects.filter(guardian=world.guardian).count() == 1


def test_the_next_digest_names_levels_that_moved(world: World, smtp_server: Inbox) -> None:
    practise(world)
    send_due_digests()
    state = MasteryState.objects.filter(student=world.student).first()
    assert state is not None
    state.combined_level = state.level = 3
    state.save(update_fields=["combined_level", "level"])
    next_week = timezone.now() + dt.timedelta(days=7)
    run = send_due_digests(now=next_week)
    assert world.guardian.username in run.sent
    text = body([m for m in smtp_server.messages if m["To"] == world.guardian.email][-1])
    assert f"{state.standard.code}: " in text and "→ Proficient" in text


def test_an_arabic_digest_reads_right_to_left(world: World, smtp_server: Inbox) -> None:
    """The arrow between two levels points the way Arabic reads (←), the HTML part says
    dir="rtl", and each standard code stays left to right inside the sentence."""
    world.guardian.language = "ar"
    world.guardian.save(update_fields=["language"])
    practise(world)
    send_due_digests()
    state = MasteryState.objects.filter(student=world.student).first()
    assert state is not None
    state.combined_level = state.level = 3
    state.save(update_fields=["combined_level", "level"])
    send_due_digests(now=timezone.now() + dt.timedelta(days=7))
    message = [m for m in smtp_server.messages if m["To"] == world.guardian.email][-1]
    text, html = body(message), body(message, "html")
    code = state.standard.code
    assert f"- \u200e\u2066{code}\u2069\u200e: " in text
    assert "\u2190" in text and "\u2192" not in text
    assert '<html lang="ar" dir="rtl">' in html
    assert f'<bdi dir="ltr">{code}</bdi>' in html
    assert "\u2190" in html and "\u2192" not in html


def test_guardians_choose_how_often_and_what(world: World, smtp_server: Inbox) -> None:
    practise(world)
    save_digest_preference(guardian=world.guardian, frequency=DigestFrequency.FORTNIGHTLY,
                           sections={"goals", "conference"})  # fmt: skip
    send_due_digests()
    text = body(next(m for m in smtp_server.messages if m["To"] == world.guardian.email))
    assert "answered" not in text and "shared with you" not in text
    assert (
        world.guardian.username
        not in send_due_digests(now=timezone.now() + dt.timedelta(days=7)).sent
    )
    assert (
        world.guardian.username in send_due_digests(now=timezone.now() + dt.timedelta(days=14)).sent
    )


def test_a_guardian_without_email_or_child_is_skipped(world: World, smtp_server: Inbox) -> None:
    world.guardian.email = ""
    world.guardian.save(update_fields=["email"])
    run = send_due_digests()
    assert world.guardian.username in run.skipped and world.guardian.username not in run.sent


def test_a_refused_send_leaves_no_row_and_is_retried(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    run = send_due_digests()
    assert world.guardian.username in run.failed
    assert not DigestDelivery.objects.filter(guardian=world.guardian).exists()


def test_the_digest_is_written_in_the_guardians_language(world: World) -> None:
    from learnloop.family.digest import preference_for
    from learnloop.family.email import digest_message

    world.guardian.language = "es"  # accounts' per-person language, where it is stored
    message = digest_message(world.guardian, preference_for(world.guardian), [], timezone.now())
    assert message.extra_headers["Content-Language"] == "es"


def test_one_click_unsubscribes_without_signing_in(world: World, smtp_server: Inbox) -> None:
    url = reverse("family_unsubscribe", args=[unsubscribe_token(world.guardian)])
    page = Client().get(url)
    assert page.status_code == 200 and "You are unsubscribed" in page.content.decode()
    assert DigestPreference.objects.get(guardian=world.guardian).frequency == "never"
    assert world.guardian.username not in send_due_digests().sent
    Client(enforce_csrf_checks=True).post(url, {"resubscribe": "weekly"})  # undo, or a mail app
    assert DigestPreference.objects.get(guardian=world.guardian).frequency == "weekly"
    one_click = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert DigestPreference.objects.get(guardian=world.guardian).frequency == "never"


@pytest.mark.parametrize(
    "token",
    ["nonsense", signing.dumps({"guardian": 1}, salt="another"), "a" * 300],
    ids=["nonsense", "signed-for-another-purpose", "too-long"],  # stable names (xdist)
)
def test_a_broken_or_forged_token_changes_nothing(world: World, token: str) -> None:
    page = Client().get(reverse("family_unsubscribe", args=[token]))
    assert page.status_code == 404 and "not recognized" in page.content.decode()
    assert not DigestPreference.objects.exists()


def test_a_token_for_a_student_is_refused(world: World) -> None:
    token = signing.dumps({"guardian": world.student.pk}, salt="learnloop.family.unsubscribe")
    assert Client().get(reverse("family_unsubscribe", args=[token])).status_code == 404


def test_the_preferences_page_saves_choices(world: World) -> None:
    client = Client()
    client.force_login(world.guardian)
    url = reverse("family_digest_preferences")
    page = client.get(url).content.decode()
    assert "Every two weeks" in page and "Sam Student" in page
    client.post(url, {"frequency": "monthly", "sections": ["levels", "goals"]})
    preference = DigestPreference.objects.get(guardian=world.guardian)
    assert preference.frequency == "monthly" and preference.include_levels
    assert not preference.include_practice and not preference.include_shared_work
    refused = client.post(url, {"frequency": "hourly"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()


@pytest.mark.parametrize(
    ("language", "answered", "meeting"),
    [
        ("en", "Sam answered 1,234 questions.", "meet on Monday 7 December 2026, 09:30."),
        ("es", "Sam respondió 1.234 preguntas.", "el lunes 7 de diciembre de 2026, 09:30."),
    ],
)
def test_the_digest_reads_counts_and_times_as_the_family_reads_them(
    world: World, language: str, answered: str, meeting: str
) -> None:
    from learnloop.family.digest import ChildDigest, NextConference, preference_for
    from learnloop.family.email import digest_message

    world.school.time_zone = "America/New_York"  # the job has no session: the school's zone
    world.school.save(update_fields=["time_zone"])
    world.student.refresh_from_db()
    world.guardian.language = language
    when = dt.datetime(2026, 12, 7, 14, 30, tzinfo=dt.UTC)  # 09:30 in New York
    child = ChildDigest(
        student=world.student, answers=1234, practised=[], moves=[], goals=[], shared=[],
        conference=NextConference(when=when, teacher_name="Ms Rivera"),
    )  # fmt: skip
    message = digest_message(world.guardian, preference_for(world.guardian), [child], when)
    for text in (message.body, message.alternatives[0][0]):
        assert answered in text and meeting in text
