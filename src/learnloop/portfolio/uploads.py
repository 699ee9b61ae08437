"""Checks on what a student uploads or types, before anything is stored.

The file's type comes from its content (magic numbers, via the `filetype` library), not
its name or the browser's claim, and only the kinds a portfolio needs are allowed:
pictures, PDF, audio, video and office documents. SVG and HTML are refused because a
browser would run scripts inside them. Text that carries a script is refused outright
rather than quietly cleaned, so the student learns why their work was not saved.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from learnloop.core.readable import grouped

DEFAULT_MAX_UPLOAD_MB = 20
DEFAULT_QUOTA_MB = 200  # all of one student's files together
HEADER_BYTES = 8192  # what filetype reads; enough for the zip-based office formats

ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": "picture",
    "image/png": "picture",
    "image/gif": "picture",
    "image/webp": "picture",
    "image/heic": "picture",
    "application/pdf": "PDF",
    "audio/mpeg": "audio",
    "audio/mp4": "audio",
    "audio/ogg": "audio",
    "audio/x-wav": "audio",
    "audio/aac": "audio",
    "audio/x-flac": "audio",
    "video/mp4": "video",
    "video/webm": "video",
    "video/quicktime": "video",
    "video/x-m4v": "video",
    "video/3gpp": "video",
    "application/msword": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
    "application/vnd.oasis.opendocument.text": "document",
    "application/rtf": "document",
    "application/vnd.ms-excel": "spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet",
    "application/vnd.ms-powerpoint": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
    "application/vnd.oasis.opendocument.presentation": "presentation",
}
# Shown inline by the browser; everything else downloads.
INLINE_PREFIXES = ("image/", "audio/", "video/", "application/pdf")

SCRIPT_PATTERN = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|svg|math|style)\b"
    r"|<[^>]*\son[a-z]+\s*="
    r"|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
UNSAFE_NAME = re.compile(r"[<>\"'`\\/\x00-\x1f\x7f]")


class UploadError(ValueError):
    """Input that cannot be stored; `field` names the form field, `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    name: str  # cleaned original name, for display
    content_type: str
    extension: str
    size: int


def max_upload_bytes() -> int:
    megabytes = getattr(settings, "LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
    return int(float(megabytes) * 1024 * 1024)


def quota_bytes() -> int:
    megabytes = getattr(settings, "LEARNLOOP_PORTFOLIO_QUOTA_MB", DEFAULT_QUOTA_MB)
    return int(float(megabytes) * 1024 * 1024)


def check_quota(*, used: int, adding: int) -> None:
    """Refuse a file that would take the student's portfolio past its quota."""
    quota = quota_bytes()
    if used + adding > quota:
        raise UploadError(
            "file",
            gettext(
                "File: your portfolio is full (%(used)s of %(quota)s used; this file needs "
                "%(adding)s). Remove a file you no longer need, or ask your teacher for more room."
            )
            % {
                "used": _megabytes(used),
                "quota": _megabytes(quota),
                "adding": _megabytes(adding),
            },
        )


def _megabytes(size: int) -> str:
    return gettext("%(megabytes)s MB") % {"megabytes": grouped(size / (1024 * 1024), 1)}


def has_script(text: str) -> bool:
    return bool(SCRIPT_PATTERN.search(text or ""))


def refuse_script(field: str, label: str, text: str) -> None:
    if has_script(text):
        raise UploadError(
            field,
            gettext("%(label)s: remove the script or code; it cannot be saved.") % {"label": label},
        )


def clean_file_name(raw: str) -> str:
    """The file's own name without folders; names carrying markup are refused."""
    name = unicodedata.normalize("NFC", PurePath(raw.replace("\\", "/")).name).strip()
    if not name or name.startswith("."):
        raise UploadError("file", gettext("File: the file needs a name, such as poster.pdf."))
    if UNSAFE_NAME.search(name) or has_script(name):
        raise UploadError(
            "file",
            gettext("File: rename the file without < > quotes or slashes, then upload it again."),
        )
    return name[:200]


def check_file(upload: UploadedFile) -> CheckedFile:
    """Size and type, from the content; raises UploadError naming the problem."""
    name = clean_file_name(upload.name or "")
    limit = max_upload_bytes()
    if upload.size is None or upload.size == 0:
        raise UploadError("file", gettext("File: the file is empty."))
    if upload.size > limit:
        raise UploadError(
            "file",
            gettext("File: %(name)s is %(size).1f MB; the limit is %(limit).0f MB.")
            % {"name": name, "size": upload.size / 1048576, "limit": limit / 1048576},
        )
    upload.seek(0)
    header = upload.read(HEADER_BYTES)
    upload.seek(0)
    kind = filetype.guess(header)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise UploadError(
            "file",
            gettext(
                "File: the content of %(name)s is not a picture, PDF, audio, video or office "
                "document, whatever its name says."
            )
            % {"name": name},
        )
    return CheckedFile(
        name=name, content_type=kind.mime, extension=kind.extension, size=upload.size
    )


def check_link(url: str) -> str:
    """An absolute http(s) address with a real-looking host.

    The server does not fetch the link: a classroom server may have no internet, and
    fetching addresses students type would let them probe the school's network.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise UploadError("link_url", gettext("Link: enter a full address starting with https://"))
    if "." not in host or host.startswith(".") or " " in url or has_script(url):
        raise UploadError("link_url", gettext("Link: this address looks broken; copy it again."))
    return url


def is_inline(content_type: str) -> bool:
    return content_type.startswith(INLINE_PREFIXES)
