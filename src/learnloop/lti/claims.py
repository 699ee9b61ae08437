"""The LTI 1.3 claim names, and typed reads of the ones LearnLoop uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = LTI + "message_type"
DEPLOYMENT_ID = LTI + "deployment_id"
ROLES = LTI + "roles"
CONTEXT = LTI + "context"
RESOURCE_LINK = LTI + "resource_link"
CUSTOM = LTI + "custom"
LIS = LTI + "lis"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"

RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"

SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
SCOPE_MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"

_TEACHING = {"Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant"}
_LEARNING = {"Learner"}


def _context_role(role: str) -> str | None:
    """A context (membership) role's short name; None for institution and system roles."""
    if "/" in role and "/membership" not in role:
        return None
    return role.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def role_of(roles: list[str]) -> str | None:
    """'teacher' or 'student' from a launch's or a member's course roles, else None."""
    names = {_context_role(role) for role in roles}
    if names & _TEACHING:
        return "teacher"
    if names & _LEARNING:
        return "student"
    return None


def mapping(claims: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = claims.get(name)
    return value if isinstance(value, Mapping) else {}
