from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext

from learnloop.accounts.access import access_student
from learnloop.accounts.site import site_address
from learnloop.schools.selectors import classrooms_for_student
from learnloop.schools.sign_in_links import sign_in_link_tokens


@login_required
def student_overview(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student(request.user, student_id)
    return render(
        request,
        "accounts/student_overview.html",
        {"student": student, "classrooms": classrooms_for_student(student)},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with links to the configured site, never the request's Host."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        site = site_address()
        form.save(
            domain_override=site.domain,
            use_https=site.use_https,
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())


class SignInLinkView(auth_views.PasswordResetConfirmView):
    """A one-time link from the school office (schools/sign_in_links.py): the person
    chooses their own password, checked by the validators, then signs in with it.
    Django's reset page otherwise: the token leaves the address before the form shows."""

    token_generator = sign_in_link_tokens
    template_name = "registration/sign_in_link.html"
    # Straight to the sign-in page, which says the password is saved and names the username.
    success_url = reverse_lazy("login")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            gettext(
                "Your password is saved. Sign in now with your username, %(username)s, "
                "and your new password."
            )
            % {"username": form.user.username},
        )
        return response


# What a browser forgets when someone signs out (a shared classroom computer): pages kept
# in its cache, and its storage: the offline store (IndexedDB), the service worker's
# caches and the worker itself. The page also wipes them itself before it signs out
# (web/offline/app.mjs), for browsers that ignore the header on plain-http LAN addresses.
CLEAR_ON_SIGN_OUT = '"cache", "storage"'
# A shared device where a teacher kept a class's practice (its own database, content
# only: docs/learning.md, "A class pack on a shared device") says so with this cookie;
# its sign-out clears the cache only, and the page deletes the person's own offline data
# itself (web/offline/app.mjs), leaving the class's practice for the next student.
CLASS_PACK_COOKIE = "learnloop_class_pack"
CLEAR_ON_SIGN_OUT_KEEPING_CLASS_PACK = '"cache"'


class SignOutView(auth_views.LogoutView):
    """Django's sign-out, telling the browser to forget this person's offline data."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        keeps_class_pack = request.COOKIES.get(CLASS_PACK_COOKIE) == "1"
        response["Clear-Site-Data"] = (
            CLEAR_ON_SIGN_OUT_KEEPING_CLASS_PACK if keeps_class_pack else CLEAR_ON_SIGN_OUT
        )
        return response
