"""PyLTI1p3's two extension points, read from the database.

- `DatabaseToolConf`: registrations and deployments from the `Platform` rows an admin
  keeps on the office page, signed with the tool's current key (keys.py);
- `DatabaseLaunchStorage`: the OIDC state and nonce in `LaunchValue` rows, so that the
  login and the launch may reach different app processes of a district.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from pylti1p3.deployment import Deployment as LtiDeployment
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from learnloop.lti.keys import current_key
from learnloop.lti.models import Deployment, LaunchValue, Platform

DEFAULT_LIFETIME = dt.timedelta(days=1)


def registration_for(platform: Platform) -> Registration:
    """PyLTI1p3's view of a platform, with the tool's current key."""
    key = current_key()
    registration = (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.key_set_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_tool_private_key(key.private_pem)
        .set_tool_public_key(key.public_pem)
    )
    if platform.auth_audience:
        registration.set_auth_audience(platform.auth_audience)
    return registration


class DatabaseToolConf(ToolConfAbstract[Any]):
    def _platforms(self, iss: str) -> list[Platform]:
        return list(Platform.objects.filter(issuer=iss)[:2])

    def check_iss_has_one_client(self, iss: str) -> bool:
        return len(self._platforms(iss)) == 1

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return not self.check_iss_has_one_client(iss)

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Any:
        platforms = self._platforms(iss)
        return registration_for(platforms[0]) if len(platforms) == 1 else None

    def find_registration_by_params(
        self, iss: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Any:
        platform = Platform.objects.filter(issuer=iss, client_id=client_id).first()
        return registration_for(platform) if platform is not None else None

    def find_deployment(self, iss: str, deployment_id: str) -> LtiDeployment | None:
        rows = Deployment.objects.filter(platform__issuer=iss, deployment_id=deployment_id)
        return _deployment(deployment_id) if rows.exists() else None

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> LtiDeployment | None:
        rows = Deployment.objects.filter(
            platform__issuer=iss, platform__client_id=client_id, deployment_id=deployment_id
        )
        return _deployment(deployment_id) if rows.exists() else None


def _deployment(deployment_id: str) -> LtiDeployment:
    return LtiDeployment().set_deployment_id(deployment_id)


class DatabaseLaunchStorage(LaunchDataStorage[Any]):
    """Keys are bound to the browser by PyLTI1p3's own `lti1p3-session-id` cookie."""

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str) -> Any:
        row = LaunchValue.objects.filter(
            key=self._prepare_key(key), expires_at__gt=timezone.now()
        ).first()
        return row.value if row is not None else None

    def set_value(self, key: str, value: Any, exp: int | None = None) -> None:
        lifetime = dt.timedelta(seconds=exp) if exp else DEFAULT_LIFETIME
        LaunchValue.objects.filter(expires_at__lt=timezone.now()).delete()
        LaunchValue.objects.update_or_create(
            key=self._prepare_key(key),
            defaults={"value": value, "expires_at": timezone.now() + lifetime},
        )

    def check_value(self, key: str) -> bool:
        return LaunchValue.objects.filter(
            key=self._prepare_key(key), expires_at__gt=timezone.now()
        ).exists()
