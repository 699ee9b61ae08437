"""Placement checks a teacher assigns, and each student's attempt at one.

An attempt keeps its answers (standard, item, outcome) in order; the engine rebuilds
its estimate from them and the attempt's seed (`engine.placement.place`), so the rows
hold no engine state of their own. When the check ends, `estimates` keeps where it
placed the student on each standard (standard id -> probability known): the
placement evidence that seeded the student's mastery states, and `summary` keeps the
friendly result in short (how many standards known, which ones to start with), so that
My learning's placement card shows it without rebuilding the course.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PlacementCheck(models.Model):
    """A placement check on one framework, for a whole class or one of its students."""

    classroom = models.ForeignKey(
        "schools.Classroom", on_delete=models.CASCADE, related_name="placement_checks"
    )
    framework = models.ForeignKey(
        "standards.Framework", on_delete=models.CASCADE, related_name="placement_checks"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: every student of the class.",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["classroom", "created_at"])]

    def __str__(self) -> str:
        return f"placement on {self.framework_id} for class {self.classroom_id}"


class PlacementAttempt(models.Model):
    """One student taking one placement check."""

    placement_check = models.ForeignKey(
        PlacementCheck, on_delete=models.CASCADE, related_name="attempts"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placement_attempts"
    )
    seed = models.PositiveIntegerField(help_text="Seeds the engine's sampled knowledge states.")
    answers = models.JSONField(
        default=list, blank=True, help_text="[{standard, item, outcome}] in the order answered"
    )
    current_standard = models.ForeignKey(
        "standards.Standard", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_item = models.ForeignKey(
        "content.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    estimates = models.JSONField(
        default=dict, blank=True, help_text="standard id -> probability known, once finished"
    )
    summary = models.JSONField(
        default=dict,
        blank=True,
        help_text='{"known": count, "start": [[standard id, code]], "later": count}, once finished',
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["placement_check", "student"], name="unique_placement_attempt"
            )
        ]
        indexes = [models.Index(fields=["student", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.student_id} placing on check {self.placement_check_id}"
