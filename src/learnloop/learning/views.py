"""The student's pages: My learning, browse, practice, a standard, my mistakes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from learnloop.content.item_instances import draw_seed, drawn_item
from learnloop.learning import selectors
from learnloop.learning.access import (
    access_activity_for_student,
    access_practice_session,
    access_standard_for_student,
    require_student,
)
from learnloop.learning.answering.parsing import AnswerError, submission_from_form
from learnloop.learning.answering.service import answer_in_session
from learnloop.learning.answers import correct_answer, describe_answer
from learnloop.learning.forms import ActivityFilterForm
from learnloop.learning.models import PracticeSession
from learnloop.learning.page_extras import (
    ACTIVITY_DETAIL,
    MY_LEARNING,
    STANDARD_DETAIL,
    cards_for,
)
from learnloop.learning.practice import finish_session, open_session, reveal_hint
from learnloop.learning.services import set_interests
from learnloop.schools.selectors import classrooms_for_student


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    rows = selectors.mastery_rows_for_student(student)
    context = {
        "classrooms": classrooms_for_student(student),
        "rows": rows,
        "level_counts": selectors.level_counts(rows),
        "board": selectors.board_for_student(student, timezone.now()),
        "recent": selectors.recent_responses_for_student(student),
        "due_reviews": [r for r in rows if r.review_due_at and r.review_due_at <= timezone.now()],
        "cards": cards_for(MY_LEARNING, student=student),
    }
    return render(request, "learning/my_learning.html", context)


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    standards = selectors.standards_for_student(student)
    form = ActivityFilterForm(request.GET or None, standards=standards)
    activities = selectors.activities_for_student(student, [s.pk for s in standards])
    if form.is_valid():
        activities = form.apply(activities)
    return render(request, "learning/activity_list.html", {"form": form, "activities": activities})


@login_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_student(request.user, activity_id)
    cards = cards_for(ACTIVITY_DETAIL, student=request.user, activity=activity)
    return render(request, "learning/activity_detail.html", {"activity": activity, "cards": cards})


@login_required
def practice(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_student(request.user, activity_id)
    if request.method != "POST":
        session = open_session(student=request.user, activity=activity)
        return render(request, "learning/practice.html", _practice_context(session))
    try:
        submission = submission_from_form(request.POST)
        session, outcome = answer_in_session(
            student=request.user, activity=activity, submission=submission
        )
    except AnswerError as error:
        session = open_session(student=request.user, activity=activity)
        given = request.POST.get("answer", "")
        context = {**_practice_context(session), "error": error, "given": given}
        return render(request, "learning/practice.html", context, status=error.status)
    response = outcome.response
    item = drawn_item(response.item, draw_seed(response.student_id, response.client_id))
    context = {
        "session": session,
        "activity": activity,
        "result": outcome,
        "changes": [(outcome.standard_codes.get(u.standard_id, ""), u) for u in outcome.updates],
        "given": describe_answer(item, response.answer, outcome.choices),
        "item": item,
        "board": outcome.board,
    }
    return render(request, "learning/feedback.html", context)


def _practice_context(session: PracticeSession) -> dict[str, object]:
    """What the practice page shows of a session just returned by `open_session`."""
    item = session.current_item
    if item is not None:  # the instance its client id draws, as the grader will
        item = drawn_item(item, draw_seed(session.student_id, session.current_client_id))
    return {
        "session": session,
        "activity": session.activity,
        "item": item,
        "hints": item.hints[: session.hints_shown] if item else [],
        "more_hints": bool(item and session.hints_shown < len(item.hints)),
    }


@login_required
@require_POST
def practice_hint(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_practice_session(request.user, session_id)
    reveal_hint(session=session)
    return redirect("learning_practice", activity_id=session.activity_id)


@login_required
@require_POST
def practice_finish(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_practice_session(request.user, session_id)
    finish_session(session=session)
    return redirect("learning_home")


@login_required
def standard_detail(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access_standard_for_student(request.user, standard_id)
    student = request.user
    (row,) = selectors.mastery_rows_for_student(student, [standard])
    context = {
        "standard": standard,
        "row": row,
        "activities": selectors.activities_for_student(student, [standard.pk]),
        "cards": cards_for(STANDARD_DETAIL, student=student, standard=standard),
    }
    return render(request, "learning/standard_detail.html", context)


@login_required
def mistakes(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    page = Paginator(selectors.mistakes_for_student(student), 20).get_page(request.GET.get("page"))
    mistakes = []
    for response in page:
        item = drawn_item(response.item, draw_seed(response.student_id, response.client_id))
        mistakes.append(
            (response, item, describe_answer(item, response.answer), correct_answer(item))
        )
    return render(request, "learning/mistakes.html", {"page": page, "mistakes": mistakes})


@login_required
def interests(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    choices = selectors.interest_choices_for_student(student)
    error = None
    if request.method == "POST":
        try:
            set_interests(
                student=student, interests=request.POST.getlist("interest"), allowed=set(choices)
            )
        except AnswerError as failure:
            error = failure.message
        else:
            messages.success(request, "Saved. Your next steps will lean toward what you like.")
            return redirect("learning_home")
    chosen = set(selectors.interests_for_student(student))
    context = {"choices": [(tag, tag in chosen) for tag in choices], "error": error}
    return render(request, "learning/interests.html", context, status=400 if error else 200)
