"""Figures of imported open content, served from the app's storage (never the upstream site).

Figures are small images, read whole: a response always closes its file.

Imported figures are openly licensed library content, like the items that show them:
any signed-in person may load one.
"""

from __future__ import annotations

import mimetypes
import re

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse

from learnloop.content.oatutor_items import FIGURE_FOLDER

_SAFE_PATH = re.compile(r"[\w.\-]+/[\w.\-]+")


@login_required
def figure(request: HttpRequest, path: str) -> HttpResponse:
    if not _SAFE_PATH.fullmatch(path) or ".." in path:
        raise Http404("No such figure.")
    stored = f"{FIGURE_FOLDER}/{path}"
    if not default_storage.exists(stored):
        raise Http404("No such figure.")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    with default_storage.open(stored, "rb") as figure_file:
        response = HttpResponse(figure_file.read(), content_type=content_type)
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
