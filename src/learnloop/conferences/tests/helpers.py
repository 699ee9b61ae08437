"""Small helpers shared by the conference and gradebook tests."""

from __future__ import annotations

import uuid
from typing import Any

from django.test import Client

from learnloop.accounts.models import User
from learnloop.content.models import Item
from learnloop.learning.answering.service import record_response


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answer(student: User, item: Item, *, correct: bool, times: int = 1, **kwargs: Any) -> None:
    """Answer a numeric demo item (right answer: 3) through the real answer path."""
    for _ in range(times):
        record_response(
            student=student,
            item_id=item.pk,
            client_id=uuid.uuid4(),
            answer="3" if correct else "5",
            **kwargs,
        )
