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


@login_required
def offline_practice(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    activities = packable_activities_for_student(student, timezone.now())
    return render(request, "learning/offline.html", {"activities": activities})
