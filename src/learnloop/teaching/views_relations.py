"""Learned relations between a class's standards, in words, for its teacher."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.core.bidi import ltr_text
from learnloop.engine.relations import Relation
from learnloop.teaching.access import access_classroom
from learnloop.teaching.relations import ClassRelations, relations_for_classroom


def _figures(relation: Relation, found: ClassRelations) -> dict[str, object]:
    return {
        "first": ltr_text(found.name(relation.first)),
        "second": ltr_text(found.name(relation.second)),
        "share": round(100 * relation.share),
        "base": round(100 * relation.base),
        "students": relation.students,
    }


@login_required
def class_relations(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    found = relations_for_classroom(classroom)
    context = {
        "classroom": classroom,
        "relations": [_figures(r, found) for r in found.missed_together],
        "comes_first": [
            {
                "before": ltr_text(found.name(e.before)),
                "after": ltr_text(found.name(e.after)),
                "framework": e.source == "case+learned",
            }
            for e in found.comes_first
        ],
    }
    return render(request, "teaching/class_relations.html", context)
