"""Walk every URL of the project as every role and check allow or deny.

Expectations live beside each app in tests/url_access.py. A URL that no table names
makes test_every_url_has_an_expectation fail, so coverage stays total as we grow.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from learnloop.testing.world import ROLES, World
from learnloop.web.tests.url_access import Expectation

ADMIN_MODEL_URL = re.compile(r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<action>\w+)$")
# The Django admin is for superusers, and no role of the World is one: every admin URL
# but its sign-in and sign-out is denied to all (a superuser is tested in test_admin).
ADMIN_ONLY: frozenset[str] = frozenset()
NOBODY: frozenset[str] = frozenset()


def all_url_names(patterns: list[Any] | None = None, namespace: str = "") -> list[str]:
    names: list[str] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names.extend(all_url_names(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern):
            names.append(f"{namespace}{entry.name or f'<unnamed {entry.pattern}>'}")
    return sorted(set(names))


def app_expectations() -> dict[str, Expectation]:
    table: dict[str, Expectation] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("learnloop."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.url_access")
        except ModuleNotFoundError:
            continue
        table.update(module.EXPECTATIONS)
    return table


def _admin_object_id(world: World, app_label: str, model_name: str) -> dict[str, Any]:
    model = apps.get_model(app_label, model_name)
    request = RequestFactory().get("/")
    request.user = world.admin
    obj = admin.site._registry[model].get_queryset(request).order_by("pk").first()
    assert obj is not None, f"the test world has no {model_name} the school admin can see"
    return {"object_id": obj.pk}


def admin_expectation(name: str) -> Expectation:
    """Django admin: superusers only, so no role of the World (see test_admin)."""
    simple = {
        "admin:login": Expectation(frozenset(ROLES)),
        "admin:logout": Expectation(frozenset(ROLES), method="post"),  # only ends your own session
        "admin:app_list": Expectation(ADMIN_ONLY, kwargs=lambda world: {"app_label": "accounts"}),
        "admin:autocomplete": Expectation(NOBODY),  # needs query parameters; checked in admin tests
        "admin:<unnamed (?P<url>.*)$>": Expectation(
            NOBODY, raw_url=lambda world: "/admin/no-such-page/"
        ),
        # ModelAdmin's old-style object URL, which redirects to the change page.
        "admin:<unnamed <path:object_id>/>": Expectation(
            ADMIN_ONLY, raw_url=lambda world: f"/admin/accounts/user/{world.student.pk}/"
        ),
        "admin:password_change": Expectation(ADMIN_ONLY),
        "admin:password_change_done": Expectation(ADMIN_ONLY),
        "admin:auth_user_password_change": Expectation(
            ADMIN_ONLY, kwargs=lambda world: {"id": world.student.pk}
        ),
        # A school admin runs their school; only a superuser adds or removes schools.
        "admin:schools_school_add": Expectation(NOBODY),
        "admin:schools_school_delete": Expectation(
            NOBODY, kwargs=lambda world: _admin_object_id(world, "schools", "school")
        ),
        "admin:view_on_site": Expectation(
            NOBODY,
            kwargs=lambda world: {"content_type_id": 1, "object_id": world.student.pk},
        ),
    }
    if name in simple:
        return simple[name]
    match = ADMIN_MODEL_URL.match(name)
    if match and match["action"] not in {"changelist", "add"}:
        app_label, model_name = match["app"], match["model"]
        return Expectation(
            ADMIN_ONLY, kwargs=lambda world: _admin_object_id(world, app_label, model_name)
        )
    return Expectation(ADMIN_ONLY)


def expectation_for(name: str) -> Expectation | None:
    if name.startswith("admin:"):
        return admin_expectation(name)
    return app_expectations().get(name)


def is_login_redirect(response: HttpResponse) -> bool:
    return response.status_code in (301, 302) and "login" in response.get("Location", "")


def fetch(world: World, role: str, name: str, expectation: Expectation) -> HttpResponse:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    if expectation.raw_url is not None:
        url = expectation.raw_url(world)
    else:
        url = reverse(name, kwargs=expectation.kwargs(world))
    send = getattr(client, expectation.method)
    if expectation.json:
        return send(url, expectation.data(world), content_type="application/json")
    return send(url, expectation.data(world))


def test_every_url_has_an_expectation() -> None:
    missing = [name for name in all_url_names() if expectation_for(name) is None]
    assert not missing, (
        f"URLs with no access expectation (add them to tests/url_access.py): {missing}"
    )


@pytest.mark.parametrize("name", all_url_names())
def test_url_allows_and_denies_by_role(world: World, name: str) -> None:
    expectation = expectation_for(name)
    if expectation is None:
        pytest.fail(f"{name} has no expectation")
    wrong: list[str] = []
    for role in ROLES:
        response = fetch(world, role, name, expectation)
        status = response.status_code
        if role in expectation.allowed:
            ok = status < 400 and (expectation.method == "post" or not is_login_redirect(response))
        else:
            ok = status in (401, 403, 404, 405) or is_login_redirect(response)
        if not ok:
            verdict = "allowed" if role in expectation.allowed else "denied"
            wrong.append(f"{role}: expected {verdict}, got {status} {response.get('Location', '')}")
    assert not wrong, f"{name}: " + "; ".join(wrong)
