"""The xAPI outbox and each school's LRS settings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    ACCOUNT = "account", _("Account on the school's home page")
    MBOX = "mbox", _("E-mail address (mbox)")


class XapiVersion(models.TextChoices):
    V1_0_3 = "1.0.3", "xAPI 1.0.3"
    V2_0 = "2.0.0", "xAPI 2.0 (IEEE 9274.1.1)"


class LrsConfig(models.Model):
    """Where a school's statements go and how its students are named in them.

    The key and secret are never stored: the settings name the environment variables of
    the worker's host that hold them.
    """

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="lrs_config"
    )
    enabled = models.BooleanField(default=False)
    endpoint = models.URLField(max_length=500, help_text=_("The LRS's xAPI endpoint."))
    key_env = models.CharField(max_length=100, help_text=_("Environment variable of the key."))
    secret_env = models.CharField(
        max_length=100, help_text=_("Environment variable of the secret.")
    )
    version = models.CharField(
        max_length=8, choices=XapiVersion.choices, default=XapiVersion.V1_0_3
    )
    actor_kind = models.CharField(
        max_length=8, choices=ActorKind.choices, default=ActorKind.ACCOUNT
    )
    home_page = models.URLField(
        max_length=500, blank=True, help_text=_("The school's home page (account actors).")
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The response log is the outbox of "answered" (ADR 0017): the id of the last
    # response of this school whose statement the send job has taken into the outbox.
    answers_through = models.BigIntegerField(
        default=0, help_text=_("Last response whose answered statement was taken.")
    )

    def __str__(self) -> str:
        return f"LRS of {self.school_id}: {self.endpoint}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Refused (dead letter)")
    DISCARDED = "discarded", _("Discarded")


class OutboxStatement(models.Model):
    """One statement to send, written in the transaction of the change it reports.

    It holds the statement's facts (its id, verb, object, result, time, standards); the
    JSON is rendered when it is sent, with the school's choice of actor and version,
    and so the same id and content go out however often it is retried.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", null=True
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    verb = models.CharField(max_length=20)
    object_type = models.CharField(max_length=12)
    object_id = models.BigIntegerField()
    activity_id = models.BigIntegerField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    standard_ids = models.JSONField(default=list, blank=True)
    timestamp = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "school", "timestamp"], name="xapi_outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_type} {self.object_id} ({self.status})"
