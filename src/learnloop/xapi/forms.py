"""The school's LRS settings form (/xapi/settings/)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from learnloop.xapi.models import ActorKind, XapiVersion


class LrsConfigForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send statements to this LRS"), required=False)
    endpoint = forms.URLField(
        label=_("LRS endpoint"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The xAPI endpoint, e.g. https://lrs.example.org/xapi/"),
    )
    key_env = forms.CharField(
        label=_("Key: environment variable"),
        max_length=100,
        help_text=_("The name of the variable on the worker's host that holds the key."),
    )
    secret_env = forms.CharField(
        label=_("Secret: environment variable"),
        max_length=100,
        help_text=_("The name of the variable that holds the secret; never the secret."),
    )
    version = forms.ChoiceField(label=_("xAPI version"), choices=XapiVersion.choices)
    actor_kind = forms.ChoiceField(label=_("Name students by"), choices=ActorKind.choices)
    home_page = forms.URLField(
        label=_("School home page"),
        max_length=500,
        assume_scheme="https",
        required=False,
        help_text=_("For account actors: students are named by their roster id on it."),
    )
