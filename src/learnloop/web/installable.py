"""What makes LearnLoop an installable app that keeps working offline: the web app
manifest (`/manifest.webmanifest`) and the service worker (`/sw.js`).

Both are served at the root, so the service worker's scope is the whole site. The
worker is written by hand (docs/adr/0007-hand-written-service-worker.md) and rendered
from `web/sw.js` with the static files it keeps for offline use and a version that
changes whenever one of them, or the worker itself, changes: a browser installs a new
worker only when its bytes differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from learnloop.content.templatetags.math import katex_folder, katex_urls

# Static files a student's pages need offline. ES modules import their siblings by plain
# (unhashed) names, so both names of each module are kept.
OFFLINE_STATIC = (
    "web/learnloop.css",
    "web/favicon.svg",
    "web/icons/icon-192.png",
    "web/offline/app.mjs",
    "web/offline/i18n.mjs",
    "web/offline/store.mjs",
    "web/offline/sync.mjs",
    "learning/learning.css",
    "learning/offline/practice.mjs",
    "content/grading.mjs",
)
SW_TEMPLATE = "web/sw.js"
THEME_COLOR = "#1e3a8a"  # --brand-dark, the header


def manifest_data() -> dict[str, object]:
    icon = static("web/icons/icon-192.png")
    return {
        "name": "LearnLoop",
        "short_name": "LearnLoop",
        "description": "Practice, goals and your next steps, online or off.",
        "id": "/",
        "start_url": reverse("learning_home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f3f4f6",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": icon, "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {
                "src": static("web/icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": static("web/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }


# The fonts KaTeX's style sheet names in the format every browser LearnLoop supports
# reads (woff2; the woff and ttf beside them are for older browsers, never fetched here).
KATEX_FONT = re.compile(r"url\((fonts/[\w.-]+\.woff2)\)")


def katex_fonts(folder: str) -> tuple[str, ...]:
    """The woff2 fonts KaTeX's style sheet names, as static paths (none when it is not
    installed)."""
    found = finders.find(f"{folder}/katex.min.css")
    if not isinstance(found, str):
        return ()
    with open(found, encoding="utf-8") as handle:
        names = dict.fromkeys(KATEX_FONT.findall(handle.read()))
    return tuple(f"{folder}/{name}" for name in names if finders.find(f"{folder}/{name}"))


def offline_static_paths() -> tuple[str, ...]:
    """OFFLINE_STATIC, with KaTeX, its woff2 fonts and its page script when they are
    installed (kept when the worker installs: math typesets offline on a device that
    never showed a formula online)."""
    math = ("content/math.css", "content/math_keys.js")
    if katex_urls(katex_folder()) is None:
        return (*OFFLINE_STATIC, *math)
    folder = katex_folder()
    katex = (f"{folder}/katex.min.css", f"{folder}/katex.min.js", "content/math.js")
    return (*OFFLINE_STATIC, *math, *katex, *katex_fonts(folder))


def offline_static_urls() -> list[str]:
    urls: dict[str, None] = {}
    for path in offline_static_paths():
        urls[static(path)] = None
        urls[f"{settings.STATIC_URL}{path}"] = None
    return list(urls)


def offline_notices() -> dict[str, dict[str, str]]:
    """The worker's own page (a page never kept, asked for offline), in every language
    offered: the worker picks the reader's (the language of the catalogue a page last
    loaded), so one worker, the same bytes for everyone, speaks each student's."""
    notices: dict[str, dict[str, str]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            notices[code] = {
                "dir": "rtl" if translation.get_language_bidi() else "ltr",
                "title": gettext("Offline · LearnLoop"),
                "heading": gettext("You are offline"),
                "body": gettext(
                    "This page was not saved on this device. "
                    "Open it again when you are back online."
                ),
                "link": gettext("Practice offline"),
            }
    return notices


@lru_cache(maxsize=1)
def worker_version() -> str:
    """A digest of the worker's template, its offline page in every language and every
    file it keeps (once per process)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(offline_notices(), sort_keys=True).encode())
    for path in offline_static_paths():
        found = finders.find(path)
        if isinstance(found, str):
            with open(found, "rb") as handle:
                digest.update(handle.read())
    source = loader.get_template(SW_TEMPLATE).template.source  # type: ignore[attr-defined]
    digest.update(source.encode())
    return digest.hexdigest()[:16]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = json.dumps(manifest_data(), indent=2)
    response = HttpResponse(body, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    context = {
        "version": worker_version(),
        "static_urls": json.dumps(offline_static_urls()),
        "static_prefix": json.dumps(settings.STATIC_URL),
        "offline_page": json.dumps(reverse("learning_offline")),
        "catalogue": json.dumps(reverse("javascript_catalog")),
        "notices": json.dumps(offline_notices(), ensure_ascii=False, sort_keys=True),
        "default_language": json.dumps(settings.LANGUAGE_CODE),
    }
    body = loader.render_to_string(SW_TEMPLATE, context)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
