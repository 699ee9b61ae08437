"""The files of an OATutor package, from a folder or a tar archive (.tar.xz, .tar.gz, .tar).

Read with the standard library alone. An archive is unpacked in memory and its tar
headers walked directly; members with absolute paths or `..` are ignored.
"""

from __future__ import annotations

import gzip
import io
import lzma
import os
import tarfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

COURSE_PLANS = "coursePlans.json"
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024


class OatutorError(Exception):
    """The package cannot be read at all; `problems` says why, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class PackageFiles:
    """Relative POSIX path -> bytes, from a folder or an archive, under the package root."""

    def __init__(self, members: Mapping[str, Path | bytes]) -> None:
        self.members = members

    def names(self) -> Iterator[str]:
        return iter(self.members)

    def read(self, name: str) -> bytes | None:
        member = self.members.get(name)
        if member is None:
            return None
        return member.read_bytes() if isinstance(member, Path) else member


def open_package(path: Path) -> PackageFiles:
    """The files of the package at `path` (a folder or a .tar.xz), keyed from its root."""
    if not path.exists():
        raise OatutorError([f"{path}: no such file or folder"])
    if path.is_dir():
        found = [path / COURSE_PLANS] if (path / COURSE_PLANS).is_file() else []
        found = found or sorted(path.rglob(COURSE_PLANS), key=lambda p: len(p.parts))
        if not found:
            raise OatutorError([f"{path}: no {COURSE_PLANS} in this folder"])
        root = found[0].parent
        members: dict[str, Path | bytes] = {}
        for folder, _, names in os.walk(root):
            base = Path(folder)
            prefix = base.relative_to(root).as_posix()
            for name in names:
                members[name if prefix == "." else f"{prefix}/{name}"] = base / name
        return PackageFiles(members)
    return PackageFiles(_archive_members(path))


def _tar_members(data: bytes) -> dict[str, bytes]:
    """Regular files of a tar held in memory; the common ustar/pax/GNU layouts read directly.

    The standard library's reader spends seconds on 45,000 members; this walks the
    headers itself and falls back to `tarfile` for anything it does not know.
    """
    members: dict[str, bytes] = {}
    offset, long_name = 0, None
    if len(data) < 512 or not _is_tar_header(data[:512]):
        raise tarfile.ReadError("no tar header at its start")
    while offset + 512 <= len(data):
        header = data[offset : offset + 512]
        if header == b"\0" * 512:
            break
        try:
            size = int(header[124:136].strip(b"\0 ") or b"0", 8)
        except ValueError:
            return _tarfile_members(data)
        kind = header[156:157]
        body = data[offset + 512 : offset + 512 + size]
        offset += 512 + (size + 511) // 512 * 512
        if kind in (b"x", b"L"):
            long_name = _pax_path(body) if kind == b"x" else body.rstrip(b"\0").decode()
            continue
        if kind == b"g":
            continue
        if kind not in (b"0", b"\0", b"7"):
            long_name = None
            continue
        name = long_name or _ustar_name(header)
        long_name = None
        path = PurePosixPath(name)
        if not path.is_absolute() and ".." not in path.parts:
            members[path.as_posix()] = body
    return members


def _is_tar_header(header: bytes) -> bool:
    """Whether the block's checksum holds: any other file (a PDF, a zip) fails it."""
    try:
        recorded = int(header[148:156].strip(b"\0 ") or b"-1", 8)
    except ValueError:
        return False
    blanked = header[:148] + b" " * 8 + header[156:]
    signed = sum(byte - 256 if byte > 127 else byte for byte in blanked)
    return recorded in (sum(blanked), signed)


def _ustar_name(header: bytes) -> str:
    name = header[0:100].split(b"\0", 1)[0].decode()
    prefix = header[345:500].split(b"\0", 1)[0].decode() if header[257:262] == b"ustar" else ""
    return f"{prefix}/{name}" if prefix else name


def _pax_path(body: bytes) -> str | None:
    for record in body.decode().splitlines():
        _, _, pair = record.partition(" ")
        key, _, value = pair.partition("=")
        if key == "path":
            return value
    return None


def _tarfile_members(data: bytes) -> dict[str, bytes]:
    members = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        for info in archive:
            name = PurePosixPath(info.name)
            if info.isfile() and not name.is_absolute() and ".." not in name.parts:
                members[name.as_posix()] = data[info.offset_data : info.offset_data + info.size]
    return members


def _archive_members(path: Path) -> dict[str, bytes]:
    try:
        opener = {".xz": lzma.open, ".gz": gzip.open}.get(path.suffix, open)
        with opener(path, "rb") as stream:
            data = stream.read(MAX_ARCHIVE_BYTES + 1)
        if len(data) > MAX_ARCHIVE_BYTES:
            raise OatutorError([f"{path.name}: larger than {MAX_ARCHIVE_BYTES} bytes unpacked"])
        members = _tar_members(data)
    except (tarfile.TarError, lzma.LZMAError, OSError, EOFError, UnicodeDecodeError) as error:
        raise OatutorError(
            [
                f"{path.name}: not a readable tar archive ({error}); "
                "give the package folder or its .tar.xz, .tar.gz or .tar"
            ]
        ) from error
    plans = sorted((n for n in members if n.rsplit("/", 1)[-1] == COURSE_PLANS), key=len)
    if not plans:
        raise OatutorError([f"{path.name}: no {COURSE_PLANS} in the archive"])
    prefix = plans[0][: -len(COURSE_PLANS)]
    return {n[len(prefix) :]: data for n, data in members.items() if n.startswith(prefix)}
