from __future__ import annotations

from django import forms


class DeleteForm(forms.Form):
    confirmation = forms.CharField(
        label="Type the student's username to confirm",
        max_length=150,
        error_messages={"required": "Confirmation: type the student's username."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
