from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class DeleteForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Type the student's username to confirm"),
        max_length=150,
        error_messages={"required": gettext_lazy("Confirmation: type the student's username.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
