"""JSON endpoint for answers, for pages that post with fetch() and for offline clients.

POST /learn/api/responses  {"client_id", "item_id", "answer", "hints_used"?, "seconds"?,
"activity_id"?, "scaffolds_used"?, "solution_shown"?, "retry_of"?} -> the grade, the
updated mastery and the next choice board; `retry_of` (the client_id of a wrong first
try) makes it that item's second try, as on the page: graded on the first try's
instance, half credit, not evidence. Errors are 400 with {"errors": {field: message}};
a repeated client_id returns the first result. With "client_time" (an offline queue
sending one by one where a server has no batch endpoint) the answer is a batch of one:
the batch's clock rules and flags apply.
A thin adapter: the answer wing parses, checks and answers (`learning.answering`).

GET /learn/api/pack?activity=<id> -> the practice pack of an activity the student may
open (`learning.pack`): 400 naming `activity` when it is not an id, 404/403 as the
activity's page, 403 for a secure activity (a quiz).
POST /learn/api/answers/batch  {"answers": [{"client_id", "item", "answer", "client_time",
"activity"}, ...]} -> per answer stored / duplicate / refused (with its reason), the
touched standards' mastery and the next board (docs/learning.md, "Syncing a batch").
GET /learn/api/sync-status -> the newest answer time the server holds, and the count.
Thin adapters: the answer wing parses, checks and answers (`learning.answering`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from learnloop.accounts.models import User
from learnloop.engine.practice_policy import may_try_again
from learnloop.engine.recommend import Option
from learnloop.learning.access import access_activity_for_student, require_student
from learnloop.learning.answering import batch_queries, queries
from learnloop.learning.answering.batch import Reason, Status, SyncResult, answer_batch
from learnloop.learning.answering.batch_parsing import batch_from_json, timed_answer_from_json
from learnloop.learning.answering.parsing import AnswerError, submission_from_json
from learnloop.learning.answering.service import (
    CORRECT_FEEDBACK,
    REPEAT_WRONG_FEEDBACK,
    answer_item,
)
from learnloop.learning.engine_state import SkillUpdate
from learnloop.learning.pack import SecureActivity, pack_for_student
from learnloop.web.middleware import json_body, refusal
from learnloop.web.parsing import BadInput, parse_id


@login_required
@require_POST
def post_response(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    body = json_body(request)
    if isinstance(body, dict) and "client_time" in body:
        return _post_timed_response(request, student, body)
    try:
        outcome = answer_item(student=student, submission=submission_from_json(body))
    except BadInput as error:
        return refusal(request, error)
    except AnswerError as error:
        return JsonResponse({"errors": {error.field: error.message}}, status=error.status)
    except IntegrityError:  # two second tries of one first try at once: one is stored
        message = gettext("already has its second try")
        return JsonResponse({"errors": {"retry_of": message}}, status=400)
    response = outcome.response
    return JsonResponse(
        {
            "response_id": response.id,
            "duplicate": outcome.duplicate,
            "correct": response.correct,
            "score": response.score,
            "attempt": response.attempt,
            "may_try_again": may_try_again(
                correct=response.correct,
                attempt=response.attempt,
                solution_shown=response.solution_shown,
            ),
            "feedback": outcome.feedback,
            "mastery": _mastery(outcome.updates),
            "board": _board(outcome.board),
        },
        status=200 if outcome.duplicate else 201,
    )


# Where an answer sent with its client_time is refused, the one-answer endpoint's field
# and status (as the same refusal on the online path: 404 none the student may see).
_REFUSED_AS = {
    Reason.ITEM_RETIRED: ("item_id", 404),
    Reason.ACTIVITY_CLOSED: ("activity_id", 404),
    Reason.NOT_IN_CLASS: ("item_id", 403),
    Reason.INVALID_ANSWER: ("answer", 400),
    Reason.CLOCK_BEHIND: ("client_time", 400),
    Reason.NO_TIME_ZONE: ("client_time", 400),
}


def _post_timed_response(request: HttpRequest, student: User, body: dict[str, Any]) -> HttpResponse:
    """One answer that carries the device's time: answered as a batch of one, so it is
    stored at its own time by the batch's clock rules (docs/learning.md, "Syncing a
    batch"), answered in this endpoint's shape with the batch's flags."""
    if body.get("retry_of") is not None:  # a second try is answered now, on the first's draw
        message = gettext("a second try is sent without client_time")
        return JsonResponse({"errors": {"retry_of": message}}, status=400)
    try:
        answer = timed_answer_from_json(body)
    except BadInput as error:
        return refusal(request, error)
    except AnswerError as error:
        return JsonResponse({"errors": {error.field: error.message}}, status=error.status)
    outcome = answer_batch(student=student, answers=[answer])
    result = outcome.results[0]
    if result.status is Status.REFUSED:
        assert result.reason is not None
        field, status = _REFUSED_AS[result.reason]
        return JsonResponse({"errors": {field: result.message}}, status=status)
    stored = queries.stored_response(student.pk, answer.client_id)
    assert stored is not None  # stored now, or by an earlier sync
    fresh = result.status is Status.STORED and result.grade is not None
    feedback = (
        result.grade.feedback
        if fresh and result.grade is not None
        else (CORRECT_FEEDBACK if stored.correct else REPEAT_WRONG_FEEDBACK)
    )
    return JsonResponse(
        {
            "response_id": stored.id,
            "duplicate": not fresh,
            "correct": stored.correct,
            "score": stored.score,
            "attempt": stored.attempt,
            "may_try_again": may_try_again(
                correct=stored.correct, attempt=stored.attempt, solution_shown=stored.solution_shown
            ),
            "feedback": feedback,
            "flags": [str(flag) for flag in result.flags],
            "mastery": _mastery(outcome.updates),
            "board": _board(outcome.board),
        },
        status=201 if fresh else 200,
    )


