"""The address people type to reach this server, for links sent outside a request.

A password-reset e-mail built from the request's Host header would let anyone who can
forge that header mail a victim a genuine reset token inside a link to the forger's
host. Links are built from LEARNLOOP_SITE_URL instead (or the first allowed host).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SiteAddress:
    domain: str  # host[:port], as the link shows it
    use_https: bool

    @property
    def origin(self) -> str:
        return f"{'https' if self.use_https else 'http'}://{self.domain}"


def site_address() -> SiteAddress:
    configured = str(getattr(settings, "SITE_URL", "") or "")
    if configured:
        parts = urlsplit(configured)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured(
                f"LEARNLOOP_SITE_URL must look like https://learn.example.org, not {configured!r}."
            )
        return SiteAddress(domain=parts.netloc, use_https=parts.scheme == "https")
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    if not hosts:
        raise ImproperlyConfigured("Set LEARNLOOP_SITE_URL or LEARNLOOP_ALLOWED_HOSTS.")
    return SiteAddress(domain=hosts[0], use_https=False)
