"""A class's people pages: its teacher or the school office adds students, resets a
password or picture code, moves or removes a student, and prints sign-in cards.

Thin: access (learnloop.schools.access), form, service (learnloop.schools.class_people,
which checks the actor and every row again), then a redirect, or a page showing new
passwords once (never cached, never kept).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from learnloop.accounts.models import Role, User
from learnloop.schools import class_people
from learnloop.schools.access import access_classroom
from learnloop.schools.forms_people import (
    ExistingStudentForm,
    MoveForm,
    NewStudentForm,
    PasteNamesForm,
)
from learnloop.schools.models import Classroom, PictureCode, RosterChange
from learnloop.schools.quick_sign_in import is_enabled, pictures_of
from learnloop.schools.selectors import classrooms_managed_by, students_for_classroom
from learnloop.schools.services import OfficeError

RECENT_CHANGES = 10


def _refused(form: Form, error: OfficeError, field: str | None = None) -> None:
    target = field or error.field
    form.add_error(target if target in form.fields else None, error.message)


def _student(classroom: Classroom, student_id: int) -> User:
    student = classroom.students.filter(pk=student_id, role=Role.STUDENT).first()
    if student is None:
        raise Http404("No such student in this class.")
    return student


def _move_choices(user: User, classroom: Classroom) -> QuerySet[Classroom]:
    return (
        classrooms_managed_by(user)
        .filter(school_id=classroom.school_id)
        .exclude(pk=classroom.pk)
        .order_by("name")
    )


def _people_page(
    request: HttpRequest, classroom: Classroom, status: int = 200, **forms: Form
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    moves = _move_choices(user, classroom)
    context = {
        "classroom": classroom,
        "students": students_for_classroom(classroom),
        "new_form": forms.get("new_form") or NewStudentForm(),
        "existing_form": forms.get("existing_form") or ExistingStudentForm(),
        "move_form": MoveForm(classrooms=moves),
        "can_move": moves.exists(),
        "quick_enabled": is_enabled(classroom),
        "error": forms.get("error"),
        "changes": RosterChange.objects.filter(classroom=classroom)
        .select_related("person", "actor")
        .order_by("-at", "-pk")[:RECENT_CHANGES],
    }
    return render(request, "schools/people/class_people.html", context, status=status)


def _new_accounts_page(
    request: HttpRequest, classroom: Classroom, accounts: list[class_people.NewAccount], title: str
) -> HttpResponse:
    context = {"classroom": classroom, "accounts": accounts, "title": title}
    return render(request, "schools/people/new_passwords.html", context)


@login_required
def people(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    return _people_page(request, classroom)


@never_cache
@login_required
@require_POST
def add_new(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    form = NewStudentForm(request.POST)
    if form.is_valid():
        try:
            account = class_people.add_new_student(
                actor=request.user,  # type: ignore[arg-type]
                classroom=classroom,
                **form.cleaned_data,
            )
        except OfficeError as error:
            _refused(form, error)
        else:
            return _new_accounts_page(
                request, classroom, [account], f"Added {account.student.name}"
            )
    return _people_page(request, classroom, status=400, new_form=form)


@login_required
@require_POST
def add_existing(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    form = ExistingStudentForm(request.POST)
    if form.is_valid():
        try:
            student = class_people.add_existing_student(
                actor=request.user,  # type: ignore[arg-type]
                classroom=classroom,
                username=form.cleaned_data["existing_username"],
            )
        except OfficeError as error:
            _refused(form, error, "existing_username")
        else:
            messages.success(
                request,
                gettext("Added %(student)s to %(classroom)s.")
                % {"student": student.name, "classroom": classroom.name},
            )
            return redirect("schools_class_people", classroom_id=classroom.pk)
    return _people_page(request, classroom, status=400, existing_form=form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def paste(request: HttpRequest, classroom_id: int) -> HttpResponse:
    """Paste names, see what will be made (preview), then confirm: all of them or none."""
    classroom = access_classroom(request.user, classroom_id)
    form = PasteNamesForm(request.POST or None)
    context: dict[str, Any] = {"classroom": classroom, "form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["names"]
        try:
            if request.POST.get("action") == "confirm":
                accounts = class_people.add_pasted_students(
                    actor=request.user,  # type: ignore[arg-type]
                    classroom=classroom,
                    text=text,
                )
                title = f"Added {len(accounts)} student{'s' if len(accounts) != 1 else ''}"
                return _new_accounts_page(request, classroom, accounts, title)
            context["preview"] = class_people.preview_names(class_people.parse_names(text))
        except OfficeError as error:
            _refused(form, error)
    status = 400 if form.errors else 200
    return render(request, "schools/people/paste.html", context, status=status)


@never_cache
@login_required
@require_POST
def reset_password(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    account = class_people.reset_password(
        actor=request.user,  # type: ignore[arg-type]
        classroom=classroom,
        student=_student(classroom, student_id),
    )
    title = f"New password for {account.student.name}"
    return _new_accounts_page(request, classroom, [account], title)


@login_required
@require_POST
def reset_picture_code(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    student = _student(classroom, student_id)
    class_people.reset_picture_code(
        actor=request.user,  # type: ignore[arg-type]
        classroom=classroom,
        student=student,
    )
    messages.success(
        request,
        gettext("%(name)s has new pictures: print their card below.") % {"name": student.name},
    )
    return redirect("schools_class_cards", classroom_id=classroom.pk)


@login_required
@require_POST
def move(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    student = _student(classroom, student_id)
    user: User = request.user  # type: ignore[assignment]
    form = MoveForm(request.POST, classrooms=_move_choices(user, classroom))
    if form.is_valid():
        to = form.cleaned_data["to"]
        try:
            class_people.move_student(actor=user, classroom=classroom, student=student, to=to)
        except OfficeError as error:
            return _people_page(request, classroom, status=400, error=f"to: {error.message}")
        messages.success(
            request,
            gettext("Moved %(student)s to %(classroom)s; their work moved too.")
            % {"student": student.name, "classroom": to.name},
        )
        return redirect("schools_class_people", classroom_id=classroom.pk)
    return _people_page(request, classroom, status=400, error="to: choose one of your classes.")


@login_required
@require_POST
def remove(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    student = _student(classroom, student_id)
    if request.POST.get("confirm") != "yes":  # the row's button asks first
        context = {"classroom": classroom, "student": student}
        return render(request, "schools/people/remove_confirm.html", context)
    class_people.remove_student(
        actor=request.user,  # type: ignore[arg-type]
        classroom=classroom,
        student=student,
    )
    messages.success(
        request,
        gettext("Removed %(student)s from %(classroom)s. Their account and work stay.")
        % {"student": student.name, "classroom": classroom.name},
    )
    return redirect("schools_class_people", classroom_id=classroom.pk)


@login_required
def cards(request: HttpRequest, classroom_id: int) -> HttpResponse:
    """Printable sign-in cards: name, username, and the picture code where there is one."""
    classroom = access_classroom(request.user, classroom_id)
    codes = {
        code.enrollment.student_id: pictures_of(code.pictures)
        for code in PictureCode.objects.filter(enrollment__classroom=classroom).select_related(
            "enrollment"
        )
    }
    students = [(s, codes.get(s.pk)) for s in students_for_classroom(classroom)]
    context = {"classroom": classroom, "students": students, "quick": is_enabled(classroom)}
    return render(request, "schools/people/cards.html", context)
