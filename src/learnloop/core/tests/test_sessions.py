"""The session store: Django's database sessions, read with one plain-SQL statement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from learnloop.core.sessions import SessionStore
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_it_is_the_configured_store() -> None:
    assert settings.SESSION_ENGINE == "learnloop.core.sessions"


def test_it_reads_what_djangos_store_wrote_in_one_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    written = db.SessionStore()
    written["goal"] = {"standard": 7, "note": "fractions ✓"}
    written.create()
    with django_assert_num_queries(1):
        read = SessionStore(written.session_key)
        assert read["goal"] == {"standard": 7, "note": "fractions ✓"}
    assert read.session_key == written.session_key
    assert dict(db.SessionStore(written.session_key).items()) == dict(read.items())


def test_an_expired_or_unknown_session_is_a_new_empty_one() -> None:
    expired = SessionStore()
    expired["x"] = 1
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    again = SessionStore(expired.session_key)
    assert dict(again.items()) == {} and again.session_key is None
    unknown = SessionStore("a" * 32)
    assert dict(unknown.items()) == {} and unknown.session_key is None


def test_a_session_about_to_expire_still_reads() -> None:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + timedelta(seconds=30)
    )
    assert SessionStore(store.session_key)["x"] == 1


def test_sign_in_and_sign_out_work_through_it(world: World) -> None:
    client = Client()
    client.force_login(world.student)
    assert client.get("/").status_code == 200
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302  # signed out: to the sign-in page
