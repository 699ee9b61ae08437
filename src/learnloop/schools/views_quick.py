"""Quick class sign-in pages (shared computer) and the teacher's page that turns it on."""

from __future__ import annotations

from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from learnloop.accounts.models import Role, User
from learnloop.schools.access import access_classroom
from learnloop.schools.models import Classroom, PictureCode
from learnloop.schools.quick_sign_in import (
    BY_NUMBER,
    CODE_LENGTH,
    PICTURES,
    QUICK_DEVICE_COOKIE,
    QUICK_DEVICE_MAX_AGE,
    pictures_of,
    renew_picture_codes,
    set_quick_sign_in,
)

# One legend and one "missing" message per picture of the code (CODE_LENGTH of them).
SLOT_LEGENDS = (
    gettext_lazy("First picture"),
    gettext_lazy("Second picture"),
    gettext_lazy("Third picture"),
)
MISSING = (
    gettext_lazy("Choose the first picture."),
    gettext_lazy("Choose the second picture."),
    gettext_lazy("Choose the third picture."),
)
NUMBERS = frozenset(str(number) for number in BY_NUMBER)


def _open_classroom(classroom_id: int) -> Classroom:
    classroom = (
        Classroom.objects.select_related("school")
        .filter(pk=classroom_id, quick_sign_in__enabled=True)
        .first()
    )
    if classroom is None:
        raise Http404("Quick sign-in is not on for this class.")
    return classroom


def quick_classes(request: HttpRequest) -> HttpResponse:
    classrooms = (
        Classroom.objects.filter(quick_sign_in__enabled=True)
        .select_related("school")
        .order_by("school__name", "name")
    )
    return render(request, "schools/quick/classes.html", {"classrooms": classrooms})


def quick_students(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = _open_classroom(classroom_id)
    students = classroom.students.filter(role=Role.STUDENT, is_active=True).order_by(
        "first_name", "last_name"
    )
    response = render(
        request, "schools/quick/students.html", {"classroom": classroom, "students": students}
    )
    return _remember_class(response, classroom)


def _remember_class(response: HttpResponse, classroom: Classroom) -> HttpResponse:
    """This device shows the class's picture sign-in: remember it for the teacher's offer."""
    response.set_cookie(
        QUICK_DEVICE_COOKIE,
        str(classroom.pk),
        max_age=QUICK_DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "POST"])
def quick_pictures(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = _open_classroom(classroom_id)
    student = classroom.students.filter(pk=student_id, role=Role.STUDENT).first()
    if student is None:
        raise Http404("No such student in this class.")
    context = {"classroom": classroom, "student": student, "slots": _slots(request)}
    if request.method == "GET":
        return render(request, "schools/quick/pictures.html", context)
    chosen, missing = _chosen(request)
    if missing is not None:
        context["error"] = MISSING[missing]
        return render(request, "schools/quick/pictures.html", context, status=400)
    user = authenticate(
        request, username=student.username, classroom_id=classroom.pk, pictures=chosen
    )
    if user is None:
        context["error"] = gettext("Those pictures do not match. Try again, or ask your teacher.")
        return render(request, "schools/quick/pictures.html", context)
    login(request, user)
    return redirect("home")


def _slots(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"field": f"picture_{n + 1}", "legend": SLOT_LEGENDS[n], "pictures": PICTURES}
        for n in range(CODE_LENGTH)
    ]


def _chosen(request: HttpRequest) -> tuple[str, int | None]:
    """The code posted ("3-7-1"), or the index of the first missing or bad picture."""
    numbers = []
    for n in range(CODE_LENGTH):
        raw = request.POST.get(f"picture_{n + 1}", "")
        if raw not in NUMBERS:  # "1".."9" only: str.isdigit() also takes "①" and "٣"
            return "", n
        numbers.append(raw)
    return "-".join(numbers), None


@login_required
@require_http_methods(["GET", "POST"])
def quick_sign_in_settings(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ("enable", "disable", "renew"):
            context = _settings_context(classroom)
            context["error"] = gettext("Choose enable, disable or renew.")
            return render(request, "schools/quick/settings.html", context, status=400)
        if action == "renew":
            renew_picture_codes(classroom=classroom)
        else:
            set_quick_sign_in(classroom=classroom, enabled=action == "enable")
        return redirect("schools_quick_sign_in_settings", classroom_id=classroom.pk)
    return render(request, "schools/quick/settings.html", _settings_context(classroom))


def _settings_context(classroom: Classroom) -> dict[str, object]:
    codes = (
        PictureCode.objects.filter(enrollment__classroom=classroom)
        .select_related("enrollment__student")
        .order_by("enrollment__student__first_name", "enrollment__student__last_name")
    )
    setting = getattr(classroom, "quick_sign_in", None)
    students: list[tuple[User, list]] = [
        (code.enrollment.student, pictures_of(code.pictures)) for code in codes
    ]
    return {
        "classroom": classroom,
        "enabled": bool(setting and setting.enabled),
        "students": students,
        "without_code": classroom.students.count() - len(students),
    }
