"""The practice pages: the item, the feedback after an answer, help, the end summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from learnloop.accounts.models import User
from learnloop.content.grading import ChoiceSpec
from learnloop.content.item_instances import draw_seed, item_instance
from learnloop.content.models import Activity, Attribution
from learnloop.engine.practice_policy import EndReason
from learnloop.learning.access import access_practice_activity, access_practice_session
from learnloop.learning.answering.parsing import AnswerError, submission_from_form
from learnloop.learning.answering.queries import ActivityRow, SessionRow
from learnloop.learning.answering.service import AnswerOutcome, answer_in_session
from learnloop.learning.answers import choice_marks, describe_answer
from learnloop.learning.page_extras import PRACTICE, Topic, cards_for
from learnloop.learning.practice import SessionEnded, current_item, open_session
from learnloop.learning.scaffold_answers import (
    ScaffoldError,
    answer_scaffold,
    drawn_scaffold,
    shown_scaffolds,
)
from learnloop.learning.session_flow import (
    finish_session,
    help_offered,
    questions_done,
    reveal_help,
    scaffolds_of,
    target_for,
)
from learnloop.learning.session_summary import summary_for_session
from learnloop.learning.step_player import (
    PartError,
    answer_part,
    instance_client,
    player_for,
    skip_to_last_step,
    step_hints,
    step_scaffolds,
)


@login_required
def practice(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_practice_activity(request.user, activity_id)
    if request.method != "POST":
        session = open_session(student=request.user, activity=activity, again=False)
        if _show_summary(session):  # ended: its summary, and "Practice again"
            return redirect("learning_practice_summary", session_id=session.id)
        return render(
            request, "learning/practice.html", _practice_context(session, activity, request.user)
        )
    try:
        submission = submission_from_form(request.POST)
        session, outcome = answer_in_session(
            student=request.user, activity=activity, submission=submission
        )
    except SessionEnded as ended:
        return redirect("learning_practice_summary", session_id=ended.session.id)
    except AnswerError as error:
        session = open_session(student=request.user, activity=activity, again=False)
        if _show_summary(session):
            return redirect("learning_practice_summary", session_id=session.id)
        given = request.POST.get("answer", "")
        context = {
            **_practice_context(session, activity, request.user),
            "error": error,
            "given": given,
        }
        return render(request, "learning/practice.html", context, status=error.status)
    context = _feedback_context(session, activity, request.user, outcome)
    return render(request, "learning/feedback.html", context)


def _show_summary(session: SessionRow) -> bool:
    """An ended session is shown as its summary, except one that never served a
    question (the activity has none to practice: the page says so)."""
    if session.finished_at is None:
        return False
    return session.answered > 0 or session.end_reason != EndReason.NO_ITEMS.value


# The activity a page shows: the practice page's row (`access_practice_activity`), or
# the model a session read with it (`access_practice_session`).
PageActivity = Activity | ActivityRow


def _progress(session: SessionRow, activity: PageActivity) -> dict[str, object]:
    """The progress line: questions done (finished, not waiting for a second try) of the
    planned number, and the target in words."""
    target = target_for(activity)
    return {
        "done": questions_done(session),
        "planned": target.planned_items,
        "by_mastery": target.kind.value == "mastery",
    }


def _practice_context(
    session: SessionRow, activity: PageActivity, student: User
) -> dict[str, object]:
    """What the practice page shows of a session just returned by `open_session`."""
    item = current_item(session)
    served = item
    scaffolds = step_scaffolds(session, item, scaffolds_of(item.pk) if item else [])
    choices: tuple[ChoiceSpec, ...] = ()
    player = player_for(session, item) if item is not None else None
    hints = step_hints(session, item)
    if item is not None:  # the instance its client id draws, as the grader will
        seed = draw_seed(session.student_id, instance_client(session))
        scaffolds = [drawn_scaffold(step, item, seed) for step in scaffolds]
        shown = item_instance(item, seed)
        item, choices = shown.item, shown.choices
    if hints is None:
        hints = list(item.hints) if item else []
    return {
        "session": session,
        "activity": activity,
        "item": item,
        "choices": choices,
        "progress": _progress(session, activity),
        "hints": hints[: session.hints_shown],
        "scaffolds": shown_scaffolds(session, scaffolds),
        "help_step": help_offered(session, served, len(scaffolds), len(hints) if player else None),
        "player": player,
        "cards": cards_for(PRACTICE, student=student, activity=activity),
    }


def _feedback_context(
    session: SessionRow, activity: ActivityRow, student: User, outcome: AnswerOutcome
) -> dict[str, object]:
    response = outcome.response
    seed = draw_seed(response.student_id, response.drawn_with)
    assert outcome.item is not None  # `answer_in_session` reads a repeat's item
    shown = item_instance(outcome.item, seed, outcome.choices)
    item = shown.item
    on_item = session.current_item_id == item.id
    try_again = on_item and not outcome.response.correct and session.finished_at is None
    return {
        "session": session,
        "activity": activity,
        "result": outcome,
        "changes": [(outcome.standard_names.get(u.standard_id, ""), u) for u in outcome.updates],
        "given": describe_answer(item, outcome.response.answer, shown.choices),
        "marks": choice_marks(
            item, outcome.response.answer, reveal=not try_again, choices=shown.choices
        ),
        "item": item,
        "credit": Attribution.parse(item.attribution_source, item.attribution_license),
        "board": outcome.board,
        "progress": _progress(session, activity),
        "try_again": try_again,
        "ended": session.finished_at is not None,
        "cards": cards_for(
            PRACTICE,
            student=student,
            activity=activity,
            topics=sorted(
                (Topic(pk, code) for pk, code in outcome.standard_names.items()),
                key=lambda topic: topic.label,
            ),
            answer_path=True,
        ),
    }


@login_required
@require_POST
def practice_again(request: HttpRequest, activity_id: int) -> HttpResponse:
    """ "Practice again": the one way a new session starts while the last one's summary
    is what the practice page shows (`practice.ended_session`)."""
    activity = access_practice_activity(request.user, activity_id)
    open_session(student=request.user, activity=activity, again=True)
    return redirect("learning_practice", activity_id=activity.id)


@login_required
@require_POST
def practice_hint(request: HttpRequest, session_id: int) -> HttpResponse:
    """The next help on the current item: a hint, then scaffolds, then the solution."""
    session = access_practice_session(request.user, session_id)
    reveal_help(session=session)
    return redirect("learning_practice", activity_id=session.activity_id)


@login_required
@require_POST
def practice_scaffold(request: HttpRequest, session_id: int, scaffold_id: int) -> HttpResponse:
    """Check the student's answer to a shown scaffold (a smaller step) of the current item;
    the practice page shows right or not inline."""
    session = access_practice_session(request.user, session_id)
    try:
        answer_scaffold(
            session=session, scaffold_id=scaffold_id, answer=request.POST.get("answer", "")
        )
    except ScaffoldError as error:
        activity = session.activity
        session = open_session(student=request.user, activity=activity)
        context = {**_practice_context(session, activity, request.user), "scaffold_error": error}
        return render(request, "learning/practice.html", context, status=error.status)
    page = reverse("learning_practice", kwargs={"activity_id": session.activity_id})
    return redirect(f"{page}#scaffold-{scaffold_id}")


@login_required
@require_POST
def practice_part(request: HttpRequest, session_id: int) -> HttpResponse:
    """Check the student's answer to the current step of a multi-step question (a step
    before the last); the practice page shows the result and the next step."""
    session = access_practice_session(request.user, session_id)
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        position = -1
    try:  # the wrong tries the page was showing: a resent or stale form is one try, once
        tries: int | None = int(request.POST["tries"])
    except (KeyError, ValueError):
        tries = None
    try:
        answer_part(
            session=session,
            position=position,
            answer=request.POST.get("answer", ""),
            tries=tries,
        )
    except PartError as error:
        activity = session.activity
        session = open_session(student=request.user, activity=activity, again=False)
        context = {**_practice_context(session, activity, request.user), "part_error": error}
        return render(request, "learning/practice.html", context, status=error.status)
    page = reverse("learning_practice", kwargs={"activity_id": session.activity_id})
    return redirect(f"{page}#steps")


@login_required
@require_POST
def practice_skip(request: HttpRequest, session_id: int) -> HttpResponse:
    """Go straight to the last step of a multi-step question after two missed steps in a
    row; the practice page shows the steps passed over and the last step."""
    session = access_practice_session(request.user, session_id)
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        position = -1
    skip_to_last_step(session=session, position=position)
    page = reverse("learning_practice", kwargs={"activity_id": session.activity_id})
    return redirect(f"{page}#steps")


@login_required
@require_POST
def practice_finish(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_practice_session(request.user, session_id)
    finish_session(session=session)
    return redirect("learning_practice_summary", session_id=session.id)


@login_required
def practice_summary(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access_practice_session(request.user, session_id)
    context = {
        "session": session,
        "activity": session.activity,
        "summary": summary_for_session(session),
        "cards": cards_for(PRACTICE, student=session.student, activity=session.activity),
    }
    return render(request, "learning/practice_summary.html", context)
