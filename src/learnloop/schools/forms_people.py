"""Forms of a class's people pages. Choices come scoped from the view; the services in
learnloop.schools.class_people check the actor and every row again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from learnloop.schools.models import Classroom
from learnloop.web.fields import IdChoiceField


class NewStudentForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    username = forms.CharField(
        label="Username (optional)",
        max_length=150,
        required=False,
        help_text="Leave empty to have one made from the name.",
    )


class ExistingStudentForm(forms.Form):
    existing_username = forms.CharField(
        label="Username of a student of your school", max_length=150
    )


class PasteNamesForm(forms.Form):
    names = forms.CharField(
        label="Names, one a line",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 40}),
        help_text="“First Last” or “Last, First”. Each gets a username and a first password.",
    )


class MoveForm(forms.Form):
    to = IdChoiceField(label="Move to", queryset=Classroom.objects.none())

    def __init__(self, *args: Any, classrooms: QuerySet[Classroom], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = classrooms
