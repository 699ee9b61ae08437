"""The data folder of a served LearnLoop: readable by the server's user only.

The folder holds the SQLite database (students' answers, names, notes), uploaded
portfolio files and the secret key that signs sessions. On a shared school computer
other accounts must not read them, so the folder is 0700, files in it 0600, and the
secret is created with those permissions from its first byte (never written and then
narrowed).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


class DataDirError(Exception):
    """The data folder cannot be made private (for example, another user owns it)."""


def secure_data_dir(data_dir: Path) -> None:
    """Create the folder (0700), or narrow an existing one and its media folder."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    try:
        data_dir.chmod(PRIVATE_DIR)
        media = data_dir / "media"
        if media.is_dir():
            _narrow_tree(media)
    except PermissionError as error:
        raise DataDirError(f"cannot make {data_dir} private: {error}") from error


def _narrow_tree(root: Path) -> None:
    root.chmod(PRIVATE_DIR)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            (Path(folder) / name).chmod(PRIVATE_DIR)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(PRIVATE_FILE)


def tighten_database_files(data_dir: Path) -> None:
    """The SQLite database and its WAL/SHM files: 0600 (an older install may have 0644)."""
    for name in sorted(data_dir.glob("*.sqlite3*")):
        if name.is_file() and name.name.endswith(
            tuple(f".sqlite3{suffix}" for suffix in DATABASE_SUFFIXES)
        ):
            name.chmod(PRIVATE_FILE)


def persistent_secret(path: Path) -> str:
    """One random secret kept across restarts, created 0600; an exposed one is narrowed."""
    if not path.exists():
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        except FileExistsError:  # another process won the race: use theirs
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(PRIVATE_FILE)
    secret = path.read_text().strip()
    if len(secret) < 32:
        raise DataDirError(f"{path} holds no usable secret; delete it to have one generated.")
    return secret
