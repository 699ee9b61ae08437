"""The language switcher in every page's footer, and the JavaScript catalogue."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog

from learnloop.accounts.services import choose_language as save_language
from learnloop.core.redirects import safe_next
from learnloop.web.locale import supported_language
from learnloop.web.parsing import BadInput


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """Remember the language chosen: on the account when signed in, in a cookie always
    (the sign-in page has no account to read it from)."""
    language = request.POST.get("language", "")
    if not supported_language(language):
        message = translation.gettext("Language: choose one of the languages offered.")
        raise BadInput("language", message)
    user = request.user
    if user.is_authenticated:
        save_language(user=user, language=language)  # type: ignore[arg-type]
    response = HttpResponseRedirect(safe_next(request.POST.get("next", ""), "/"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response


class LanguageCatalog(JavaScriptCatalog):
    """The catalogue of the language its URL names (`/jsi18n/?lang=es`, as the page asks
    for its own): one URL per language, so the service worker keeps each language's
    under its own URL and a page kept offline finds its own. Without `lang`, or with one
    not offered, the reader's language (the request's)."""

    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        language = request.GET.get("lang", "")
        if not supported_language(language):
            return super().get(request, *args, **kwargs)
        with translation.override(language):
            return super().get(request, *args, **kwargs)


# Strings the browser shows (offline practice, sync status), in the reader's language.
javascript_catalog = LanguageCatalog.as_view(packages=["learnloop.web", "learnloop.learning"])
