"""JSON endpoint for answers, for pages that post with fetch() and for offline clients.

POST /learn/api/responses  {"client_id", "item_id", "answer", "hints_used"?, "seconds"?,
"activity_id"?} -> the grade, the updated mastery and the next choice board. Errors are
400 with {"errors": {field: message}}; a repeated client_id returns the first result.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from learnloop.learning.access import require_student
from learnloop.learning.selectors import board_for_student
from learnloop.learning.services import AnswerError, record_response
from learnloop.web.middleware import json_body, refusal
from learnloop.web.parsing import BadInput, parse_id, parse_int, parse_optional_id

# Bounds of sense, not of policy: record_response clamps what it stores.
MAX_HINTS_USED = 1_000
MAX_SECONDS = 10**7


def _payload(request: HttpRequest) -> dict[str, Any]:
    """The answer's fields, each parsed the one way (`web.parsing`) or refused by name."""
    data = json_body(request)
    if not isinstance(data, dict):
        raise BadInput("body", "must be a JSON object")
    for field in ("client_id", "item_id", "answer"):
        if field not in data:
            raise BadInput(field, "is required")
    answer = data["answer"]
    if not isinstance(answer, str | int | float | list | None) or isinstance(answer, bool):
        raise BadInput("answer", "must be text, a number, or a list of choices")
    if isinstance(answer, list) and not all(isinstance(part, str) for part in answer):
        raise BadInput("answer", "must list the chosen choices' identifiers as text")
    return {
        "client_id": data["client_id"],
        "item_id": parse_id(data["item_id"], "item_id"),
        "answer": answer,
        "hints_used": parse_int(
            data.get("hints_used", 0), "hints_used", minimum=0, maximum=MAX_HINTS_USED
        ),
        "seconds": parse_int(data.get("seconds", 0), "seconds", minimum=0, maximum=MAX_SECONDS),
        "activity_id": parse_optional_id(data.get("activity_id"), "activity_id"),
    }


@login_required
@require_POST
def post_response(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    try:
        data = _payload(request)
        result = record_response(
            student=student,
            item_id=data["item_id"],
            client_id=data["client_id"],
            answer=data["answer"],
            hints_used=data["hints_used"],
            seconds=data["seconds"],
            activity=data["activity_id"],
        )
    except BadInput as error:
        return refusal(request, error)
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
