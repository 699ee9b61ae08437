from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from learnloop.engine.levels import Level
from learnloop.learning.level_names import LEVEL_NAMES
from learnloop.standards.models import Standard
from learnloop.web.fields import IdChoiceField

OBSERVED_LEVELS = [(int(level), LEVEL_NAMES[level]) for level in Level if level >= Level.PRACTICING]
ALL_LEVELS = [(int(level), LEVEL_NAMES[level]) for level in Level]


class ObservationForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    standard = IdChoiceField(
        label=gettext_lazy("Standard"),
        queryset=Standard.objects.none(),
        empty_label=gettext_lazy("Choose a standard"),
        error_messages={
            "required": gettext_lazy("Standard: choose the standard you observed."),
            "invalid_choice": gettext_lazy("Standard: choose one of the student's standards."),
        },
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level shown"),
        choices=OBSERVED_LEVELS,
        coerce=int,
        error_messages={
            "required": gettext_lazy("Level shown: choose a level."),
            "invalid_choice": gettext_lazy("Level shown: choose a level from the list."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("What you saw"),
        required=False,
        max_length=500,
        help_text=gettext_lazy(
            "For example: explained 6.RP.A.1 in discussion. The student can read this."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, standards: list[Standard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standard"]
        field.queryset = Standard.objects.filter(pk__in=[s.pk for s in standards])
        field.label_from_instance = lambda s: s.described(limit=60, sep=" ")


class OverrideForm(forms.Form):
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"),
        choices=ALL_LEVELS,
        coerce=int,
        error_messages={
            "required": gettext_lazy("Level: choose a level."),
            "invalid_choice": gettext_lazy("Level: choose a level from the list."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        help_text=gettext_lazy("Required. Kept with your name and the time, for the record."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Reason: say why you set this level.")},
    )


class RemoveOverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for removing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": gettext_lazy("Reason for removing: say why the override no longer holds.")
        },
    )
