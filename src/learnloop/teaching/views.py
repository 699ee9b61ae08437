"""The class dashboard and the student profile: parse, access, call selectors, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from learnloop.accounts.models import Role
from learnloop.engine.levels import Level
from learnloop.learning.selectors import level_counts, mastery_rows_for_student
from learnloop.privacy.rules import Record, may_read, reader_of, reader_of_class
from learnloop.privacy.scope import scope_of_classroom, scope_of_reader
from learnloop.schools.selectors import classrooms_for_student
from learnloop.standards.naming import column_codes
from learnloop.teaching import profile
from learnloop.teaching.access import access_classroom, access_student_profile
from learnloop.teaching.alerts import alerts_for_classroom
from learnloop.teaching.arrivals import arrivals_for_students, regraded_for_students
from learnloop.teaching.charts import line_chart
from learnloop.teaching.completion import statuses_for_assignments
from learnloop.teaching.heatmap import ABBREVIATIONS, Heatmap, heatmap_for_classroom, summary_of
from learnloop.teaching.moves import moves_for_dashboard
from learnloop.teaching.profile_extras import cards_for
from learnloop.teaching.reading import alerts_for_reader, signals_for_reader
from learnloop.teaching.selectors import assignment_statuses_for_classroom, groups_for_classroom
from learnloop.teaching.signals import signals_for_students
from learnloop.web.parsing import parse_optional_id

# the heatmap cells' short forms, for the level legend (web/_level_legend.html)
ABBREVIATIONS_BY_KEY = {level.slug.replace("-", "_"): ABBREVIATIONS[level] for level in Level}


def _sort_links(heatmap: Heatmap, unit_id: int | None) -> dict[str, object]:
    """The column headers: each standard, its short header (the part of its code that
    tells the columns apart, `standards.naming.column_codes`; the label for a machine
    code), its sort link keeping the unit filter, and whether the class is sorted by it."""
    unit = {"unit": unit_id} if unit_id else {}
    shorts = column_codes([s.code for s in heatmap.standards])
    return {
        "name_href": "?" + urlencode({**unit, "sort": "name"}),
        "columns": [
            (
                s,
                short if s.has_readable_code else s.label,
                "?" + urlencode({**unit, "sort": f"standard:{s.pk}"}),
                heatmap.sort == f"standard:{s.pk}",
            )
            for s, short in zip(heatmap.standards, shorts, strict=True)
        ],
    }


@login_required
def class_dashboard(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    unit_id = parse_optional_id(request.GET.get("unit"), "unit")
    heatmap = heatmap_for_classroom(classroom, unit_id, request.GET.get("sort"))
    students = [row.student for row in heatmap.rows]
    now, reader = timezone.now(), reader_of_class(request.user)
    scope = scope_of_classroom(classroom)
    found = alerts_for_classroom(students, heatmap.standards, now, scope=scope)
    alerts = alerts_for_reader(found, reader)
    moves = moves_for_dashboard(classroom, students, heatmap.standards, alerts, now)
    practice = may_read(reader, Record.PRACTICE)
    arrivals = arrivals_for_students(students, now) if practice else []
    regraded = regraded_for_students(students, now) if practice else 0
    context = {
        "classroom": classroom,
        "heatmap": heatmap,
        "summary": summary_of(heatmap),
        "alerts": [alert for alert in alerts if alert.kind != "stuck"],
        "moves": moves,
        "arrivals": arrivals,
        "regraded": regraded,
        "may_pack": request.user.role == Role.TEACHER,  # access_classroom: they teach it
        "attention_count": len({alert.student.pk for alert in alerts}),
        "unit_id": unit_id,
        "abbreviations": ABBREVIATIONS_BY_KEY,
        "assignments": assignment_statuses_for_classroom(classroom, limit=5),
        "groups": groups_for_classroom(classroom),
        **_sort_links(heatmap, unit_id),
    }
    return render(request, "teaching/dashboard.html", context)


@login_required
def student_profile(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_profile(request.user, student_id)
    now = timezone.now()
    rows = mastery_rows_for_student(student)
    reader = reader_of(request.user, student)
    scope = scope_of_reader(request.user, reader)
    signals = signals_for_reader(signals_for_students([student.pk], scope), reader)
    weeks = profile.proficient_by_week(student, [r.standard.pk for r in rows], now)
    assignments = profile.assignments_for_student(student)
    context = {
        "student": student,
        "classrooms": classrooms_for_student(student),
        "rows": profile.with_ratings(rows, signals.ratings),
        "level_counts": level_counts(rows),
        "weeks": weeks,
        "chart": line_chart(weeks, len(rows)),
        "signals": signals,
        "reads": {
            "help": may_read(reader, Record.HELP_MESSAGE),
            "ratings": may_read(reader, Record.SELF_ASSESSMENT),
            "reflections": may_read(reader, Record.REFLECTION),
        },
        "answers": profile.recent_answers_for_student(student),
        "assignments": statuses_for_assignments(assignments, student=student),
        # A student in two classes has assignments from both teachers: link only those
        # this teacher may open (the other teacher's page answers 403).
        "openable": profile.openable_assignments(request.user, assignments),
        "groups": profile.groups_for_student(student),
        "cards": cards_for(student=student, viewer=request.user),
    }
    return render(request, "teaching/student_profile.html", context)
