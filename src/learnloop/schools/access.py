"""Who may see which class. Views fetch classes only through these functions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Classroom, School, Term


def can_manage_classroom(viewer: User | AnonymousUser, classroom: Classroom) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.role == Role.TEACHER:
        return classroom.teachers.filter(pk=viewer.pk).exists()
    if viewer.role == Role.SCHOOL_ADMIN:
        return viewer.school_id is not None and viewer.school_id == classroom.school_id
    return False


def access_classroom(viewer: User | AnonymousUser, classroom_id: int) -> Classroom:
    """The class with this id, if `viewer` teaches it or administers its school."""
    classroom = Classroom.objects.select_related("school", "term").filter(pk=classroom_id).first()
    if classroom is None:
        raise Http404("No such class.")
    if not can_manage_classroom(viewer, classroom):
        raise PermissionDenied("You cannot see this class.")
    return classroom


def require_school_office(viewer: User | AnonymousUser) -> tuple[User, School]:
    """The signed-in school admin and their school: who may use the office pages."""
    user = require_role(viewer, Role.SCHOOL_ADMIN)
    if user.school_id is None:
        raise PermissionDenied("Your account belongs to no school.")
    school = School.objects.get(pk=user.school_id)
    return user, school


def access_classroom_for_office(viewer: User | AnonymousUser, classroom_id: int) -> Classroom:
    """A class of the school admin's school."""
    _, school = require_school_office(viewer)
    classroom = Classroom.objects.select_related("term").filter(pk=classroom_id).first()
    if classroom is None:
        raise Http404("No such class.")
    if classroom.school_id != school.pk:
        raise PermissionDenied("This class is not one of your school's.")
    return classroom


def access_guardian_link(viewer: User | AnonymousUser, link_id: int) -> GuardianLink:
    """A guardian link to a student of the school admin's school."""
    _, school = require_school_office(viewer)
    link = GuardianLink.objects.select_related("student", "guardian").filter(pk=link_id).first()
    if link is None:
        raise Http404("No such link.")
    if link.student.school_id != school.pk:
        raise PermissionDenied("This link is not one of your school's.")
    return link


def access_term_for_office(viewer: User | AnonymousUser, term_id: int) -> Term:
    """A term of the school admin's school."""
    _, school = require_school_office(viewer)
    term = Term.objects.filter(pk=term_id).first()
    if term is None:
        raise Http404("No such term.")
    if term.school_id != school.pk:
        raise PermissionDenied("This term is not one of your school's.")
    return term


def access_person_for_office(viewer: User | AnonymousUser, person_id: int) -> User:
    """A teacher or student the school admin's school registered: whose person page the
    office may open. Anyone else is not theirs to know of (404)."""
    _, school = require_school_office(viewer)
    person = User.objects.filter(
        pk=person_id, school_id=school.pk, role__in=(Role.TEACHER, Role.STUDENT)
    ).first()
    if person is None:
        raise Http404("No such person in your school.")
    return person
