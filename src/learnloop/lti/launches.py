"""Accepting a validated launch: who, which class, which placement, and where to go.

PyLTI1p3 has checked the signature, expiry, state, nonce binding and deployment; this
service refuses a replayed token (each nonce once per platform), matches the person and
the class, and records what later score passback and membership syncs need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity, Status
from learnloop.lti import claims as c
from learnloop.lti.matching import LaunchRefused, match_context, match_person, place_in_class
from learnloop.lti.models import Context, Identity, Learner, Platform, ResourceLink, UsedNonce


@dataclass(frozen=True)
class LaunchOutcome:
    user: User
    platform: Platform
    context: Context
    destination: str
    deep_linking: Mapping[str, Any] | None  # the deep-linking settings, for a picker


def platform_for(claims: Mapping[str, Any]) -> Platform:
    audience = claims.get("aud")
    client_ids = audience if isinstance(audience, list) else [audience]
    if claims.get("azp"):
        client_ids = [claims["azp"]]
    platform = (
        Platform.objects.select_related("school")
        .filter(issuer=claims.get("iss"), client_id__in=[str(x) for x in client_ids])
        .first()
    )
    if platform is None:
        raise LaunchRefused("iss", _("This LMS is not registered with LearnLoop."))
    return platform


@transaction.atomic
def accept_launch(*, claims: Mapping[str, Any]) -> LaunchOutcome:
    platform = platform_for(claims)
    _use_nonce(platform, claims)
    roles = claims.get(c.ROLES)
    role = c.role_of([str(r) for r in roles] if isinstance(roles, list) else [])
    if role is None:
        raise LaunchRefused("roles", _("LearnLoop opens for an LMS's teachers and learners."))
    identity = match_person(platform=platform, person=claims, role=role)
    user = identity.user
    if not user.is_active or user.role not in (Role.STUDENT, Role.TEACHER):
        raise LaunchRefused("sub", _("This account cannot be opened from the LMS."))
    context = match_context(
        platform=platform, claims=claims, teacher=user if user.role == Role.TEACHER else None
    )
    place_in_class(classroom=context.classroom, user=user)
    _remember_memberships(context, claims)
    if claims.get(c.MESSAGE_TYPE) == c.DEEP_LINKING_REQUEST:
        if user.role != Role.TEACHER:
            raise LaunchRefused("roles", _("Only a teacher adds LearnLoop activities."))
        settings = dict(c.mapping(claims, c.DEEP_LINKING_SETTINGS))
        return LaunchOutcome(user, platform, context, reverse("lti_deep_link"), settings)
    link = _resource_link(context, claims)
    return LaunchOutcome(user, platform, context, _destination(user, context, link, identity), None)


def _use_nonce(platform: Platform, claims: Mapping[str, Any]) -> None:
    nonce = str(claims.get("nonce") or "")[:255]
    expires = claims.get("exp")
    expires_at = (
        dt.datetime.fromtimestamp(int(expires), tz=dt.UTC)
        if isinstance(expires, int)
        else timezone.now() + dt.timedelta(hours=1)
    )
    UsedNonce.objects.filter(expires_at__lt=timezone.now()).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(platform=platform, nonce=nonce, expires_at=expires_at)
    except IntegrityError:
        message = _("This launch was already used; open it again from the LMS.")
        raise LaunchRefused("nonce", message) from None


def _remember_memberships(context: Context, claims: Mapping[str, Any]) -> None:
    url = str(c.mapping(claims, c.NRPS).get("context_memberships_url") or "")[:500]
    if url and url != context.memberships_url:
        context.memberships_url = url
        context.save(update_fields=["memberships_url"])


def _resource_link(context: Context, claims: Mapping[str, Any]) -> ResourceLink | None:
    link_id = str(c.mapping(claims, c.RESOURCE_LINK).get("id") or "")[:255]
    if not link_id:
        return None
    ags = c.mapping(claims, c.AGS_ENDPOINT)
    link, _created = ResourceLink.objects.update_or_create(
        context=context,
        resource_link_id=link_id,
        defaults={
            "activity": _activity(context, c.mapping(claims, c.CUSTOM)),
            "lineitem_url": str(ags.get("lineitem") or "")[:500],
            "lineitems_url": str(ags.get("lineitems") or "")[:500],
            "ags_scopes": [str(s) for s in ags.get("scope") or [] if isinstance(s, str)],
        },
    )
    return link


def _activity(context: Context, custom: Mapping[str, Any]) -> Activity | None:
    raw = str(custom.get("activity_id") or "")
    if not raw.isdigit():
        return None
    return visible_activities(context.platform).filter(pk=int(raw)).first()


def visible_activities(platform: Platform) -> QuerySet[Activity]:
    """What a placement may open: the school's own and the shared library, published."""
    return Activity.objects.filter(
        Q(school=platform.school) | Q(school__isnull=True), status=Status.PUBLISHED
    )


def _destination(
    user: User, context: Context, link: ResourceLink | None, identity: Identity
) -> str:
    if user.role == Role.TEACHER:
        return reverse("teaching_class_dashboard", args=[context.classroom_id])
    if link is not None:
        Learner.objects.get_or_create(link=link, identity=identity)
    if link is not None and link.activity_id is not None:
        return reverse("learning_activity_detail", args=[link.activity_id])
    return reverse("learning_home")
