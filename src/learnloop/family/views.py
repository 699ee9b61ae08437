"""The guardian's page for one child, the progress report as HTML and PDF, and the
weekly digest's preferences and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from learnloop.family import services
from learnloop.family.access import access_child, access_guardian, access_report_student
from learnloop.family.digest import children_of, preference_for
from learnloop.family.forms import DigestPreferenceForm
from learnloop.family.models import DigestFrequency
from learnloop.family.selectors import progress_report_for, shared_artifacts_for_child
from learnloop.family.services import SECTIONS
from learnloop.family.tokens import guardian_for_token


@login_required
def child_progress(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_child(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    context = {"report": report, "artifacts": shared_artifacts_for_child(student)}
    return render(request, "family/child.html", context)


@login_required
def progress_report(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_report_student(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    return render(request, "family/report.html", {"report": report})


@login_required
def progress_report_download(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_report_student(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    from learnloop.family.pdf import progress_report_pdf  # reportlab: only for a download

    response = HttpResponse(progress_report_pdf(report), content_type="application/pdf")
    name = slugify(student.name) or f"student-{student.pk}"
    response["Content-Disposition"] = f'attachment; filename="progress-report-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def digest_preferences(request: HttpRequest) -> HttpResponse:
    """The guardian chooses how often the digest comes and what it holds."""
    guardian = access_guardian(request.user)
    preference = preference_for(guardian)
    initial = {
        "frequency": preference.frequency,
        "sections": [s for s in SECTIONS if getattr(preference, f"include_{s}")],
    }
    form = DigestPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_digest_preference(
            guardian=guardian,
            frequency=form.cleaned_data["frequency"],
            sections=set(form.cleaned_data["sections"]),
        )
        messages.success(request, _("Your email choices are saved."))
        return redirect("family_digest_preferences")
    context = {"form": form, "children": children_of(guardian), "email": guardian.email}
    return render(request, "family/digest_preferences.html", context)


@csrf_exempt  # the signed token is the credential; mail apps POST here with no cookie
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the email, signed in or not: no more digests."""
    guardian = guardian_for_token(token)
    if guardian is None:
        context = {"broken": True}
        return render(request, "family/unsubscribed.html", context, status=404)
    if request.method == "POST" and request.POST.get("resubscribe") == "weekly":
        services.save_digest_preference(
            guardian=guardian, frequency=DigestFrequency.WEEKLY, sections=set(SECTIONS)
        )
        return render(request, "family/unsubscribed.html", {"resubscribed": True})
    services.unsubscribe_guardian(guardian=guardian)
    return render(request, "family/unsubscribed.html", {"token": token})
