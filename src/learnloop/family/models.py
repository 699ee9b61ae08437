"""What each guardian wants in the weekly digest, and which digests went out.

A guardian with no DigestPreference row gets the defaults (every week, every section):
the row is made the first time they save the preferences page or unsubscribe.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every four weeks")
    NEVER = "never", _("Never: no digest emails")


# Weeks between two digests for each frequency (NEVER is never due).
FREQUENCY_WEEKS = {
    DigestFrequency.WEEKLY: 1,
    DigestFrequency.FORTNIGHTLY: 2,
    DigestFrequency.MONTHLY: 4,
}


class DigestPreference(models.Model):
    """How often a guardian hears from LearnLoop by email, and about what."""

    guardian = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        max_length=12, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    include_practice = models.BooleanField(default=True)
    include_levels = models.BooleanField(default=True)
    include_goals = models.BooleanField(default=True)
    include_shared_work = models.BooleanField(default=True)
    include_conference = models.BooleanField(default=True)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.guardian_id}: {self.frequency}"


class DigestDelivery(models.Model):
    """One digest sent to one guardian for one week: the week makes sending idempotent."""

    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    week_of = models.DateField(help_text="The Monday of the week the digest covers.")
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-week_of"]
        constraints = [
            models.UniqueConstraint(fields=["guardian", "week_of"], name="unique_digest_per_week")
        ]

    def __str__(self) -> str:
        return f"Digest to {self.guardian_id} for {self.week_of}"


class DigestSnapshot(models.Model):
    """One child's levels as a digest sent them ({standard id: level}), so the next digest
    can say which levels moved. It belongs to the student too: deleted with them."""

    delivery = models.ForeignKey(DigestDelivery, on_delete=models.CASCADE, related_name="snapshots")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    levels = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery", "student"], name="unique_digest_snapshot")
        ]

    def __str__(self) -> str:
        return f"Levels of {self.student_id} in digest {self.delivery_id}"
