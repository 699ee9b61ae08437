"""Rosters uploaded on the office's roster page, kept between the preview and the confirm.

An upload is stored under the data folder (MEDIA_ROOT/roster-uploads/) as
`<school id>-<token>.zip`: the token is random and unguessable, and the school id in the
name means one school's admin can never confirm another school's upload. An upload
never confirmed is removed a day later, when the next one is stored.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from learnloop.schools.models import School
from learnloop.schools.oneroster.reading import RosterError

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
KEPT_SECONDS = 24 * 3600  # an upload never confirmed is removed a day later
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "roster-uploads"


def store_upload(*, school: School, data: bytes, name: str = "upload") -> str:
    """Keep an uploaded roster zip for `school` (`name`: the file's name, for a refusal);
    the token that names it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise RosterError(
            name,
            gettext("larger than %(megabytes)d MB")
            % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    token = secrets.token_urlsafe(16)
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old(folder)
    (folder / f"{school.pk}-{token}.zip").write_bytes(data)
    return token


def stored_upload(*, school: School, token: str) -> Path:
    """The upload `token` names, if it is this school's; RosterError otherwise."""
    path = _folder() / f"{school.pk}-{token}.zip"
    if not TOKEN.fullmatch(token) or not path.is_file():
        raise RosterError("upload", gettext("no such upload: upload the roster again"))
    return path


def _forget_old(folder: Path) -> None:
    cutoff = time.time() - KEPT_SECONDS
    for path in folder.glob("*.zip"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
