"""A school's identity providers (Google, Microsoft, any OpenID Connect) and its policy.

Client secrets are never stored: each provider names the environment variable that
holds its secret (`secret_variable`), read when someone signs in (docs/deployment.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    GOOGLE = "google", _("Google")
    MICROSOFT = "microsoft", _("Microsoft")
    OPENID_CONNECT = "openid_connect", _("OpenID Connect")


class SignInProvider(models.Model):
    """One identity provider a school's people may sign in with."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="sign_in_providers"
    )
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    # In the redirect URI the school registers with its provider: /sso/oidc/<key>/...
    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=80, help_text=_("The button: 'Sign in with …'."))
    client_id = models.CharField(max_length=255)
    # OpenID Connect: the issuer (its /.well-known/openid-configuration is read).
    server_url = models.URLField(max_length=255, blank=True)
    # Microsoft: the school's directory (tenant) id, never "common" or "organizations".
    tenant = models.CharField(max_length=100, blank=True)
    # The claim that carries the roster's id (OneRoster sourcedId or userMasterIdentifier).
    roster_id_claim = models.CharField(max_length=60, blank=True)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_kind_display()}, {self.school})"

    @property
    def secret_variable(self) -> str:
        """The environment variable that holds this provider's client secret."""
        return "LEARNLOOP_SSO_" + self.key.upper().replace("-", "_") + "_SECRET"


class SchoolSignInPolicy(models.Model):
    """What single sign-on may do in one school. Absent: the defaults (nothing created)."""

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="sign_in_policy"
    )
    # Off: only rostered people sign in; an unknown student is refused, never created.
    create_students = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"sign-in policy of {self.school}"
