"""Writes of single sign-on: a school's providers and policy, a student made at sign-in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from learnloop.accounts.credentials import suggest_username
from learnloop.accounts.models import Role, User
from learnloop.accounts.names import clean_name
from learnloop.core.errors import ServiceError
from learnloop.schools.models import RosterChange, School
from learnloop.sso.claims import claim_text
from learnloop.sso.models import ProviderKind, SchoolSignInPolicy, SignInProvider

# Microsoft's shared authorities let any organisation's accounts in: never for a school.
SHARED_TENANTS = {"common", "organizations", "consumers"}


class SignInError(ServiceError):
    """A provider setting the office may not save; `field` names the form field."""


def _check(kind: str, server_url: str, tenant: str) -> None:
    if kind == ProviderKind.OPENID_CONNECT and not server_url:
        raise SignInError("server_url", _("Give the provider's issuer address."))
    if kind == ProviderKind.MICROSOFT and (not tenant or tenant.lower() in SHARED_TENANTS):
        raise SignInError(
            "tenant", _("Give your school's directory (tenant) id, not a shared one.")
        )


@transaction.atomic
def save_provider(
    *,
    school: School,
    provider: SignInProvider | None = None,
    kind: str,
    key: str,
    label: str,
    client_id: str,
    server_url: str = "",
    tenant: str = "",
    roster_id_claim: str = "",
    enabled: bool = True,
) -> SignInProvider:
    """Add a provider to `school`, or change one of its own."""
    if provider is not None and provider.school_id != school.pk:
        raise SignInError("key", _("This provider is not one of your school's."), status=403)
    _check(kind, server_url, tenant)
    taken = SignInProvider.objects.filter(key=key)
    if provider is not None:
        taken = taken.exclude(pk=provider.pk)
    if taken.exists():
        raise SignInError("key", _("Another provider already uses this key."))
    provider = provider or SignInProvider(school=school)
    values = {
        "kind": kind,
        "key": key,
        "label": label,
        "client_id": client_id,
        "server_url": server_url,
        "tenant": tenant,
        "roster_id_claim": roster_id_claim,
        "enabled": enabled,
    }
    for name, value in values.items():
        setattr(provider, name, value)
    provider.save()
    return provider


@transaction.atomic
def remove_provider(*, school: School, provider: SignInProvider) -> None:
    if provider.school_id != school.pk:
        raise SignInError("key", _("This provider is not one of your school's."), status=403)
    provider.delete()


@transaction.atomic
def set_sign_in_policy(*, school: School, create_students: bool) -> SchoolSignInPolicy:
    policy, _created = SchoolSignInPolicy.objects.update_or_create(
        school=school, defaults={"create_students": create_students}
    )
    return policy


@transaction.atomic
def create_student_for_sign_in(
    *, provider: SignInProvider, claims: Mapping[str, Any], email: str
) -> User:
    """A new student of the provider's school, made on first sign-in where it allows it.

    No password (they sign in through the provider); audited as a RosterChange."""
    first_name = clean_name(claim_text(claims, "given_name"))[:150]
    last_name = clean_name(claim_text(claims, "family_name"))[:150]
    if not first_name:
        first_name = clean_name(email.partition("@")[0] or claim_text(claims, "sub"))[:150]
    student = User(
        username=suggest_username(first_name, last_name),
        role=Role.STUDENT,
        school_id=provider.school_id,
        first_name=first_name,
        last_name=last_name,
        email=email[:254],
    )
    student.set_unusable_password()
    student.save()
    RosterChange.objects.create(
        person=student,
        action=RosterChange.Action.CREATED,
        actor=None,
        detail=f"single sign-on: {provider.label}"[:200],
    )
    return student
