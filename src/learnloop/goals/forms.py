"""Goals forms. Create forms carry a hidden client_id so a repeated submission is one row.

Every error message starts with the field's label, so it reads well on its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from learnloop.goals.calibration import scale_choices
from learnloop.goals.models import COMMENT_LIMIT, MESSAGE_LIMIT, TEXT_LIMIT, GoalKind
from learnloop.goals.services import MAX_WEEKLY_MINUTES
from learnloop.standards.models import Standard

MINUTES_REFUSAL = format_lazy(
    gettext_lazy("Minutes a week: enter a number from 1 to {most}."), most=MAX_WEEKLY_MINUTES
)


class _ClientIdForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class GoalForm(_ClientIdForm):
    title = forms.CharField(
        label=gettext_lazy("My goal"),
        max_length=200,
        help_text=gettext_lazy("In your own words, starting with “I want to …”."),
        error_messages={
            "required": gettext_lazy("My goal: say in your own words what you want to do."),
            "max_length": gettext_lazy("My goal: keep it to 200 characters."),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of goal"),
        choices=GoalKind.choices,
        initial=GoalKind.STANDARDS,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kind of goal: choose standards or a practice habit.")
        },
    )
    target_on = forms.DateField(
        label=gettext_lazy("Target date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": gettext_lazy("Target date: choose the day you want to reach it by."),
            "invalid": gettext_lazy("Target date: enter a date, like 2026-12-18."),
        },
    )
    weekly_minutes = forms.IntegerField(
        label=gettext_lazy("Minutes of practice a week"),
        required=False,
        min_value=1,
        max_value=MAX_WEEKLY_MINUTES,
        help_text=gettext_lazy("Only for a practice habit."),
        error_messages={
            "invalid": gettext_lazy("Minutes a week: enter a whole number."),
            "min_value": MINUTES_REFUSAL,
            "max_value": MINUTES_REFUSAL,
        },
    )
    standards = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Standards"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy("Standards: choose standards from your classes.")
        },
    )
    q = forms.CharField(label=gettext_lazy("Find standards"), required=False, max_length=100)

    def __init__(self, *args: Any, standards: list[Standard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standards"].choices = [(s.pk, s.described()) for s in standards]

    def clean_target_on(self) -> dt.date:
        target_on = self.cleaned_data["target_on"]
        if target_on <= timezone.localdate():
            raise forms.ValidationError(gettext("Target date: choose a day after today."))
        return target_on

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == GoalKind.STANDARDS and not data.get("standards"):
            self.add_error("standards", "Standards: tick at least one standard.")
        habit = data.get("kind") == GoalKind.HABIT
        if habit and not data.get("weekly_minutes") and "weekly_minutes" not in self.errors:
            self.add_error(
                "weekly_minutes", "Minutes a week: say how many minutes you want to practice."
            )
        return data


class ReflectionForm(_ClientIdForm):
    text = forms.CharField(
        label=gettext_lazy("Reflection"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Reflection: write a few words first."),
            "max_length": format_lazy(
                gettext_lazy("Reflection: keep it to {limit} characters."), limit=TEXT_LIMIT
            ),
        },
    )
    goal = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RatingForm(_ClientIdForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("I can …"),
        choices=scale_choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("I can …: choose one of the four steps."),
            "invalid_choice": gettext_lazy("I can …: choose one of the four steps, from 1 to 4."),
        },
    )


class HelpForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("What do you need help with? (optional)"),
        required=False,
        max_length=MESSAGE_LIMIT,
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("Message: keep it to {limit} characters."), limit=MESSAGE_LIMIT
            )
        },
    )
    standard = forms.IntegerField(required=False, widget=forms.HiddenInput)
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CosignForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=COMMENT_LIMIT,
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("Comment: keep it to {limit} characters."), limit=COMMENT_LIMIT
            )
        },
    )
