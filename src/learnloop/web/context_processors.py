"""The navigation links a signed-in person sees, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

NavLinks = list[tuple[str, str]]
NAVIGATION_BY_ROLE: dict[str, list[tuple[str, str]]] = {
    "student": [
        ("My learning", "home"),
        ("Activities", "learning_activity_list"),
        ("Goals", "goals_home"),
        ("My portfolio", "portfolio_mine"),
        ("Conferences", "conferences_home"),
        ("Placement", "placement_mine"),
    ],
    "teacher": [
        ("My classes", "home"),
        ("Help and goals", "goals_teacher"),
        ("Conferences", "conferences_home"),
        ("Content", "content_library"),
        ("Standards", "standards_framework_list"),
    ],
    "guardian": [("My children", "home")],
    "admin": [
        ("School overview", "home"),
        ("People", "schools_office_people"),
        ("Terms", "schools_office_terms"),
        ("Classes", "schools_office_classes"),
        ("Family links", "schools_office_links"),
        ("Standards", "standards_framework_list"),
        ("Learning records", "xapi_outbox"),
        ("Jobs", "jobs_home"),
        ("Data rights", "privacy_home"),
    ],
}


def navigation(request: HttpRequest) -> dict[str, NavLinks]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    entries = NAVIGATION_BY_ROLE.get(getattr(user, "role", ""), [("Home", "home")])
    return {"nav_links": [(label, reverse(name)) for label, name in entries]}
