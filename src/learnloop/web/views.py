"""The role-aware home page, the health check and friendly error pages."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from learnloop.accounts.models import Role
from learnloop.learning.page_extras import TEACHER_HOME, cards_for
from learnloop.learning.views import my_learning
from learnloop.schools.quick_sign_in import quick_device_classroom_id
from learnloop.schools.selectors import (
    children_for_guardian,
    classrooms_for_teacher,
    school_overview,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = getattr(user, "role", None)
    if role == Role.TEACHER:
        classrooms = classrooms_for_teacher(user)
        # A classroom device set up for one of their classes' picture sign-in: offer to
        # keep that class's practice on it (docs/learning.md).
        device_class = quick_device_classroom_id(request)
        context = {
            "classrooms": classrooms,
            "cards": cards_for(TEACHER_HOME, teacher=user),
            "device_classroom": None
            if device_class is None
            else next((c for c in classrooms if c.pk == device_class), None),
        }
        return render(request, "web/home_teacher.html", context)
    if role == Role.GUARDIAN:
        return render(request, "web/home_guardian.html", {"children": children_for_guardian(user)})
    if role == Role.SCHOOL_ADMIN and user.school is not None:
        context = {"school": user.school, **school_overview(user.school)}
        return render(request, "web/home_admin.html", context)
    if role == Role.STUDENT:
        return my_learning(request)
    return render(request, "web/home_other.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


OPENAPI = Path(__file__).with_name("openapi.json")


def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI description of the JSON API, as kept in the repository (web/openapi.json)."""
    return HttpResponse(OPENAPI.read_bytes(), content_type="application/json")
