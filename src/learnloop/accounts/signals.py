"""Keeps User.username_skeleton in step with the username, whoever saves the user."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from learnloop.accounts.models import User
from learnloop.accounts.usernames import username_skeleton


@receiver(pre_save, sender=User, dispatch_uid="learnloop.accounts.username_skeleton")
def keep_username_skeleton(sender: type[User], instance: User, **kwargs: Any) -> None:
    # A save with update_fields writes the skeleton only when it names the column too.
    instance.username_skeleton = username_skeleton(instance.username)
