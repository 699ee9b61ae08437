"""The offline practice page: download practice packs, then practice with or without a
connection. The page is a shell the service worker keeps; the packs and the queue of
answers live in the browser (IndexedDB), and `learning/offline/practice.mjs` grades in
the browser with the same rules as the server (content/grading_golden.json)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from learnloop.learning.access import require_student
from learnloop.learning.pack import packable_activities_for_student
from learnloop.schools.models import Enrollment


@login_required
def offline_practice(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    activities = packable_activities_for_student(student, timezone.now())
    # The student's classes: the page offers the class packs a teacher kept on this
    # device for them (docs/learning.md, "A class pack on a shared device").
    classrooms = sorted(
        Enrollment.objects.filter(student=student).values_list("classroom_id", flat=True)
    )
    context = {"activities": activities, "classrooms": ",".join(map(str, classrooms))}
    return render(request, "learning/offline.html", context)
