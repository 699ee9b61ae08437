"""Every branch of the content access rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.content.access import (
    access_activity_for_edit,
    access_activity_for_view,
    access_item_for_edit,
    access_item_for_view,
    require_author,
)
from learnloop.content.services import create_item, publish_item
from learnloop.content.tests.factories import make_activity, make_item, numeric_draft
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_missing_is_404(world: World) -> None:
    with pytest.raises(Http404):
        access_item_for_edit(world.teacher, 999_999)
    with pytest.raises(Http404):
        access_activity_for_view(world.teacher, 999_999)


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "admin"])
def test_school_authors_edit_school_content(world: World, role: str) -> None:
    item = make_item(world.teacher)
    activity = make_activity(world.teacher)
    assert access_item_for_edit(world.user(role), item.pk) == item
    assert access_activity_for_edit(world.user(role), activity.pk) == activity


@pytest.mark.parametrize("role", ["student", "guardian", "foreign_admin"])
def test_others_cannot_see_school_content(world: World, role: str) -> None:
    item = make_item(world.teacher)
    with pytest.raises(PermissionDenied):
        access_item_for_view(getattr(world, role), item.pk)
    with pytest.raises(PermissionDenied):
        access_item_for_edit(getattr(world, role), item.pk)


def test_anonymous_is_denied(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    item = make_item(world.teacher)
    with pytest.raises(PermissionDenied):
        access_item_for_view(AnonymousUser(), item.pk)
    with pytest.raises(PermissionDenied):
        require_author(AnonymousUser())


def test_author_keeps_edit_rights_outside_the_school(world: World) -> None:
    item = create_item(author=world.teacher, school=None, draft=numeric_draft())
    assert access_item_for_edit(world.teacher, item.pk) == item
    with pytest.raises(PermissionDenied):
        access_item_for_edit(world.other_teacher, item.pk)


def test_shared_library_is_read_only_once_published(world: World) -> None:
    shared = create_item(author=None, school=None, draft=numeric_draft())
    with pytest.raises(PermissionDenied):
        access_item_for_view(world.teacher, shared.pk)
    publish_item(item=shared)
    assert access_item_for_view(world.foreign_admin, shared.pk) == shared
    with pytest.raises(PermissionDenied):
        access_item_for_edit(world.teacher, shared.pk)


def test_activity_view_of_own_school(world: World) -> None:
    activity = make_activity(world.teacher)
    assert access_activity_for_view(world.other_teacher, activity.pk) == activity
    with pytest.raises(PermissionDenied):
        access_activity_for_view(world.foreign_admin, activity.pk)
    with pytest.raises(PermissionDenied):
        access_activity_for_edit(world.student, activity.pk)
