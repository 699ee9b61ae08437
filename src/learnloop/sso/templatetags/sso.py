"""`{% sign_in_buttons %}`: the sign-in page's provider buttons (the page lives in web)."""

from __future__ import annotations

from typing import Any

from django import template

from learnloop.sso.selectors import providers_for_sign_in_page

register = template.Library()


@register.inclusion_tag("sso/_sign_in_buttons.html", takes_context=True)
def sign_in_buttons(context: template.Context, next_url: str = "") -> dict[str, Any]:
    request = context.get("request")
    school = request.GET.get("school", "") if request is not None else ""
    providers = providers_for_sign_in_page(school if isinstance(school, str) else "")
    several_schools = len({p.school_id for p in providers}) > 1
    return {
        "providers": providers,
        "several_schools": several_schools,
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }
