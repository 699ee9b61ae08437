"""The teacher's form to assign a placement check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learnloop.accounts.models import User
from learnloop.schools.models import Classroom
from learnloop.standards.models import Framework
from learnloop.web.fields import IdChoiceField


class AssignPlacementForm(forms.Form):
    framework = IdChoiceField(queryset=Framework.objects.none(), label=_("Course (framework)"))
    student = IdChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("For"),
        empty_label=_("The whole class"),
    )

    def __init__(self, *args: Any, classroom: Classroom, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frameworks = classroom.frameworks.order_by("title")
        self.fields["framework"].queryset = frameworks
        self.fields["student"].queryset = User.objects.filter(
            enrollments__classroom=classroom
        ).order_by("last_name", "first_name")
