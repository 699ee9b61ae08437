"""Deep Linking 2.0: the signed response that puts chosen activities into the LMS."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from learnloop.content.models import Activity
from learnloop.lti.models import Platform
from learnloop.lti.tool_conf import registration_for


def deep_link_response(
    *,
    platform: Platform,
    deployment_id: str,
    settings: Mapping[str, Any],
    activities: Sequence[Activity],
    launch_url: str,
) -> str:
    """The JWT the tool posts back to the platform's deep_link_return_url."""
    resources = []
    for activity in activities:
        resource = (
            DeepLinkResource()
            .set_type("ltiResourceLink")
            .set_title(activity.title)
            .set_url(launch_url)
            .set_custom_params({"activity_id": str(activity.pk)})
        )
        if activity.entries.exists():
            resource.set_lineitem(
                LineItem()
                .set_label(activity.title)
                .set_score_maximum(10)
                .set_resource_id(f"learnloop-activity-{activity.pk}")
            )
        resources.append(resource)
    link = DeepLink(registration_for(platform), deployment_id, dict(settings))  # type: ignore[arg-type]
    return link.get_response_jwt(resources)
