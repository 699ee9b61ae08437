"""The school office's pages: people, terms, classes with their students, guardian links.

For school admins, scoped to their school: they need nothing from the Django admin,
which is for superusers only (web/admin_scoping.py). Thin: access, form, service, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from learnloop.accounts.models import Role, User
from learnloop.schools import selectors, services, sign_in_links
from learnloop.schools.access import (
    access_classroom_for_office,
    access_guardian_link,
    access_person_for_office,
    access_term_for_office,
    require_school_office,
)
from learnloop.schools.forms import (
    ClassFrameworksForm,
    ClassroomForm,
    ClassTeachersForm,
    EnrolForm,
    GuardianLinkForm,
    PersonForm,
    RoleFilterForm,
    TermForm,
)
from learnloop.schools.models import Classroom, RosterChange


def _refused(form: Form, error: services.OfficeError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# Each role's words on the people page, whole phrases so that every language can give
# them its own plural and gender (never a label with "s" added).
ROLE_WORDING: dict[str, dict[str, Promise]] = {
    Role.TEACHER: {
        "heading": pgettext_lazy("people page", "Teachers"),
        "add": pgettext_lazy("people page", "Add a teacher"),
    },
    Role.STUDENT: {
        "heading": pgettext_lazy("people page", "Students"),
        "add": pgettext_lazy("people page", "Add a student"),
    },
    Role.GUARDIAN: {
        "heading": pgettext_lazy("people page", "Guardians"),
        "add": pgettext_lazy("people page", "Add a guardian"),
    },
}


@login_required
def people(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    role = RoleFilterForm(request.GET or None).chosen()
    context = {
        "school": school,
        "role": role,
        "wording": ROLE_WORDING[role],
        "roles": [(r.value, ROLE_WORDING[r]["heading"]) for r in services.OFFICE_ROLES],
        "people": selectors.people_page_for_school(school, role),
    }
    return render(request, "schools/office_people.html", context)


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    form = PersonForm(request.POST or None, initial={"role": request.GET.get("role")})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(school=school, **form.cleaned_data)
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                gettext("Added %(name)s (%(role)s).")
                % {"name": person.name, "role": person.get_role_display()},
            )
            return redirect(f"{reverse('schools_office_people')}?role={person.role}")
    status = 400 if form.errors else 200
    context = {"school": school, "form": form}
    return render(request, "schools/office_person_add.html", context, status=status)


@login_required
def classes(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    terms = school.terms.order_by("-starts_on")
    form = ClassroomForm(
        request.POST or None,
        initial={"term": terms.first()},
        terms=terms,
        teachers=selectors.people_for_school(school.pk, Role.TEACHER).order_by("last_name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            classroom = services.add_classroom(school=school, **form.cleaned_data)
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                gettext("Created %(name)s. Now enroll its students.") % {"name": classroom.name},
            )
            return redirect("schools_office_enrol", classroom_id=classroom.pk)
    overview = selectors.school_overview(school)
    context = {"school": school, "form": form, "classrooms": overview["classrooms"]}
    return render(
        request, "schools/office_classes.html", context, status=400 if form.errors else 200
    )


@login_required
def enrol(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom_for_office(request.user, classroom_id)
    form = EnrolForm(request.POST or None, students=_enrol_candidates(classroom))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.enrol_students(
                classroom=classroom, students=list(form.cleaned_data["students"])
            )
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Enrolled %(count)d student in %(classroom)s.",
                    "Enrolled %(count)d students in %(classroom)s.",
                    added,
                )
                % {"count": added, "classroom": classroom.name},
            )
            return redirect("schools_office_enrol", classroom_id=classroom.pk)
    return _enrol_page(request, classroom, form=form)


def _enrol_page(
    request: HttpRequest,
    classroom: Classroom,
    form: EnrolForm | None = None,
    teachers_form: ClassTeachersForm | None = None,
    frameworks_form: ClassFrameworksForm | None = None,
) -> HttpResponse:
    if form is None:
        form = EnrolForm(students=_enrol_candidates(classroom))
    if teachers_form is None:
        teachers_form = ClassTeachersForm(
            initial={"teachers": list(classroom.teachers.values_list("pk", flat=True))},
            teachers=_school_teachers(classroom.school_id),
        )
    if frameworks_form is None:
        frameworks_form = ClassFrameworksForm(
            initial={"frameworks": list(classroom.frameworks.values_list("pk", flat=True))}
        )
    context = {
        "classroom": classroom,
        "enrolled": selectors.students_for_classroom(classroom),
        "form": form,
        "teachers_form": teachers_form,
        "frameworks_form": frameworks_form,
    }
    status = 400 if form.errors or teachers_form.errors or frameworks_form.errors else 200
    return render(request, "schools/office_enrol.html", context, status=status)


def _enrol_candidates(classroom: Classroom) -> QuerySet[User]:
    enrolled = selectors.students_for_classroom(classroom)
    return (
        selectors.people_for_school(classroom.school_id, Role.STUDENT)
        .exclude(pk__in=enrolled.values("pk"))
        .order_by("last_name", "first_name")
    )


def _school_teachers(school_id: int) -> QuerySet[User]:
    return selectors.people_for_school(school_id, Role.TEACHER).order_by("last_name")


@login_required
@require_POST
def class_frameworks(request: HttpRequest, classroom_id: int) -> HttpResponse:
    _, school = require_school_office(request.user)
    classroom = access_classroom_for_office(request.user, classroom_id)
    form = ClassFrameworksForm(request.POST)
    if form.is_valid():
        try:
            services.set_class_frameworks(
                school=school, classroom=classroom, frameworks=list(form.cleaned_data["frameworks"])
            )
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                gettext("Saved the standards %(name)s follows.") % {"name": classroom.name},
            )
            return redirect("schools_office_enrol", classroom_id=classroom.pk)
    return _enrol_page(request, classroom, frameworks_form=form)


@login_required
@require_POST
def class_teachers(request: HttpRequest, classroom_id: int) -> HttpResponse:
    admin, school = require_school_office(request.user)
    classroom = access_classroom_for_office(request.user, classroom_id)
    form = ClassTeachersForm(request.POST, teachers=_school_teachers(school.pk))
    if form.is_valid():
        try:
            services.set_class_teachers(
                school=school,
                actor=admin,
                classroom=classroom,
                teachers=list(form.cleaned_data["teachers"]),
            )
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request, gettext("Saved who teaches %(name)s.") % {"name": classroom.name}
            )
            return redirect("schools_office_enrol", classroom_id=classroom.pk)
    return _enrol_page(request, classroom, teachers_form=form)


@login_required
def links(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    form = GuardianLinkForm(
        request.POST or None,
        guardians=selectors.guardians_for_school(school.pk).order_by("last_name", "first_name"),
        students=selectors.people_for_school(school.pk, Role.STUDENT).order_by("last_name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            link = services.link_guardian_in_school(school=school, **form.cleaned_data)
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                gettext("%(guardian)s can now follow %(student)s.")
                % {"guardian": link.guardian.name, "student": link.student.name},
            )
            return redirect("schools_office_links")
    context = {
        "school": school,
        "form": form,
        "links": selectors.guardian_links_for_school(school),
    }
    return render(request, "schools/office_links.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def link_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    _, school = require_school_office(request.user)
    link = access_guardian_link(request.user, link_id)
    services.unlink_guardian(school=school, link=link)
    messages.success(
        request,
        gettext("%(guardian)s no longer follows %(student)s.")
        % {"guardian": link.guardian.name, "student": link.student.name},
    )
    return redirect("schools_office_links")


@login_required
def terms(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.add_term(school=school, **form.cleaned_data)
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                gettext("Added the term %(name)s. Now create its classes.") % {"name": term.name},
            )
            return redirect("schools_office_terms")
    context = {"school": school, "form": form, "terms": selectors.terms_for_school(school)}
    return render(request, "schools/office_terms.html", context, status=400 if form.errors else 200)


@login_required
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = access_term_for_office(request.user, term_id)
    school = term.school
    initial = {"name": term.name, "starts_on": term.starts_on, "ends_on": term.ends_on}
    form = TermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_term(school=school, term=term, **form.cleaned_data)
        except services.OfficeError as error:
            _refused(form, error)
        else:
            messages.success(request, gettext("Saved the term %(name)s.") % {"name": term.name})
            return redirect("schools_office_terms")
    context = {"school": school, "form": form, "term": term}
    status = 400 if form.errors else 200
    return render(request, "schools/office_term_edit.html", context, status=status)


@login_required
@require_POST
def person_active(request: HttpRequest, person_id: int) -> HttpResponse:
    """Deactivate or reactivate a person of the school (`active` is "0" or "1")."""
    admin, school = require_school_office(request.user)
    active = request.POST.get("active", "")
    person = User.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    if active not in ("0", "1"):
        return HttpResponseBadRequest("active: send 0 to deactivate or 1 to reactivate.")
    try:
        services.set_person_active(school=school, actor=admin, person=person, active=active == "1")
    except services.OfficeError as error:
        raise Http404(error.message) from None
    done = gettext("Reactivated %(name)s.") if active == "1" else gettext("Deactivated %(name)s.")
    messages.success(request, done % {"name": person.name})
    return redirect(f"{reverse('schools_office_people')}?role={person.role}")


def _person_page(
    request: HttpRequest,
    person: User,
    link: services.SignInLink | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "person": person,
        "link": link,
        "error": error,
        "changes": RosterChange.objects.filter(person=person)
        .select_related("actor", "classroom")
        .order_by("-at", "-pk")[:20],
        "link_detail": sign_in_links.SIGN_IN_LINK_DETAIL,
        "link_hours": int(sign_in_links.link_lifetime().total_seconds() // 3600),
    }
    return render(request, "schools/office_person.html", context, status=status)


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A teacher or student of the school: their account, and a sign-in link to make."""
    return _person_page(request, access_person_for_office(request.user, person_id))


@login_required
@require_POST
def person_sign_in_link(request: HttpRequest, person_id: int) -> HttpResponse:
    """Make a one-time sign-in link and show it once (the page is never cached)."""
    admin, school = require_school_office(request.user)
    person = access_person_for_office(request.user, person_id)
    try:
        link = services.make_sign_in_link(school=school, actor=admin, person=person)
    except services.OfficeError as error:
        return _person_page(request, person, error=error.message, status=error.status)
    return _person_page(request, person, link=link)
