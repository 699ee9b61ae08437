"""JSON endpoint for answers, for pages that post with fetch() and for offline clients.

POST /learn/api/responses  {"client_id", "item_id", "answer", "hints_used"?, "seconds"?,
"activity_id"?} -> the grade, the updated mastery and the next choice board. Errors are
400 with {"errors": {field: message}}; a repeated client_id returns the first result.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from learnloop.learning.access import require_student
from learnloop.learning.selectors import board_for_student
from learnloop.learning.services import AnswerError, record_response

INT_FIELDS = ("hints_used", "seconds")


def _payload(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise AnswerError("body", f"is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise AnswerError("body", "must be a JSON object")
    for field in ("client_id", "item_id", "answer"):
        if field not in data:
            raise AnswerError(field, "is required")
    for field in INT_FIELDS:
        if field in data and (not isinstance(data[field], int) or data[field] < 0):
            raise AnswerError(field, "must be a whole number, 0 or more")
    if data.get("activity_id") is not None and not isinstance(data["activity_id"], int):
        raise AnswerError("activity_id", "must be a whole number")
    return data


@login_required
@require_POST
def post_response(request: HttpRequest) -> JsonResponse:
    student = require_student(request.user)
    try:
        data = _payload(request)
        result = record_response(
            student=student,
            item_id=data["item_id"],
            client_id=data["client_id"],
            answer=data["answer"],
            hints_used=data.get("hints_used", 0),
            seconds=data.get("seconds", 0),
            activity=data.get("activity_id"),
        )
    except AnswerError as error:
        return JsonResponse({"errors": {error.field: error.message}}, status=error.status)
    response = result.response
    board = board_for_student(student, timezone.now(), snapshot=result.snapshot)
    return JsonResponse(
        {
            "response_id": response.pk,
            "duplicate": result.duplicate,
            "correct": response.correct,
            "score": response.score,
            "feedback": result.feedback,
            "mastery": [
                {
                    "standard_id": u.standard_id,
                    "mastery": round(u.mastery, 4),
                    "level": u.headline.label,
                    "practice_level": u.level.label,
                }
                for u in result.updates
            ],
            "board": [
                {"kind": o.kind, "title": o.title, "reason": o.reason, "activity_id": o.activity_id}
                for o in board
            ],
        },
        status=200 if result.duplicate else 201,
    )
