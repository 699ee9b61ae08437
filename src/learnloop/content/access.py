"""Who may read and who may edit which item or activity. Views fetch content only here.

Authors are teachers and school admins of a school. They may edit what they wrote and
what belongs to their school; the shared library (no school) is read and copy only.
Students and guardians do not author: the student loop reads content through its own
selectors, limited to published activities assigned to them.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity, AuthoredContent, Item, Status

AUTHOR_ROLES = frozenset({Role.TEACHER, Role.SCHOOL_ADMIN})


def is_author(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.role not in AUTHOR_ROLES:
        return False
    return user.school_id is not None


def can_edit(user: User | AnonymousUser, content: AuthoredContent) -> bool:
    if not is_author(user):
        return False
    if content.author_id == user.pk:
        return True
    return content.school_id is not None and content.school_id == user.school_id


def can_view(user: User | AnonymousUser, content: AuthoredContent) -> bool:
    if can_edit(user, content):
        return True
    if not is_author(user):
        return False
    return content.school_id is None and content.status == Status.PUBLISHED


def require_author(user: User | AnonymousUser) -> User:
    """The signed-in author, or PermissionDenied for everyone else."""
    if not is_author(user):
        raise PermissionDenied("Only teachers and school admins author content.")
    return cast(User, user)


def _item(item_id: int) -> Item:
    item = Item.objects.select_related("author", "school").filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item.")
    return item


def _activity(activity_id: int) -> Activity:
    activity = Activity.objects.select_related("author", "school").filter(pk=activity_id).first()
    if activity is None:
        raise Http404("No such activity.")
    return activity


def access_item_for_edit(user: User | AnonymousUser, item_id: int) -> Item:
    item = _item(item_id)
    if not can_edit(user, item):
        raise PermissionDenied("You cannot edit this item.")
    return item


def access_item_for_view(user: User | AnonymousUser, item_id: int) -> Item:
    item = _item(item_id)
    if not can_view(user, item):
        raise PermissionDenied("You cannot see this item.")
    return item


def access_activity_for_edit(user: User | AnonymousUser, activity_id: int) -> Activity:
    activity = _activity(activity_id)
    if not can_edit(user, activity):
        raise PermissionDenied("You cannot edit this activity.")
    return activity


def access_activity_for_view(user: User | AnonymousUser, activity_id: int) -> Activity:
    activity = _activity(activity_id)
    if not can_view(user, activity):
        raise PermissionDenied("You cannot see this activity.")
    return activity
