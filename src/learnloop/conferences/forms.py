"""Conference forms. Each carries a hidden client_id so a repeated submission is one row."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from learnloop.accounts.models import User
from learnloop.conferences.models import Owner, Visibility
from learnloop.content.models import Activity
from learnloop.engine.levels import Level
from learnloop.standards.models import Standard
from learnloop.web.fields import IdChoiceField

LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SEEN_LEVELS = [("", "No level"), *((int(lv), lv.label) for lv in Level if lv >= Level.PRACTICING)]


class _ClientIdForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class RequestForm(_ClientIdForm):
    teacher = IdChoiceField(
        label=gettext_lazy("Teacher"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Teacher: choose who you would like to talk to."),
            "invalid_choice": gettext_lazy("Teacher: choose one of your teachers."),
        },
    )
    topic = forms.CharField(
        label=gettext_lazy("I'd like to talk about…"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: I keep getting unit rates wrong, or I want a harder project."
        ),
        error_messages={
            "required": gettext_lazy("I'd like to talk about: write a few words about what.")
        },
    )

    def __init__(self, *args: Any, teachers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["teacher"].label_from_instance = lambda t: t.name


class PlanForm(_ClientIdForm):
    topic = forms.CharField(label=gettext_lazy("Topic (optional)"), max_length=300, required=False)
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        required=False,
        widget=LOCAL_DATETIME,
        help_text=gettext_lazy("Leave empty to plan it first and schedule it later."),
        error_messages={"invalid": gettext_lazy("Date and time: enter a date and a time.")},
    )
    place = forms.CharField(label=gettext_lazy("Place (optional)"), max_length=120, required=False)


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        widget=LOCAL_DATETIME,
        error_messages={
            "required": gettext_lazy("Date and time: choose when you will meet."),
            "invalid": gettext_lazy("Date and time: enter a date and a time."),
        },
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=120, required=False)


class NoteForm(_ClientIdForm):
    text = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Note: write the note first.")},
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who can read it"),
        choices=Visibility.choices,
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Who can read it: choose shared or private.")},
    )
    standard = IdChoiceField(
        label=gettext_lazy("Standard (optional)"),
        queryset=Standard.objects.none(),
        required=False,
        empty_label=gettext_lazy("No standard"),
        error_messages={
            "invalid_choice": gettext_lazy("Standard: choose one of the student's standards.")
        },
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level seen (optional)"),
        choices=SEEN_LEVELS,
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy(
            "A shared note with a standard and a level counts in the gradebook."
        ),
    )

    def __init__(self, *args: Any, standards: list[Standard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = Standard.objects.filter(pk__in=[s.pk for s in standards])
        self.fields["standard"].label_from_instance = lambda s: s.label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("level") is not None and not data.get("standard"):
            self.add_error("standard", "Standard: choose the standard the level is about.")
        return data


class ActionForm(_ClientIdForm):
    owner = forms.ChoiceField(
        label=gettext_lazy("Who will do it"),
        choices=Owner.choices,
        initial=Owner.STUDENT,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Who will do it: choose the student or the teacher.")
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Action"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For example: Practice 6.RP.A.2 — 10 items, or Find a video on ratios."
        ),
    )
    activity = IdChoiceField(
        label=gettext_lazy("Activity (optional, for the student)"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=gettext_lazy("No activity"),
        error_messages={
            "invalid_choice": gettext_lazy("Activity: choose one of the student's activities.")
        },
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Due: enter a date.")},
    )

    def __init__(self, *args: Any, activities: QuerySet[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title") or "").strip() and not data.get("activity"):
            self.add_error("title", "Action: say what will be done, or choose an activity.")
        if data.get("activity") and data.get("owner") == Owner.TEACHER:
            self.add_error("activity", "Activity: only a student's action can open an activity.")
        return data
