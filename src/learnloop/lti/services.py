"""The school office's writes: registering an LMS (a platform) and its deployments."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from learnloop.core.errors import ServiceError
from learnloop.lti.models import Deployment, Platform
from learnloop.schools.models import School


class PlatformError(ServiceError):
    pass


def parse_deployment_ids(text: str) -> list[str]:
    """One deployment id a line (or comma-separated), blanks dropped, order kept."""
    ids: list[str] = []
    for part in text.replace(",", "\n").splitlines():
        value = part.strip()
        if value and value not in ids:
            if len(value) > 255:
                raise PlatformError(
                    "deployment_ids", _("A deployment id is at most 255 characters.")
                )
            ids.append(value)
    return ids


@transaction.atomic
def save_platform(*, school: School, platform: Platform, deployment_ids: Sequence[str]) -> Platform:
    """Create or update a registration; its deployments become exactly `deployment_ids`."""
    if not deployment_ids:
        raise PlatformError("deployment_ids", _("Give at least one deployment id."))
    clash = Platform.objects.filter(issuer=platform.issuer, client_id=platform.client_id)
    if platform.pk:
        clash = clash.exclude(pk=platform.pk)
    if clash.exists():
        raise PlatformError("client_id", _("This issuer and client id are already registered."))
    platform.school = school
    platform.save()
    platform.deployments.exclude(deployment_id__in=deployment_ids).delete()
    for deployment_id in deployment_ids:
        Deployment.objects.get_or_create(platform=platform, deployment_id=deployment_id)
    return platform


@transaction.atomic
def remove_platform(*, school: School, platform: Platform) -> None:
    if platform.school_id != school.pk:
        raise PlatformError("platform", _("This platform belongs to another school."), 403)
    platform.delete()
