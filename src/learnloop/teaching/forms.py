"""Forms of the teaching pages; each error names its field in plain words."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from learnloop.accounts.models import User
from learnloop.content.models import Activity
from learnloop.standards.models import Standard
from learnloop.teaching.models import Audience, Group
from learnloop.web.fields import IdChoiceField, IdMultipleChoiceField

K_CHOICES = [("", "Let LearnLoop choose (3 to 5)"), ("3", "3"), ("4", "4"), ("5", "5")]


class StandardsForm(forms.Form):
    """Which standards the suggested groups should be based on."""

    standards = forms.MultipleChoiceField(
        label=gettext_lazy("Standards to group on"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Standards to group on: tick at least one standard.")
        },
    )
    k = forms.TypedChoiceField(
        label=gettext_lazy("Number of groups"),
        choices=K_CHOICES,
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: object, standards: Sequence[Standard], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.by_id = {str(s.pk): s for s in standards}
        self.fields["standards"].choices = [(str(s.pk), s.label) for s in standards]

    def chosen(self) -> list[Standard]:
        return [self.by_id[pk] for pk in self.cleaned_data["standards"]]


def group_edit_form(
    data: object | None, students: Sequence[User], group_count: int, initial: dict[str, object]
) -> forms.Form:
    """One select per student (which group) and one name per group: no JavaScript needed."""
    choices = [("", gettext("No group"))] + [
        (str(n), gettext("Group %(number)d") % {"number": n + 1}) for n in range(group_count)
    ]
    fields: dict[str, forms.Field] = {}
    for n in range(group_count):
        fields[f"name_{n}"] = forms.CharField(
            label=gettext("Name of group %(number)d") % {"number": n + 1},
            max_length=80,
            required=False,
        )
        fields[f"explanation_{n}"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=300
        )
    for student in students:
        fields[f"student_{student.pk}"] = forms.ChoiceField(
            label=gettext("Group for %(name)s") % {"name": student.name},
            choices=choices,
            required=False,
        )
    form_class = type("GroupEditForm", (forms.Form,), fields)
    return form_class(data, initial=initial)


class AssignmentForm(forms.Form):
    activity = IdChoiceField(
        label=gettext_lazy("Activity"),
        queryset=Activity.objects.none(),
        error_messages={"required": gettext_lazy("Activity: choose what the students should do.")},
    )
    audience = forms.ChoiceField(
        label=gettext_lazy("Who gets it"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.CLASS,
    )
    group = IdChoiceField(
        label=gettext_lazy("Group"),
        queryset=Group.objects.none(),
        required=False,
        help_text=gettext_lazy("Used when “A group” is chosen."),
    )
    students = IdMultipleChoiceField(
        label=gettext_lazy("Students"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Used when “Chosen students” is chosen."),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note to students (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput,
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(
        self,
        *args: object,
        activities: QuerySet[Activity],
        groups: QuerySet[Group],
        students: QuerySet[User],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["activity"].queryset = activities
        self.fields["group"].queryset = groups
        self.fields["students"].queryset = students
        self.fields["students"].label_from_instance = lambda user: user.name
        self.fields["activity"].label_from_instance = lambda a: (
            f"{a.title} ({a.get_kind_display().lower()})"
        )

    def clean_due_on(self) -> date | None:
        due = self.cleaned_data.get("due_on")
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(gettext("Due date: choose today or a later day."))
        return due

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        audience = data.get("audience")
        if audience == Audience.GROUP and not data.get("group"):
            self.add_error("group", "Group: choose which group gets this.")
        if audience == Audience.STUDENTS and not data.get("students"):
            self.add_error("students", "Students: tick at least one student.")
        return data
