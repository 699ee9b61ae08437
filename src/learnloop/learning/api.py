"""JSON endpoint for answers, for pages that post with fetch() and for offline clients.

POST /learn/api/responses  {"client_id", "item_id", "answer", "hints_used"?, "seconds"?,
"activity_id"?} -> the grade, the updated mastery and the next choice board. Errors are
400 with {"errors": {field: message}}; a repeated client_id returns the first result.
A thin adapter: the answer wing parses, checks and answers (`learning.answering`).

GET /learn/api/pack?activity=<id> -> the practice pack of an activity the student may
open (`learning.pack`): 400 naming `activity` when it is not an id, 404/403 as the
activity's page, 403 for a secure activity (a quiz).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from learnloop.learning.access import access_activity_for_student, require_student
from learnloop.learning.answering.parsing import AnswerError, submission_from_json
from learnloop.learning.answering.service import answer_item
from learnloop.learning.pack import SecureActivity, pack_for_student
from learnloop.web.middleware import json_body, refusal
from learnloop.web.parsing import BadInput, parse_id


@login_required
@require_POST
def post_response(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    try:
        outcome = answer_item(student=student, submission=submission_from_json(json_body(request)))
    except BadInput as error:
        return refusal(request, error)
    except AnswerError as error:
        return JsonResponse({"errors": {error.field: error.message}}, status=error.status)
    response = outcome.response
    return JsonResponse(
        {
            "response_id": response.pk,
            "duplicate": outcome.duplicate,
            "correct": response.correct,
            "score": response.score,
            "feedback": outcome.feedback,
            "mastery": [
                {
                    "standard_id": u.standard_id,
                    "mastery": round(u.mastery, 4),
                    "level": u.headline.label,
                    "practice_level": u.level.label,
                }
                for u in outcome.updates
            ],
            "board": [
                {"kind": o.kind, "title": o.title, "reason": o.reason, "activity_id": o.activity_id}
                for o in outcome.board
            ],
        },
        status=200 if outcome.duplicate else 201,
    )


@login_required
@require_GET
def get_pack(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    if "activity" not in request.GET:
        raise BadInput("activity", "is required: the id of the activity to practise offline")
    activity_id = parse_id(request.GET["activity"], "activity")
    try:
        activity = access_activity_for_student(student, activity_id)
    except Http404:
        return JsonResponse({"errors": {"activity": f"no activity {activity_id}"}}, status=404)
    try:
        pack = pack_for_student(student=student, activity=activity, now=timezone.now())
    except SecureActivity:
        message = "is secure (a quiz or a placement check): it is only answered online"
        return JsonResponse({"errors": {"activity": message}}, status=403)
    return JsonResponse(pack)