@login_required
@require_GET
def get_pack(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    if "activity" not in request.GET:
        raise BadInput("activity", "is required: the id of the activity to practice offline")
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


@require_POST
def post_batch(request: HttpRequest) -> HttpResponse:
    """POST /learn/api/answers/batch: answers practiced offline, synced at once."""
    student = require_student(request.user)
    try:
        answers = batch_from_json(json_body(request))
    except BadInput as error:
        return refusal(request, error)
    outcome = answer_batch(student=student, answers=answers)
    return JsonResponse(
        {
            "results": [_sync_result(result) for result in outcome.results],
            "mastery": _mastery(outcome.updates),
            "board": _board(outcome.board),
        }
    )


@login_required
@require_GET
def sync_status(request: HttpRequest) -> HttpResponse:
    """GET /learn/api/sync-status: what the server holds of the student's answers."""
    student = require_student(request.user)
    newest, count = batch_queries.sync_status(student.pk)
    return JsonResponse(
        {"last_client_time": newest.isoformat() if newest else None, "answers": count}
    )


def _sync_result(result: SyncResult) -> dict[str, Any]:
    body: dict[str, Any] = {"client_id": str(result.client_id), "status": str(result.status)}
    if result.reason is not None:
        body |= {"reason": str(result.reason), "message": result.message}
    if result.grade is not None:
        body |= {
            "correct": result.grade.correct,
            "score": result.grade.score,
            "feedback": result.grade.feedback,
        }
    body["flags"] = [str(flag) for flag in result.flags]
    return body


def _mastery(updates: Iterable[SkillUpdate]) -> list[dict[str, Any]]:
    return [
        {
            "standard_id": u.standard_id,
            "mastery": round(u.mastery, 4),
            "level": u.headline.label,
            "practice_level": u.level.label,
        }
        for u in updates
    ]


def _board(board: Iterable[Option]) -> list[dict[str, Any]]:
    return [
        {"kind": o.kind, "title": o.title, "reason": o.reason, "activity_id": o.activity_id}
        for o in board
    ]
