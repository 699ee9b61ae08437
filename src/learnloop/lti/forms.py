from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learnloop.lti.models import Platform
from learnloop.lti.services import PlatformError, parse_deployment_ids


def _url(label: str) -> forms.URLField:
    return forms.URLField(label=label, max_length=500, assume_scheme="https")


class PlatformForm(forms.ModelForm):
    issuer = _url(_("Issuer"))
    key_set_url = _url(_("Platform key set (JWKS) URL"))
    auth_login_url = _url(_("Authorization (OIDC auth) URL"))
    auth_token_url = _url(_("Access token URL"))
    deployment_ids = forms.CharField(
        label=_("Deployment ids"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, as the LMS shows them after the tool is installed."),
    )

    class Meta:
        model = Platform
        fields = [
            "name",
            "issuer",
            "client_id",
            "key_set_url",
            "auth_login_url",
            "auth_token_url",
            "auth_audience",
            "create_people",
            "score_kind",
        ]
        labels = {
            "name": _("Name"),
            "client_id": _("Client id"),
            "auth_audience": _("Token audience (if the LMS names one)"),
            "create_people": _("Create people and classes from launches"),
            "score_kind": _("Score sent to the gradebook"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            ids = self.instance.deployments.values_list("deployment_id", flat=True)
            self.initial["deployment_ids"] = "\n".join(ids)

    def clean_deployment_ids(self) -> list[str]:
        try:
            return parse_deployment_ids(self.cleaned_data["deployment_ids"])
        except PlatformError as error:
            raise forms.ValidationError(error.message) from error

    def validate_unique(self) -> None:
        """The service checks the (issuer, client id) pair and names the field."""
