"""The password pages are LearnLoop's own, not the Django admin's templates of the same
names (django.contrib.admin comes before learnloop.web in INSTALLED_APPS, so ours live in
the overrides folder that TEMPLATES' DIRS reads first)."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

PAGES = [
    ("/accounts/password/change/", "registration/password_change_form.html", True),
    ("/accounts/password/change/done/", "registration/password_change_done.html", True),
    ("/accounts/password/reset/", "registration/password_reset_form.html", False),
    ("/accounts/password/reset/sent/", "registration/password_reset_done.html", False),
    ("/accounts/reset/MQ/bad-token/", "registration/password_reset_confirm.html", False),
    ("/accounts/reset/done/", "registration/password_reset_complete.html", False),
]


@pytest.mark.parametrize(("url", "template", "signed_in"), PAGES)
def test_each_password_page_is_drawn_from_learnloops_template(
    world: World, url: str, template: str, signed_in: bool
) -> None:
    client = Client()
    if signed_in:
        client.force_login(world.teacher)
    response = client.get(url)
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert names[0] == template
    assert "base.html" in names
    assert "admin/base_site.html" not in names
    assert "Django site admin" not in response.content.decode()
