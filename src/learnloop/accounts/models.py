"""People: one user model with a role, and the guardian-to-student link."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    GUARDIAN = "guardian", _("Guardian")
    SCHOOL_ADMIN = "admin", _("School admin")


# The languages a person may read LearnLoop in (settings.LANGUAGES names the same three);
# "" follows the browser (Accept-Language). Stored codes never change.
class Language(models.TextChoices):
    BROWSER = "", _("As my browser asks")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Español")
    ARABIC = "ar", _("العربية")


class UserManager(DjangoUserManager["User"]):
    """Django's manager; `create_user` and `createsuperuser` refuse confusable usernames."""

    def _create_user(
        self, username: str, email: str | None, password: str | None, **extra_fields: Any
    ) -> User:
        from learnloop.accounts.usernames import refuse_confusable_username

        refuse_confusable_username(username)
        return super()._create_user(username, email, password, **extra_fields)


class User(AbstractUser):
    """Anyone who signs in. The role decides the home page and what they may see."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STUDENT)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The school this person belongs to (students, teachers, school admins).",
    )
    display_name = models.CharField(max_length=150, blank=True)
    # What the username looks like (accounts/usernames.py), kept current on every save;
    # two people may not share one. db_default: bulk-inserted rows get "" until resaved.
    username_skeleton = models.CharField(
        max_length=600, blank=True, default="", db_default="", editable=False
    )
    # The roster's id (OneRoster sourcedId): the key a re-import matches on.
    sourced_id = models.CharField(max_length=255, blank=True, default="", db_default="")
    # The language this person reads LearnLoop in, whatever the device (web/locale.py).
    language = models.CharField(
        max_length=8, choices=Language.choices, blank=True, default="", db_default=""
    )

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        indexes = [
            models.Index(fields=["school", "role"]),
            models.Index(fields=["username_skeleton"], name="accounts_user_skeleton_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sourced_id"],
                condition=~models.Q(sourced_id=""),
                name="unique_user_sourced_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Forms (the admin's included) refuse a username that looks like another's."""
        from learnloop.accounts.usernames import refuse_confusable_username

        super().clean()
        refuse_confusable_username(self.username, exclude_pk=self.pk)

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    @property
    def is_guardian(self) -> bool:
        return self.role == Role.GUARDIAN

    @property
    def is_school_admin(self) -> bool:
        return self.role == Role.SCHOOL_ADMIN


# The fields User.name is made of: enough to show a name from a narrow read.
NAME_FIELDS = ("display_name", "first_name", "last_name", "username")


class GuardianLink(models.Model):
    """A guardian may see one student's progress."""

    guardian = models.ForeignKey(User, on_delete=models.CASCADE, related_name="child_links")
    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="guardian_links")
    relationship = models.CharField(max_length=40, blank=True, help_text="e.g. mother, aunt")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guardian", "student"], name="unique_guardian_link")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.student}"
