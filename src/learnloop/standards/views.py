"""Standards pages: the framework list, a framework's tree with search, a standard's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.standards import selectors
from learnloop.standards.access import access_framework, access_standard, require_standards_browser
from learnloop.standards.search import open_ids, search_tree

MAX_QUERY_LENGTH = 100


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    require_standards_browser(request.user)
    frameworks = selectors.frameworks_for_user(request.user)
    return render(request, "standards/framework_list.html", {"frameworks": frameworks})


@login_required
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = access_framework(request.user, framework_id)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    roots = selectors.framework_tree(framework)
    hits = search_tree(roots, query)
    context = {
        "framework": framework,
        "roots": roots,
        "query": query,
        "hits": hits,
        "open_ids": open_ids(hits),
        "matched_ids": {hit.standard.pk for hit in hits},
    }
    return render(request, "standards/framework_detail.html", context)


@login_required
def standard_detail(request: HttpRequest, framework_id: int, standard_id: int) -> HttpResponse:
    standard = access_standard(request.user, framework_id, standard_id)
    context = {
        "framework": standard.framework,
        "standard": standard,
        "ancestors": selectors.ancestors_of(standard),
        "children": selectors.children_of(standard),
        "prerequisites": selectors.prerequisites_of(standard),
        "dependents": selectors.dependents_of(standard),
        "cross_links": selectors.cross_links_of(standard),
        "activities": selectors.activities_aligned_to(standard, request.user),
    }
    return render(request, "standards/standard_detail.html", context)
