"""Whose account a signed-in identity is: roster id first, then a verified e-mail address,
only within the provider's school, and never a guess between two people."""

from __future__ import annotations

import pytest

from learnloop.accounts.models import Role, User
from learnloop.schools.models import RosterIdentifier, School
from learnloop.sso.models import ProviderKind, SignInProvider
from learnloop.sso.selectors import person_for_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider() -> SignInProvider:
    school = School.objects.create(name="Riverside", slug="riverside")
    return SignInProvider.objects.create(
        school=school,
        kind=ProviderKind.OPENID_CONNECT,
        key="riverside",
        label="District",
        client_id="c",
        server_url="https://idp.example",
        roster_id_claim="employee_id",
    )


def person(school: School, username: str, role: str = Role.STUDENT, **fields: str) -> User:
    return User.objects.create_user(username=username, role=role, school=school, **fields)


def test_the_roster_id_wins_over_the_email(provider: SignInProvider) -> None:
    by_id = person(provider.school, "t1", Role.TEACHER, sourced_id="u-t1")
    person(provider.school, "t2", Role.TEACHER, email="lee@x.example")
    match = person_for_sign_in(
        provider=provider, claims={"employee_id": "u-t1"}, verified_emails=["lee@x.example"]
    )
    assert (match.person, match.by) == (by_id, "roster id")


def test_the_master_identifier_matches_and_the_claim_is_ignored_when_not_named(
    provider: SignInProvider,
) -> None:
    ana = person(provider.school, "ana")
    RosterIdentifier.objects.create(person=ana, master_identifier="MI-1")
    assert (
        person_for_sign_in(
            provider=provider, claims={"employee_id": "MI-1"}, verified_emails=[]
        ).person
        == ana
    )
    provider.roster_id_claim = ""
    assert (
        person_for_sign_in(
            provider=provider, claims={"employee_id": "MI-1"}, verified_emails=[]
        ).person
        is None
    )


def test_two_people_sharing_an_address_match_neither(provider: SignInProvider) -> None:
    person(provider.school, "a", email="family@x.example")
    person(provider.school, "b", email="FAMILY@x.example")
    match = person_for_sign_in(provider=provider, claims={}, verified_emails=["family@x.example"])
    assert (match.person, match.ambiguous) == (None, True)


def test_another_schools_person_is_not_found(provider: SignInProvider) -> None:
    other = School.objects.create(name="Hillcrest", slug="hillcrest")
    person(other, "ana", email="ana@x.example", sourced_id="u-1")
    match = person_for_sign_in(
        provider=provider, claims={"employee_id": "u-1"}, verified_emails=["ana@x.example"]
    )
    assert (match.person, match.ambiguous) == (None, False)
