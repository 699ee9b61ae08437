from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.schools.access import access_classroom
from learnloop.schools.selectors import students_for_classroom


@login_required
def classroom_detail(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    return render(
        request,
        "schools/classroom_detail.html",
        {
            "classroom": classroom,
            "students": students_for_classroom(classroom),
            "teachers": classroom.teachers.all(),
        },
    )
