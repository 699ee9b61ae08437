"""Each person reads LearnLoop in their language, with their school's dates and times."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from learnloop.accounts.models import User
from learnloop.testing.world import World
from learnloop.web.locale import SESSION_TIME_ZONE_KEY, PersonLocaleMiddleware


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_sign_in_page_follows_the_browser_language(db: None) -> None:
    page = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content
    assert b'<html lang="es" dir="ltr">' in page
    assert "Iniciar sesión".encode() in page
    english = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content
    assert b'<html lang="en" dir="ltr">' in english


def test_arabic_is_read_right_to_left(db: None) -> None:
    page = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar").content
    assert b'<html lang="ar" dir="rtl">' in page


def test_a_guardian_chooses_spanish_and_keeps_it_on_any_device(world: World) -> None:
    client = _signed_in(world.guardian)
    response = client.post("/language/", {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    world.guardian.refresh_from_db()
    assert world.guardian.language == "es"
    # Another device, whose browser asks for English: the account's choice wins.
    other_device = _signed_in(world.guardian)
    page = other_device.get("/", HTTP_ACCEPT_LANGUAGE="en").content
    assert b'<html lang="es"' in page
    # The teacher of the same child still works in English.
    teacher_page = _signed_in(world.teacher).get("/", HTTP_ACCEPT_LANGUAGE="en").content
    assert b'<html lang="en"' in teacher_page


def test_the_switcher_on_the_sign_in_page_sets_a_cookie(db: None) -> None:
    client = Client()
    response = client.post("/language/", {"language": "ar", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["learnloop_language"].value == "ar"
    assert b'dir="rtl"' in client.get("/accounts/login/").content


def test_an_unknown_language_is_refused_with_the_field_named(world: World) -> None:
    response = _signed_in(world.student).post("/language/", {"language": "xx"})
    assert response.status_code == 400
    assert b"language" in response.content


def test_pages_use_the_school_time_zone(world: World) -> None:
    world.school.time_zone = "America/New_York"
    world.school.save(update_fields=["time_zone"])
    client = _signed_in(world.guardian)  # a guardian has no school: their child's
    assert client.session[SESSION_TIME_ZONE_KEY] == "America/New_York"
    request = RequestFactory().get("/")
    request.user = world.guardian
    request.session = client.session
    seen: list[str] = []

    def page(request: HttpRequest) -> HttpResponse:
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse()

    PersonLocaleMiddleware(page)(request)
    assert seen == ["America/New_York"]
    assert timezone.get_current_timezone_name() == "UTC"


def test_the_javascript_catalogue_is_served_locally(world: World) -> None:
    client = _signed_in(world.student)
    client.post("/language/", {"language": "es"})
    response = client.get("/jsi18n/")
    assert response.status_code == 200
    assert b"Todas tus respuestas est" in response.content  # JSON escapes the accents


def test_a_spanish_reading_family_gets_the_page_and_the_pdf_in_spanish(world: World) -> None:
    world.guardian.language = "es"
    world.guardian.save(update_fields=["language"])
    client = _signed_in(world.guardian)
    page = client.get(f"/family/students/{world.student.pk}/").content.decode()
    assert "Próximos pasos" in page and "Next steps" not in page
    pdf = client.get(f"/family/students/{world.student.pk}/report.pdf")
    assert pdf.status_code == 200
    assert b"Informe de progreso" in pdf.content


def test_numbers_and_dates_follow_the_language(world: World) -> None:
    template = Template("{% load l10n %}{{ value|localize }} {{ day|date:'DATE_FORMAT' }}")
    context = Context({"value": 2.5, "day": dt.date(2026, 12, 7)})
    with translation.override("es"):
        assert template.render(context) == "2,5 7 de diciembre de 2026"
    with translation.override("en"):
        assert template.render(context) == "2.5 Dec. 7, 2026"
