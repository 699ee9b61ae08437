"""The demo seed step: Maya's portfolio, scored, with feedback and a family comment, once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.demo.seed import seed_demo
from learnloop.gradebook.evidence import evidence_for
from learnloop.learning.engine_state import forget_cached_model
from learnloop.portfolio.models import Artifact, CommentStatus, Feedback, GuardianComment


@pytest.mark.django_db
def test_demo_seed_fills_mayas_portfolio_for_every_role_idempotently() -> None:
    forget_cached_model()
    demo = seed_demo()
    seed_demo()
    maya = next(s for s in demo.students if s.username == "maya")
    artifacts = {a.title: a for a in Artifact.objects.filter(student=maya)}
    assert len(artifacts) == Artifact.objects.count() == 2
    recipe = artifacts["Scaling Grandma's dumplings for the class party"]
    assert recipe.shared_with_family and recipe.showcase
    assert {s.code for s in recipe.standards.all()} == {"6.RP.A.1", "6.RP.A.3.a"}
    assert 0 < recipe.score.points < recipe.score.max_points
    assert Feedback.objects.get().visible_to_family
    assert GuardianComment.objects.get().status == CommentStatus.APPROVED

    tagged = {s.pk for s in recipe.standards.all()}
    rubric = [e for e in evidence_for([maya.pk], list(tagged)) if e.kind == "rubric"]
    assert {e.standard_id for e in rubric} == tagged

    guardian = Client()
    guardian.force_login(maya.guardian_links.get().guardian)
    page = guardian.get(reverse("family_student", args=[maya.pk])).content.decode()
    assert "Scaling Grandma" in page and "ratio table poster" not in page
    assert "Show the unit rate per person too." in page
