"""Authoring pages for items: list, create, edit, align, preview with grading, publish.

Activity pages live in views_activities.py. Each view parses, fetches through
content.access, calls one service and renders.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from learnloop.content.access import (
    access_item_for_edit,
    access_item_for_view,
    can_edit,
    require_author,
)
from learnloop.content.forms import (
    AnswerForm,
    ItemForm,
    LibraryFilterForm,
    choice_formset,
    choices_from,
)
from learnloop.content.grading_adapter import grade_item
from learnloop.content.item_parts import parts_of
from learnloop.content.models import CHOICE_KINDS, ItemKind
from learnloop.content.selectors import (
    LibraryFilter,
    item_with_choices,
    items_for_author,
    scaffolds_of,
    standards_by_ids,
    standards_matching,
)
from learnloop.content.services import align_item, create_item, publish_item, update_item
from learnloop.web.parsing import parse_ids

PAGE_SIZE = 25


def library_filter(
    request: HttpRequest, kinds: list[tuple[str, str]]
) -> tuple[LibraryFilterForm, LibraryFilter]:
    """The filter form from the query string and what it selects."""
    form = LibraryFilterForm(request.GET or None, kinds=kinds)
    if form.is_valid():
        data = form.cleaned_data
        chosen = LibraryFilter(data["kind"], data["status"], data["standard"], data["q"])
    else:
        chosen = LibraryFilter()
    return form, chosen


def add_errors(form: object, error: ValidationError) -> None:
    """Put a service's field errors beside the form's fields (or on top when unknown)."""
    for name, problems in error.message_dict.items():
        target = name if name in form.fields else None  # type: ignore[attr-defined]
        for problem in problems:
            form.add_error(target, problem)  # type: ignore[attr-defined]


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user = require_author(request.user)
    form, chosen = library_filter(request, ItemKind.choices)
    page = Paginator(items_for_author(user, chosen), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "content/item_list.html",
        {"form": form, "page": page, "kinds": ItemKind.choices, "query": _query(request)},
    )


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def item_create(request: HttpRequest, kind: str) -> HttpResponse:
    user = require_author(request.user)
    if kind not in ItemKind.values:
        raise Http404("No such item kind.")
    form = ItemForm(request.POST or None, kind=kind)
    formset = choice_formset(request.POST or None) if kind in CHOICE_KINDS else None
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            item = create_item(
                author=user, school=user.school, draft=form.to_draft(_choices(formset))
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, gettext("Item saved as a draft."))
            return redirect("content_item_preview", item_id=item.pk)
    context = {"form": form, "formset": formset, "kind": ItemKind(kind), "item": None}
    return render(request, "content/item_form.html", context)


def _choices(formset: object) -> tuple:
    return choices_from(formset) if formset is not None else ()  # type: ignore[arg-type]


@login_required
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_item_for_edit(request.user, item_id)
    initial = ItemForm.initial_for(item)
    form = ItemForm(request.POST or None, kind=item.kind, initial=initial)
    has_choices = item.kind in CHOICE_KINDS
    formset = choice_formset(request.POST or None, item) if has_choices else None
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        try:
            update_item(item=item, draft=form.to_draft(_choices(formset)))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, gettext("Item saved."))
            return redirect("content_item_preview", item_id=item.pk)
    context = {"form": form, "formset": formset, "kind": ItemKind(item.kind), "item": item}
    return render(request, "content/item_form.html", context)


@login_required
def item_preview(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_with_choices(access_item_for_view(request.user, item_id))
    form = AnswerForm(request.POST or None, item=item)
    result = None
    if request.method == "POST" and form.is_valid():
        result = grade_item(item, form.cleaned_data["answer"])
    context = {
        "item": item,
        "form": form,
        "result": result,
        "editable": can_edit(request.user, item),
        "standards": item.standards.all(),
        "scaffolds": scaffolds_of(item.pk),
        "parts": parts_of(item, None),  # a multi-step problem's steps (row 0)
    }
    return render(request, "content/item_preview.html", context)


@login_required
def item_standards(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_item_for_edit(request.user, item_id)
    user = require_author(request.user)
    current = list(item.standards.order_by("code"))
    if request.method == "POST":
        chosen = standards_by_ids(
            user, parse_ids(request.POST.getlist("standards"), "standards"), already=current
        )
        align_item(item=item, standards=chosen)
        messages.success(
            request,
            ngettext(
                "Aligned to %(count)d standard.", "Aligned to %(count)d standards.", len(chosen)
            )
            % {"count": len(chosen)},
        )
        return redirect("content_item_preview", item_id=item.pk)
    query = request.GET.get("q", "")[:100]
    context = {
        "target_name": item.title or "this item",
        "current": current,
        "results": [s for s in standards_matching(user, query) if s not in current],
        "query": query,
        "back_href": reverse("content_item_preview", args=[item.pk]),
    }
    return render(request, "content/align.html", context)


@login_required
@require_POST
def item_publish(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_item_for_edit(request.user, item_id)
    publish_item(item=item)
    messages.success(request, gettext("Item published."))
    return redirect("content_item_preview", item_id=item.pk)
