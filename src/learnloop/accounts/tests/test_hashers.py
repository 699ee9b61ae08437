"""Passwords are stored with Argon2id at the chosen parameters; older hashes upgrade."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.test import Client, override_settings

from learnloop.accounts.hashers import (
    ARGON2_LANES,
    ARGON2_MEMORY_KIB,
    ARGON2_PASSES,
    ClassroomArgon2PasswordHasher,
)
from learnloop.config.settings import base
from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = base.PASSWORD_HASHERS


def test_production_settings_put_classroom_argon2_first() -> None:
    assert PRODUCTION_HASHERS[0] == "learnloop.accounts.hashers.ClassroomArgon2PasswordHasher"
    # Django's default still reads the hashes written before the change.
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in PRODUCTION_HASHERS
    assert settings.PASSWORD_HASHERS != PRODUCTION_HASHERS  # tests hash fast on purpose


def test_hash_is_argon2id_with_owasp_parameters() -> None:
    encoded = ClassroomArgon2PasswordHasher().encode("a long pass phrase", "somesaltsomesalt")
    expected = f"v=19$m={ARGON2_MEMORY_KIB},t={ARGON2_PASSES},p={ARGON2_LANES}$"
    assert encoded.startswith("argon2$argon2id$" + expected)
    assert (ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES) == (19_456, 2, 1)
    assert ClassroomArgon2PasswordHasher().verify("a long pass phrase", encoded)
    assert not ClassroomArgon2PasswordHasher().verify("a long pass phrasE", encoded)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_pbkdf2_hash_is_upgraded_on_sign_in(world: World) -> None:
    student = world.student
    student.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    student.save(update_fields=["password"])
    assert student.password.startswith("pbkdf2_sha256$")
    response = Client().post(
        "/accounts/login/", {"username": student.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.password.startswith(f"argon2$argon2id$v=19$m={ARGON2_MEMORY_KIB},t=2,p=1$")
    second = Client().post("/accounts/login/", {"username": student.username, "password": PASSWORD})
    assert second.status_code == 302


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_hash_with_other_argon2_parameters_is_rehashed(world: World) -> None:
    student = world.student
    # Django's own Argon2 settings: 100 MiB, 8 lanes.
    student.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    student.save(update_fields=["password"])
    assert "m=102400" in student.password
    Client().post("/accounts/login/", {"username": student.username, "password": PASSWORD})
    student.refresh_from_db()
    assert f"m={ARGON2_MEMORY_KIB},t=2,p=1" in student.password


def test_a_threaded_worker_hashes_at_most_as_many_passwords_at_once_as_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each hash holds 19 MiB: a worker's eight threads at the bell wait for a core."""
    import threading
    import time

    from learnloop.accounts import hashers

    active, most = [0], [0]
    guard = threading.Lock()

    def slow_verify(self: object, password: str, encoded: str) -> bool:
        with guard:
            active[0] += 1
            most[0] = max(most[0], active[0])
        time.sleep(0.05)
        with guard:
            active[0] -= 1
        return True

    monkeypatch.setattr(Argon2PasswordHasher, "verify", slow_verify)
    monkeypatch.setattr(hashers, "HASHING", threading.BoundedSemaphore(2))
    hasher = ClassroomArgon2PasswordHasher()
    threads = [threading.Thread(target=hasher.verify, args=("pw", "x")) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 2
