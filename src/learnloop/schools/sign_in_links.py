"""One-time sign-in links the school office hands to a person who has no way in.

A person made by a roster import (or by the office without a password) has no usable
password, and "Forgot your password?" needs e-mail, which a classroom server often
lacks. The office makes a link instead (schools.services.make_sign_in_link) and hands it
over; the person opens it and chooses their own password, checked by Django's validators.

The token is Django's PasswordResetTokenGenerator with its own salt (an e-mailed reset
token does not open this page, nor this token the e-mailed reset page) and these limits:
- it expires after LEARNLOOP_SIGN_IN_LINK_HOURS (default 24), not the e-mail reset's days;
- it works once: choosing the password changes the hash it is made from, and so does
  signing in (last_login);
- a newer link replaces it (the latest audit row of a link is part of the hash);
- it never opens a deactivated account.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.http import base36_to_int, urlsafe_base64_encode

from learnloop.accounts.models import User
from learnloop.schools.models import RosterChange

DEFAULT_HOURS = 24
# The audit row (RosterChange, action "password reset") that marks a link's making.
SIGN_IN_LINK_DETAIL = "one-time sign-in link"


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=int(getattr(settings, "SIGN_IN_LINK_HOURS", DEFAULT_HOURS)))


class SignInLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "learnloop.schools.sign_in_links.SignInLinkTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:  # type: ignore[override]
        latest = (
            RosterChange.objects.filter(person=user, action=RosterChange.Action.PASSWORD_RESET)
            .filter(detail=SIGN_IN_LINK_DETAIL)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        return f"{super()._make_hash_value(user, timestamp)}|link:{latest}"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        if user is None or token is None or not user.is_active:
            return False
        if not super().check_token(user, token):
            return False
        try:
            made_at = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - made_at
        return age <= link_lifetime().total_seconds()


sign_in_link_tokens = SignInLinkTokenGenerator()


def sign_in_link_path(user: User) -> str:
    """The path of a fresh link for `user` (the caller adds the site's address)."""
    uidb64 = urlsafe_base64_encode(str(user.pk).encode())
    token = sign_in_link_tokens.make_token(user)
    return reverse("sign_in_link", kwargs={"uidb64": uidb64, "token": token})
