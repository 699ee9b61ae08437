"""Forms of a class's people pages. Choices come scoped from the view; the services in
learnloop.schools.class_people check the actor and every row again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from learnloop.schools.models import Classroom
from learnloop.web.fields import IdChoiceField


class NewStudentForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    username = forms.CharField(
        label=gettext_lazy("Username (optional)"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Leave empty to have one made from the name."),
    )


class ExistingStudentForm(forms.Form):
    existing_username = forms.CharField(
        label=gettext_lazy("Username of a student of your school"), max_length=150
    )


class PasteNamesForm(forms.Form):
    names = forms.CharField(
        label=gettext_lazy("Names, one a line"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 40}),
        help_text=gettext_lazy(
            "“First Last” or “Last, First”. Each gets a username and a first password."
        ),
    )


class MoveForm(forms.Form):
    to = IdChoiceField(label=gettext_lazy("Move to"), queryset=Classroom.objects.none())

    def __init__(self, *args: Any, classrooms: QuerySet[Classroom], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = classrooms
