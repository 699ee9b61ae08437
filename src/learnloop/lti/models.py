"""LTI 1.3 Advantage: the platforms a school registers, the tool's keys, what launches leave.

Fields and tiny properties only; every write is in the app's services modules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.Model):
    """One LMS registration: an issuer and a client id, owned by one school."""

    class ScoreKind(models.TextChoices):
        COMPLETION = "completion", _("Activity completion")
        LEVEL = "level", _("The standard's level (0-4)")

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="lti_platforms"
    )
    name = models.CharField(max_length=120)
    issuer = models.URLField(max_length=300)
    client_id = models.CharField(max_length=255)
    key_set_url = models.URLField(max_length=500)
    auth_login_url = models.URLField(max_length=500)
    auth_token_url = models.URLField(max_length=500)
    auth_audience = models.CharField(max_length=500, blank=True)
    create_people = models.BooleanField(
        default=False,
        help_text=_("Create students, teachers and classes from a launch when no rostered match."),
    )
    score_kind = models.CharField(
        max_length=16, choices=ScoreKind.choices, default=ScoreKind.COMPLETION
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.issuer})"


class Deployment(models.Model):
    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="deployments")
    deployment_id = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id"], name="lti_deployment_unique"
            )
        ]

    def __str__(self) -> str:
        return self.deployment_id


class ToolKey(models.Model):
    """An RSA key the tool signs with; a retired key stays published for a grace period."""

    kid = models.CharField(max_length=100, unique=True)
    private_pem = models.TextField()
    public_pem = models.TextField()
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.kid


class LaunchValue(models.Model):
    """PyLTI1p3's state and nonce store, in the database so every app process shares it."""

    key = models.CharField(max_length=255, unique=True)
    value = models.JSONField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class UsedNonce(models.Model):
    """A launch's nonce, kept until its token expires: a replayed token is refused."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "nonce"], name="lti_nonce_once")]

    def __str__(self) -> str:
        return self.nonce


class Identity(models.Model):
    """A platform's user (`sub`) matched to a LearnLoop user."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="identities")
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "subject"], name="lti_identity_unique")
        ]

    def __str__(self) -> str:
        return self.subject


class Context(models.Model):
    """A platform's course (context) matched to a LearnLoop class, with its NRPS URL."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="contexts")
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    classroom = models.ForeignKey(
        "schools.Classroom", on_delete=models.CASCADE, related_name="lti_contexts"
    )
    memberships_url = models.URLField(max_length=500, blank=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "context_id"], name="lti_context_unique")
        ]

    def __str__(self) -> str:
        return self.title or self.context_id


class ResourceLink(models.Model):
    """A placement in the LMS: which activity it opens and the line item scores go to."""

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="links")
    resource_link_id = models.CharField(max_length=255)
    activity = models.ForeignKey(
        "content.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lineitem_url = models.URLField(max_length=500, blank=True)
    lineitems_url = models.URLField(max_length=500, blank=True)
    ags_scopes = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["context", "resource_link_id"], name="lti_resource_link_unique"
            )
        ]

    def __str__(self) -> str:
        return self.resource_link_id


class Learner(models.Model):
    """A student who launched a resource link: whose score that line item should hold."""

    link = models.ForeignKey(ResourceLink, on_delete=models.CASCADE, related_name="learners")
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="+")
    last_sent_score = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "identity"], name="lti_learner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.identity_id} on {self.link_id}"


class PendingScore(models.Model):
    """The outbox: a score waiting for the LMS, retried with backoff until it is accepted."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="pending")
    score_given = models.FloatField()
    score_maximum = models.FloatField()
    completed = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.score_given}/{self.score_maximum}"
