"""Reads for the data-rights pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from learnloop.accounts.models import Role, User
from learnloop.privacy.models import DataRightsRecord

RECENT_RECORDS = 50


def students_for_admin(admin: User, query: str = "") -> QuerySet[User]:
    if admin.school_id is None:
        return User.objects.none()
    students = User.objects.filter(school_id=admin.school_id, role=Role.STUDENT)
    if query:
        students = students.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return students.order_by("last_name", "first_name", "username")


def records_for_admin(admin: User) -> QuerySet[DataRightsRecord]:
    return DataRightsRecord.objects.filter(school_id=admin.school_id)[:RECENT_RECORDS]
