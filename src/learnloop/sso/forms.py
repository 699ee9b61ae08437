"""Forms of the school office's sign-in page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from learnloop.sso.models import ProviderKind


class ProviderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProviderKind.choices)
    label = forms.CharField(
        label=_("Button text"),
        max_length=80,
        help_text=_("Shown on the sign-in page, e.g. “District account”."),
    )
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_(
            "Letters, digits and hyphens: part of the redirect address and of the name "
            "of the environment variable that holds the client secret."
        ),
    )
    client_id = forms.CharField(label=_("Client id"), max_length=255)
    server_url = forms.URLField(
        assume_scheme="https",
        label=_("Issuer address (OpenID Connect)"),
        max_length=255,
        required=False,
        help_text=_("e.g. https://login.example.org/realms/district"),
    )
    tenant = forms.CharField(
        label=_("Directory (tenant) id (Microsoft)"), max_length=100, required=False
    )
    roster_id_claim = forms.CharField(
        label=_("Claim that carries the roster id (optional)"),
        max_length=60,
        required=False,
        help_text=_("Matched against OneRoster sourcedId and userMasterIdentifier."),
    )
    enabled = forms.BooleanField(label=_("Offer it on the sign-in page"), required=False)


class PolicyForm(forms.Form):
    create_students = forms.BooleanField(
        label=_("Create an account for a student the roster does not know"),
        required=False,
        help_text=_(
            "Off: only people on your roster can sign in; anyone else is refused. "
            "On: an unknown person with a verified e-mail address becomes a student."
        ),
    )
