"""The student's pages: My learning, browse, practice, a standard, my mistakes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.content.item_instances import draw_seed, item_instance
from learnloop.learning import selectors
from learnloop.learning.access import (
    access_activity_for_student,
    access_standard_for_student,
    require_student,
)
from learnloop.learning.answering.parsing import AnswerError
from learnloop.learning.answers import correct_answer, describe_answer
from learnloop.learning.forms import ActivityFilterForm
from learnloop.learning.news import mark_news_read, news_for_student
from learnloop.learning.page_extras import (
    ACTIVITY_DETAIL,
    MY_LEARNING,
    STANDARD_DETAIL,
    cards_for,
)
from learnloop.learning.services import set_interests
from learnloop.schools.selectors import classrooms_for_student
from learnloop.standards.selectors import leaf_standards_for_student


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
        "news": news_for_student(student),
    }
    return render(request, "learning/my_learning.html", context)


@login_required
@require_POST
def read_news(request: HttpRequest) -> HttpResponse:
    """The student has read their news: the card stops marking items new."""
    mark_news_read(student=require_student(request.user))
    return redirect("learning_home")


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    student = require_student(request.user)
    standards = leaf_standards_for_student(student)
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
        shown = item_instance(response.item, draw_seed(response.student_id, response.drawn_with))
        given = describe_answer(shown.item, response.answer, shown.choices)
        right = correct_answer(shown.item, shown.choices)
        mistakes.append((response, shown.item, given, right))
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
            messages.success(
                request, gettext("Saved. Your next steps will lean toward what you like.")
            )
            return redirect("learning_home")
    chosen = set(selectors.interests_for_student(student))
    context = {"choices": [(tag, tag in chosen) for tag in choices], "error": error}
    return render(request, "learning/interests.html", context, status=400 if error else 200)
