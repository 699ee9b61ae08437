"""Flexible groups: choose standards, see the engine's suggestion, edit, name, save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.engine.groups import Grouping
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.access import access_classroom, access_group
from learnloop.teaching.forms import StandardsForm, group_edit_form
from learnloop.teaching.group_words import word_reason
from learnloop.teaching.heatmap import units_of
from learnloop.teaching.selectors import groups_for_classroom, suggestion_for_classroom
from learnloop.teaching.services import GroupDraft, TeachingError, delete_group, save_groups
from learnloop.web.parsing import parse_int

MAX_GROUPS = 5


@login_required
def group_list(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    standards = leaf_standards_for_classroom(classroom)
    context = {
        "classroom": classroom,
        "groups": groups_for_classroom(classroom),
        "form": StandardsForm(standards=standards),
        "units": _standards_by_unit(standards),
        "chosen": [],
    }
    return render(request, "teaching/group_list.html", context)


def _standards_by_unit(standards: list) -> list[tuple[object, list]]:
    units = units_of(standards)
    by_parent = {u.pk: (u, []) for u in units}
    loose = []
    for standard in standards:
        (by_parent[standard.parent_id][1] if standard.parent_id in by_parent else loose).append(
            standard
        )
    grouped = list(by_parent.values())
    return grouped + ([(None, loose)] if loose else [])


@login_required
def group_suggest(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    all_standards = leaf_standards_for_classroom(classroom)
    choose = StandardsForm(request.POST or request.GET, standards=all_standards)
    if not choose.is_valid():
        context = {
            "classroom": classroom,
            "groups": groups_for_classroom(classroom),
            "form": choose,
            "units": _standards_by_unit(all_standards),
            "chosen": [
                s.pk
                for s in all_standards
                if str(s.pk) in (request.POST or request.GET).getlist("standards")
            ],
        }
        return render(request, "teaching/group_list.html", context, status=400)
    standards = choose.chosen()
    students = list(students_for_classroom(classroom))
    grouping = suggestion_for_classroom(students, standards, choose.cleaned_data["k"])
    count = max(grouping.k, 1) if request.method != "POST" else _posted_count(request)
    edit = group_edit_form(request.POST or None, students, count, _initial(grouping))
    error = None
    if request.method == "POST" and edit.is_valid():
        try:
            save_groups(
                classroom=classroom,
                teacher=request.user,
                standards=standards,
                drafts=_drafts(edit.cleaned_data, students, count),
            )
        except TeachingError as failure:
            error = failure.message
        else:
            messages.success(request, gettext("Groups saved. You can assign work to them now."))
            return redirect("teaching_group_list", classroom_id=classroom.pk)
    context = {
        "classroom": classroom,
        "choose": choose,
        "standards": standards,
        "grouping": grouping,
        "suggested": [(group, word_reason(group.reason)) for group in grouping.groups],
        "edit": edit,
        "students": students,
        "count": count,
        "error": error,
        "group_numbers": range(count),
    }
    return render(request, "teaching/group_suggest.html", context, status=400 if error else 200)


def _posted_count(request: HttpRequest) -> int:
    raw = request.POST.get("group_count") or "1"
    return parse_int(raw, "group_count", minimum=1, maximum=MAX_GROUPS)


def _initial(grouping: Grouping) -> dict[str, object]:
    initial: dict[str, object] = {}
    for n, group in enumerate(grouping.groups):
        initial[f"name_{n}"] = gettext("Group %(counter)s") % {"counter": n + 1}
        initial[f"explanation_{n}"] = word_reason(group.reason)
        for student_id in group.member_ids:
            initial[f"student_{student_id}"] = str(n)
    return initial


def _drafts(data: dict[str, object], students: list, count: int) -> list[GroupDraft]:
    members: dict[int, list[int]] = {n: [] for n in range(count)}
    for student in students:
        chosen = data.get(f"student_{student.pk}")
        if chosen not in (None, ""):
            members[int(str(chosen))].append(student.pk)
    return [
        GroupDraft(
            name=str(data.get(f"name_{n}") or "").strip(),
            student_ids=tuple(members[n]),
            explanation=str(data.get(f"explanation_{n}") or ""),
        )
        for n in range(count)
    ]


@login_required
@require_POST
def group_delete(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id)
    classroom_id = group.classroom_id
    delete_group(group=group)
    messages.success(request, gettext("Group “%(name)s” removed.") % {"name": group.name})
    return redirect("teaching_group_list", classroom_id=classroom_id)
