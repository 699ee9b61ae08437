"""The one rule for which goals, reflections, ratings and help requests a Scope holds.

Every teacher's page that lists these records filters them with `in_scope` in the same
statement (no query per row); `visible_to_teacher` asks the same question of one row.

- a help request: untied (no standard), or one of its standards is in the scope;
- a goal: untied (a habit goal), or one of its standards is in the scope;
- a reflection: on a week (untied), or on a goal that is in the scope;
- a self-assessment: its standard is in the scope.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from learnloop.accounts.models import User
from learnloop.goals.models import Goal, HelpRequest, Reflection, SelfAssessment
from learnloop.privacy.scope import Scope, scope_of_teacher

GOAL_STANDARDS = Goal.standards.through
HELP_STANDARDS = HelpRequest.standards.through
Scoped = Goal | HelpRequest | Reflection | SelfAssessment


def _goal_in_scope(goal_ref: str, scope: Scope) -> Q:
    """The goal at `goal_ref` (an outer column) is untied or tied to a standard in scope."""
    standards = GOAL_STANDARDS.objects.filter(goal_id=OuterRef(goal_ref))
    tied_here = standards.filter(standard__framework__in=scope.frameworks)
    return Q(Exists(tied_here)) | ~Q(Exists(standards))


def in_scope(model: type[Model], scope: Scope) -> Q:
    """The condition for `model`'s rows in `scope` (an empty Q when not narrowed)."""
    if scope.frameworks is None:
        return Q()
    frameworks = scope.frameworks
    if model is Goal:
        return _goal_in_scope("pk", scope)
    if model is Reflection:
        return Q(goal__isnull=True) | _goal_in_scope("goal_id", scope)
    if model is SelfAssessment:
        return Q(standard__framework__in=frameworks)
    if model is HelpRequest:
        ticked = HELP_STANDARDS.objects.filter(helprequest_id=OuterRef("pk"))
        ticked_here = ticked.filter(standard__framework__in=frameworks)
        untied = Q(standard__isnull=True) & ~Q(Exists(ticked))
        return Q(standard__framework__in=frameworks) | Q(Exists(ticked_here)) | untied
    raise TypeError(f"{model.__name__} is not a record tied to standards")


def topic_in_scope(scope: Scope) -> Combinable:
    """For a help request query: the standard it is about within `scope` (an annotation):
    its first topic when that is in scope, else the first of its ticked standards that
    is, so each class's page names its own topic (None: no standard in scope)."""
    if scope.frameworks is None:
        return F("standard_id")
    here = scope.frameworks
    ticked = HELP_STANDARDS.objects.filter(helprequest_id=OuterRef("pk"))
    first_here = ticked.filter(standard__framework__in=here).order_by("standard_id")
    own = Case(When(standard__framework__in=here, then=F("standard_id")))
    number = IntegerField()
    return Coalesce(own, Subquery(first_here.values("standard_id")[:1]), output_field=number)


def visible_to_teacher(record: Scoped, teacher: User) -> bool:
    """Whether `record` is in the scope of the teacher's classes (one query).

    It does not ask whether the teacher teaches the student: access.teaches does."""
    model = type(record)
    scoped = model._default_manager.filter(in_scope(model, scope_of_teacher(teacher)))
    return scoped.filter(pk=record.pk).exists()
