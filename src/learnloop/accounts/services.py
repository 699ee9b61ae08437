"""Writes to a person's own account."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from learnloop.accounts.models import Language, User
from learnloop.core.errors import ServiceError


class AccountError(ServiceError):
    pass


@transaction.atomic
def choose_language(*, user: User, language: str) -> User:
    """The language `user` reads LearnLoop in from now on ("" follows the browser)."""
    if language not in Language.values:
        raise AccountError("language", _("Language: choose one of the languages offered."))
    user.language = language
    user.save(update_fields=["language"])
    return user
