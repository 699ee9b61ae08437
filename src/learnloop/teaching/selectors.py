"""Reads for the teacher's pages: groups, assignments, activities, suggested groups."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from django.db.models import Count, Prefetch, Q, QuerySet

from learnloop.accounts.models import User
from learnloop.content.models import Activity, Status
from learnloop.engine.groups import Grouping, suggest_groups
from learnloop.learning.models import MasteryState
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.teaching.completion import AssignmentStatus, statuses_for_assignments
from learnloop.teaching.models import Assignment, Group, GroupMembership


def activities_for_classroom(
    classroom: Classroom, standard_ids: Sequence[int]
) -> QuerySet[Activity]:
    """Published activities on the class's standards, shared or of the class's school."""
    return (
        Activity.objects.filter(status=Status.PUBLISHED, standards__in=list(standard_ids))
        .filter(Q(school__isnull=True) | Q(school_id=classroom.school_id))
        .distinct()
        .order_by("title")
    )


def groups_for_classroom(classroom: Classroom) -> QuerySet[Group]:
    members = GroupMembership.objects.select_related("student").order_by(
        "student__last_name", "student__first_name"
    )
    return (
        Group.objects.filter(classroom=classroom)
        .prefetch_related(
            Prefetch("memberships", queryset=members),
            Prefetch(
                "standards",
                queryset=Standard.objects.only("pk", "code", "abbreviated_statement"),
            ),
        )
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def assignment_statuses_for_classroom(
    classroom: Classroom, limit: int = 50
) -> list[AssignmentStatus]:
    assignments = list(
        Assignment.objects.filter(classroom=classroom)
        .select_related("activity", "group", "assigned_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    return statuses_for_assignments(assignments)


def suggestion_for_classroom(
    students: Sequence[User], standards: Sequence[Standard], k: int | None
) -> Grouping:
    """The engine's suggested groups from the students' mastery on `standards` (one query).
    The engine names standards in its reasons as it is given them: their labels, the
    names people read (an OATutor skill's words, not its snake_case code)."""
    student_index = {s.pk: i for i, s in enumerate(students)}
    standard_index = {s.pk: j for j, s in enumerate(standards)}
    mastery = np.zeros((len(students), len(standards)))
    levels = np.zeros((len(students), len(standards)), dtype=np.int_)
    for student_id, standard_id, value, level in MasteryState.objects.filter(
        student__in=list(student_index), standard__in=list(standard_index)
    ).values_list("student_id", "standard_id", "mastery", "level"):
        i, j = student_index[student_id], standard_index[standard_id]
        mastery[i, j], levels[i, j] = min(1.0, max(0.0, value)), level
    return suggest_groups(
        [s.pk for s in students], [s.label for s in standards], mastery, levels, k=k
    )
