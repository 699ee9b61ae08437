"""Claims as identity providers bend them: whatever JSON a claim holds, matching and the
first-sign-in student never crash, never match on an odd value and never make an odd name."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnloop.accounts.models import Role, User
from learnloop.accounts.names import clean_name
from learnloop.schools.models import School
from learnloop.sso.claims import claim_text
from learnloop.sso.models import ProviderKind, SignInProvider
from learnloop.sso.selectors import person_for_sign_in
from learnloop.sso.services import create_student_for_sign_in

pytestmark = pytest.mark.django_db

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
CLAIMS = st.dictionaries(
    st.sampled_from(["employee_id", "given_name", "family_name", "sub", "email", "name"]),
    JSON,
)


@pytest.fixture
def provider() -> SignInProvider:
    school = School.objects.create(name="Riverside", slug="riverside")
    User.objects.create_user(
        username="kim", role=Role.STUDENT, school=school, sourced_id="42", email="kim@x.example"
    )
    return SignInProvider.objects.create(
        school=school,
        kind=ProviderKind.OPENID_CONNECT,
        key="riverside",
        label="District",
        client_id="c",
        server_url="https://idp.example",
        roster_id_claim="employee_id",
    )


def test_text_claims_are_read_leniently() -> None:
    assert claim_text({"id": 42}, "id") == "42"
    assert claim_text({"id": [" u-1 "]}, "id") == "u-1"
    assert claim_text({"id": True}, "id") == ""
    assert claim_text({"id": {"value": "u-1"}}, "id") == ""
    assert claim_text({"id": ["u-1", "u-2"]}, "id") == ""
    assert claim_text({}, "id") == ""


def test_a_numeric_roster_id_still_matches(provider: SignInProvider) -> None:
    match = person_for_sign_in(provider=provider, claims={"employee_id": 42}, verified_emails=[])
    assert match.person is not None and match.person.username == "kim"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=CLAIMS, emails=st.lists(JSON, max_size=2))
def test_any_claims_match_without_crashing(
    provider: SignInProvider, claims: dict[str, Any], emails: list[Any]
) -> None:
    match = person_for_sign_in(provider=provider, claims=claims, verified_emails=emails)
    if match.person is not None:  # only the rostered id "42" or Kim's address can find Kim
        assert claim_text(claims, "employee_id") == "42" or "kim@x.example" in [
            e.lower() for e in emails if isinstance(e, str)
        ]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=CLAIMS)
def test_a_first_sign_in_student_gets_a_readable_name(
    provider: SignInProvider, claims: dict[str, Any]
) -> None:
    student = create_student_for_sign_in(provider=provider, claims=claims, email="new@x.example")
    given_name = clean_name(claim_text(claims, "given_name"))
    assert student.first_name == (given_name or "new")  # the claim's text, else the address
    assert student.last_name == clean_name(claim_text(claims, "family_name"))
    student.delete()
