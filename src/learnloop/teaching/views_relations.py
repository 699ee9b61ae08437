"""Learned relations between a class's standards, in words, for its teacher."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.teaching.access import access_classroom
from learnloop.teaching.relations import relations_for_classroom


@login_required
def class_relations(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    relations = relations_for_classroom(classroom)
    context = {
        "classroom": classroom,
        "relations": [
            {
                "first": r.first,
                "second": r.second,
                "share": round(100 * r.share),
                "base": round(100 * r.base),
                "students": r.students,
            }
            for r in relations
        ],
    }
    return render(request, "teaching/class_relations.html", context)
