"""Who may see which sign-in provider: the admin of its school, through the office."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.models import User
from learnloop.schools.access import require_school_office
from learnloop.sso.models import SignInProvider


def access_provider_for_office(viewer: User | AnonymousUser, provider_id: int) -> SignInProvider:
    _, school = require_school_office(viewer)
    provider = SignInProvider.objects.filter(pk=provider_id).first()
    if provider is None:
        raise Http404("No such sign-in provider.")
    if provider.school_id != school.pk:
        raise PermissionDenied("This provider is not one of your school's.")
    return provider
