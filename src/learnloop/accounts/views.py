from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.accounts.access import access_student
from learnloop.schools.selectors import classrooms_for_student


@login_required
def student_overview(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student(request.user, student_id)
    return render(
        request,
        "accounts/student_overview.html",
        {"student": student, "classrooms": classrooms_for_student(student)},
    )
