"""Reads for single sign-on: which providers to offer, and whose account a sign-in is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from learnloop.accounts.models import User
from learnloop.schools.models import School
from learnloop.sso.claims import claim_text
from learnloop.sso.models import SchoolSignInPolicy, SignInProvider


def enabled_providers() -> list[SignInProvider]:
    return list(SignInProvider.objects.filter(enabled=True).select_related("school"))


def providers_for_sign_in_page(school_slug: str = "") -> list[SignInProvider]:
    """The buttons of the sign-in page: one school's providers, or every school's."""
    rows = SignInProvider.objects.filter(enabled=True).select_related("school")
    if school_slug:
        rows = rows.filter(school__slug=school_slug)
    return list(rows.order_by("school__name", "label"))


def providers_for_school(school: School) -> list[SignInProvider]:
    return list(SignInProvider.objects.filter(school=school).order_by("label"))


def policy_for_school(school: School) -> SchoolSignInPolicy:
    """The school's policy, or the default one (unsaved) when it has none."""
    policy = SchoolSignInPolicy.objects.filter(school=school).first()
    return policy or SchoolSignInPolicy(school=school)


@dataclass(frozen=True)
class SignInMatch:
    """Whose account a signed-in identity is; `person` None when nobody's (or several)."""

    person: User | None
    by: str  # "roster id", "email", or "" when nothing matched
    ambiguous: bool = False


def person_for_sign_in(
    *, provider: SignInProvider, claims: Mapping[str, Any], verified_emails: Iterable[str]
) -> SignInMatch:
    """The rostered person of the provider's school this identity belongs to.

    By the roster's id first (the claim the school named: OneRoster sourcedId or
    userMasterIdentifier), then by a verified e-mail address. Only one person may match:
    two people of one school sharing an address match neither."""
    people = User.objects.filter(school_id=provider.school_id)
    roster_id = claim_text(claims, provider.roster_id_claim) if provider.roster_id_claim else ""
    if roster_id:
        found = list(
            people.filter(
                Q(sourced_id=roster_id) | Q(roster_identifier__master_identifier=roster_id)
            )[:2]
        )
        if len(found) == 1:
            return SignInMatch(found[0], "roster id")
        if found:
            return SignInMatch(None, "", ambiguous=True)
    for email in verified_emails:
        if not isinstance(email, str) or "@" not in email:
            continue
        found = list(people.filter(email__iexact=email)[:2])
        if len(found) == 1:
            return SignInMatch(found[0], "email")
        if found:
            return SignInMatch(None, "", ambiguous=True)
    return SignInMatch(None, "")


@dataclass(frozen=True)
class ProviderSetup:
    """What a school's IT person needs for one provider: where it sends people back to,
    and which environment variable must hold its secret (and whether it does)."""

    provider: SignInProvider
    redirect_uri: str
    secret_variable: str
    secret_set: bool


def provider_setups_for_school(school: School, site_origin: str) -> list[ProviderSetup]:
    from django.urls import reverse

    from learnloop.sso import providers

    setups = []
    for provider in providers_for_school(school):
        if provider.kind == "openid_connect":
            path = reverse("openid_connect_callback", kwargs={"provider_id": provider.key})
        else:
            path = reverse(f"{provider.kind}_callback")
        setups.append(
            ProviderSetup(
                provider=provider,
                redirect_uri=site_origin + path,
                secret_variable=provider.secret_variable,
                secret_set=bool(providers.client_secret(provider)),
            )
        )
    return setups
