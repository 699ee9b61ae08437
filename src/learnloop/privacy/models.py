"""The audit of data-rights requests: the one thing kept after a student is deleted.

A record names no student: `subject_reference` is a keyed hash of the student's id
(privacy.references), which lets a school admin match a record to a student while the
student exists, and says nothing about them once they are gone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class DataRightsAction(models.TextChoices):
    EXPORT = "export", gettext_lazy("Export")
    DELETE = "delete", gettext_lazy("Deletion")


class DataRightsRecord(models.Model):
    """Who exported or deleted a student's data, when, and how many rows of each kind."""

    action = models.CharField(max_length=8, choices=DataRightsAction.choices)
    school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    performed_by_name = models.CharField(max_length=150, help_text="Kept if the admin leaves.")
    performed_at = models.DateTimeField()
    subject_reference = models.CharField(max_length=32, db_index=True)
    row_counts = models.JSONField(default=dict, help_text='{"app_label.Model": rows}')
    file_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-performed_at", "-pk"]
        indexes = [models.Index(fields=["school", "performed_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_reference} at {self.performed_at:%Y-%m-%d}"

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())
