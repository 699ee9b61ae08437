"""Schools, terms and classes (sections) with their teachers and enrolled students."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class School(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    sourced_id = models.CharField(
        max_length=255, blank=True, default="", help_text="The roster's (OneRoster) id, if any."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sourced_id"],
                condition=~models.Q(sourced_id=""),
                name="unique_school_sourced_id",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField()
    sourced_id = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "sourced_id"],
                condition=~models.Q(sourced_id=""),
                name="unique_term_sourced_id",
            ),
            models.UniqueConstraint(fields=["school", "name"], name="unique_term_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school})"


class Classroom(models.Model):
    """A class (section): one group of students taught together in one term."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classrooms")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="classrooms")
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=80, blank=True)
    grade_level = models.CharField(max_length=20, blank=True)
    sourced_id = models.CharField(max_length=255, blank=True, default="")
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teaching_classrooms", blank=True
    )
    frameworks = models.ManyToManyField(
        "standards.Framework",
        related_name="classrooms",
        blank=True,
        help_text="The standards frameworks this class follows.",
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Enrollment",
        related_name="enrolled_classrooms",
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "class"
        verbose_name_plural = "classes"
        constraints = [
            models.UniqueConstraint(fields=["term", "name"], name="unique_class_name_per_term"),
            models.UniqueConstraint(
                fields=["school", "sourced_id"],
                condition=~models.Q(sourced_id=""),
                name="unique_class_sourced_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="enrollments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="unique_enrollment")
        ]
        indexes = [models.Index(fields=["student", "classroom"])]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class QuickSignIn(models.Model):
    """A class whose students may sign in on a shared computer: class, name, picture code.

    Off until the class's teacher turns it on (learnloop.schools.quick_sign_in)."""

    classroom = models.OneToOneField(
        Classroom, on_delete=models.CASCADE, related_name="quick_sign_in"
    )
    enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"quick sign-in for {self.classroom} ({'on' if self.enabled else 'off'})"


class PictureCode(models.Model):
    """One student's picture code in one class: three of the nine pictures, in order."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="picture_code"
    )
    pictures = models.CharField(max_length=8, help_text='Picture numbers 1-9, e.g. "3-7-1".')
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"picture code of {self.enrollment}"


class RosterChange(models.Model):
    """The audit of people management: who added, moved, removed or reset whom, and when.

    Written by learnloop.schools.class_people and the office's deactivation; never edited.
    A student's rows go with the student when their data is deleted."""

    class Action(models.TextChoices):
        CREATED = "created", gettext_lazy("Account created")
        ENROLLED = "enrolled", gettext_lazy("Added to class")
        PASSWORD_RESET = "password_reset", gettext_lazy("Password reset")
        PICTURE_CODE_RESET = "picture_code_reset", gettext_lazy("Picture code reset")
        MOVED = "moved", gettext_lazy("Moved to another class")
        REMOVED = "removed", gettext_lazy("Removed from class")
        DEACTIVATED = "deactivated", gettext_lazy("Account deactivated")
        REACTIVATED = "reactivated", gettext_lazy("Account reactivated")
        TEACHER_ADDED = "teacher_added", gettext_lazy("Made a teacher of the class")
        TEACHER_REMOVED = "teacher_removed", gettext_lazy("No longer a teacher of the class")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_changes"
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    classroom = models.ForeignKey(
        Classroom, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.person} ({self.at:%Y-%m-%d})"


class RosterIdentifier(models.Model):
    """The ids a roster carries for a person beyond its sourcedId, kept for sign-in.

    OneRoster's `userMasterIdentifier` (1.2) is the identity an identity provider knows
    the person by (a district's person number, often an e-mail or directory id);
    single sign-on (learnloop.sso) matches a signed-in account to a rostered person by it."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_identifier"
    )
    master_identifier = models.CharField(max_length=255, blank=True, default="", db_index=True)

    def __str__(self) -> str:
        return f"roster identifier of {self.person}"
