"""The guardian's page and the progress report: what families see, and only that."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.family import goals
from learnloop.learning.answering.service import record_response
from learnloop.learning.goal_lines import GoalLine
from learnloop.portfolio.models import ArtifactKind
from learnloop.portfolio.services import add_artifact, add_feedback
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.privacy.scope import Scope
from learnloop.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def goal_provider() -> Iterator[None]:
    def provider(student: User, scope: Scope) -> list[GoalLine]:
        title = f"Master unit rates ({student.username})"
        return [GoalLine(student.pk, title, "Active", detail="by 1 March")]

    with goals.GOAL_LINES.lent(provider):
        yield


def test_the_guardian_sees_progress_and_shared_work_only(world: World, goal_provider: None) -> None:
    pw = portfolio_world(world)
    add_artifact(student=world.other_student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
                 title="Olga's poem", link_url="https://example.org/poem",
                 shared_with_family=True)  # fmt: skip
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                 text="Lovely scaling", visible_to_family=True)  # fmt: skip
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                 text="Needs support at home?")  # fmt: skip
    record_response(student=world.student, item_id=pw.learning.items[0].pk,
                    client_id=uuid.uuid4(), answer="3")  # fmt: skip
    page = client_for(world.guardian).get(reverse("family_student", args=[world.student.pk]))
    html = page.content.decode()
    assert "My recipe card" in html and "Poster" in html
    assert "Draft slides" not in html  # not shared
    assert "Olga" not in html
    assert "Lovely scaling" in html and "Needs support at home?" not in html
    assert "Master unit rates (sam_student)" in html
    assert "6.RP.A.2" in html and "Practicing" in html
    assert (
        reverse("learning_standard_detail", args=[pw.learning.standards["6.RP.A.2"].pk]) not in html
    )


def test_the_guardian_home_links_to_the_family_page(world: World) -> None:
    html = client_for(world.guardian).get(reverse("home")).content.decode()
    assert reverse("family_student", args=[world.student.pk]) in html


def test_the_report_shows_highlights_by_audience(world: World) -> None:
    portfolio_world(world)
    add_artifact(student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
                 title="Private showcase", link_url="https://example.org/p",
                 showcase=True)  # fmt: skip
    url = reverse("family_report", args=[world.student.pk])
    for_teacher = client_for(world.teacher).get(url).content.decode()
    for_family = client_for(world.guardian).get(url).content.decode()
    assert "Private showcase" in for_teacher and "Private showcase" not in for_family
    for html in (for_teacher, for_family):
        assert "Portfolio highlights" in html and "Next steps" in html and "My recipe card" in html
        assert "Standards in detail" in html


def test_the_pdf_is_a_pdf_named_for_the_student(world: World) -> None:
    portfolio_world(world)
    add_artifact(student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
                 title="Ratios <b>bold</b> & <i>more", link_url="https://example.org/p",
                 showcase=True)  # fmt: skip
    response = client_for(world.guardian).get(reverse("family_report_pdf", args=[world.student.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="progress-report-sam-student.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert b"Progress report: Sam Student" in response.content  # the document title
