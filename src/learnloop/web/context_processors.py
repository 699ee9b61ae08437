"""The navigation links a signed-in person sees, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

NavLinks = list[tuple[Promise, str]]
NAVIGATION_BY_ROLE: dict[str, list[tuple[Promise, str]]] = {
    "student": [
        (gettext_lazy("My learning"), "home"),
        (gettext_lazy("Activities"), "learning_activity_list"),
        (gettext_lazy("Goals"), "goals_home"),
        (gettext_lazy("My portfolio"), "portfolio_mine"),
        (gettext_lazy("Conferences"), "conferences_home"),
        (gettext_lazy("Placement"), "placement_mine"),
    ],
    "teacher": [
        (gettext_lazy("My classes"), "home"),
        (gettext_lazy("Help and goals"), "goals_teacher"),
        (gettext_lazy("Conferences"), "conferences_home"),
        (gettext_lazy("Content"), "content_library"),
        (gettext_lazy("Standards"), "standards_framework_list"),
    ],
    "guardian": [(gettext_lazy("My children"), "home")],
    "admin": [
        (gettext_lazy("School overview"), "home"),
        (gettext_lazy("People"), "schools_office_people"),
        (gettext_lazy("Terms"), "schools_office_terms"),
        (gettext_lazy("Classes"), "schools_office_classes"),
        (gettext_lazy("Family links"), "schools_office_links"),
        (gettext_lazy("Standards"), "standards_framework_list"),
        (gettext_lazy("Learning records"), "xapi_outbox"),
        (gettext_lazy("Jobs"), "jobs_home"),
        (gettext_lazy("Data rights"), "privacy_home"),
    ],
}


def navigation(request: HttpRequest) -> dict[str, NavLinks]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    entries = NAVIGATION_BY_ROLE.get(getattr(user, "role", ""), [(gettext_lazy("Home"), "home")])
    return {"nav_links": [(label, reverse(name)) for label, name in entries]}
