"""GET /teaching/classes/<id>/pack/: the class's practice pack, a JSON file to download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from learnloop.teaching.access import access_classroom_as_teacher
from learnloop.teaching.class_pack import pack_for_classroom


@login_required
@require_GET
def class_pack(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom_as_teacher(request.user, classroom_id)
    response = JsonResponse(pack_for_classroom(classroom=classroom, now=timezone.now()))
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.pk}-pack.json"'
    response["Cache-Control"] = "private, no-store"
    return response
