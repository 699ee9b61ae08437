"""One error family: every app's service error is a `core.errors.ServiceError`, so a
view or endpoint reads `field`, `message` and `status` the same way from any of them."""

from __future__ import annotations

import pytest

from learnloop.conferences.services import ConferenceError
from learnloop.core.errors import ServiceError
from learnloop.goals.services import GoalError
from learnloop.gradebook.services import GradebookError
from learnloop.learning.answering.parsing import AnswerError
from learnloop.privacy.services import PrivacyError
from learnloop.schools.services import OfficeError
from learnloop.teaching.services import TeachingError

FAMILY = [
    AnswerError,
    ConferenceError,
    GoalError,
    GradebookError,
    OfficeError,
    PrivacyError,
    TeachingError,
]


@pytest.mark.parametrize("error", FAMILY, ids=lambda e: e.__name__)
def test_each_apps_error_is_a_service_error(error: type[ServiceError]) -> None:
    refused = error("title", "is required")
    assert isinstance(refused, ServiceError) and isinstance(refused, ValueError)
    assert (refused.field, refused.message, refused.status) == ("title", "is required", 400)
    assert str(refused) == "title: is required"
    assert error("item_id", "not yours", 403).status == 403
