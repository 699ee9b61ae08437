"""How passwords are stored: Argon2id with parameters chosen for a classroom computer.

Django's default (PBKDF2-SHA256, 1,200,000 iterations) costs about 225-290 ms of CPU
per sign-in on a 2-core classroom computer, so a class of 30 signing in at the bell
queues for seconds. Argon2id at OWASP's first recommended setting (19 MiB of memory,
2 passes, 1 lane) costs about 16 ms and is memory-hard, which is what makes guessing
expensive on GPUs: it is not a weaker hash for being faster (docs/security.md, with
the measurements). Stored PBKDF2 hashes are upgraded the next time their owner signs
in (Django rehashes with the first hasher in PASSWORD_HASHERS).
"""

from __future__ import annotations

import os
import threading

from django.contrib.auth.hashers import Argon2PasswordHasher

ARGON2_MEMORY_KIB = 19_456  # 19 MiB
ARGON2_PASSES = 2
ARGON2_LANES = 1
#: hashes at once in one process, one per core: a threaded worker (`learnloop serve` on
#: SQLite) would otherwise hold a 19 MiB buffer per thread at the bell, and more hashes
#: than cores finish no sooner
HASHING = threading.BoundedSemaphore(os.cpu_count() or 1)


class ClassroomArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, 19 MiB, 2 passes, 1 lane (OWASP Password Storage Cheat Sheet, 2023+).

    Keeps Django's algorithm name ("argon2"), so hashes it writes read back with
    Django's own hasher too, and a change of these numbers upgrades stored hashes
    on sign-in (Argon2PasswordHasher.must_update compares them).
    """

    memory_cost = ARGON2_MEMORY_KIB
    time_cost = ARGON2_PASSES
    parallelism = ARGON2_LANES

    def encode(self, password: str, salt: str) -> str:
        with HASHING:
            return str(super().encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        with HASHING:
            return bool(super().verify(password, encoded))
