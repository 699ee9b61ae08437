"""One error family for every service: what was wrong, with which field, and the status.

A service refuses a write by raising a `ServiceError` (each app names its own subclass,
e.g. `GoalError`, so a view catches only its own); views show `message` beside the
form field `field`, and JSON endpoints answer `{"errors": {field: message}}` with
`status`.
"""

from __future__ import annotations


class ServiceError(ValueError):
    """A write that cannot be made; `field` names what was wrong."""

    def __init__(self, field: str, message: str, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.status = status  # 400 bad input; 404 nothing the user may see; 403 not theirs
