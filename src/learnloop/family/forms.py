"""The digest preferences form: how often, and which sections."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from learnloop.family.models import DigestFrequency

SECTION_CHOICES = [
    ("practice", _("What they practiced and the standards they worked on")),
    ("levels", _("Levels that moved since the last email")),
    ("goals", _("Their goals and how far along they are")),
    ("shared_work", _("Work they shared with the family")),
    ("conference", _("The next conference with their teacher")),
]


class DigestPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("How often: choose how often, or never.")},
    )
    sections = forms.MultipleChoiceField(
        label=_("What the email holds"),
        choices=SECTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
