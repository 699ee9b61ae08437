"""Mutated rosters never crash the import: each is imported or refused with the database
unchanged. Mutations: a dropped column, another encoding, shuffled rows, blanked fields,
fields longer than any column stores, garbage bytes, truncation; on the 1.1 and 1.2
fixtures, bulk and delta."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnloop.accounts.models import GuardianLink, User
from learnloop.schools.models import Classroom, Enrollment, School, Term
from learnloop.schools.oneroster.importing import RosterError, import_roster

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "oneroster"
ROSTERS = {
    name: {child.name: child.read_bytes() for child in (FIXTURES / name).iterdir()}
    for name in ("v1_1", "v1_2", "delta_1_1")
}
MUTATIONS = (
    "drop column", "encoding", "shuffle", "blank field", "long field", "garbage", "truncate"
)  # fmt: skip
FEW = settings(
    max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


class RolledBack(Exception):
    """Raised to undo one example's successful import, so examples stay independent."""


def snapshot() -> tuple[int, ...]:
    models = (School, Term, Classroom, User, Enrollment, GuardianLink)
    return tuple(model.objects.count() for model in models)


def mutate(data: bytes, mutation: str, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if mutation == "drop column":
        cut = rng.randrange(max(1, lines[0].count(b",") + 1))
        return b"\n".join(
            b",".join(c for i, c in enumerate(ln.split(b",")) if i != cut) for ln in lines
        )
    if mutation == "encoding":
        return data.decode("utf-8-sig", "replace").encode(
            rng.choice(["utf-16", "latin-1", "cp1252"]), "replace"
        )
    if mutation == "shuffle":
        body = lines[1:]
        rng.shuffle(body)
        return b"\n".join([lines[0], *body])
    if mutation in ("blank field", "long field"):
        row = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        cells = lines[row].split(b",")
        cells[rng.randrange(len(cells))] = b"" if mutation == "blank field" else b"x@" * 200
        lines[row] = b",".join(cells)
        return b"\n".join(lines)
    if mutation == "garbage":
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8))) + data[at:]
    return data[: rng.randrange(len(data) + 1)]


@FEW
@given(
    roster=st.sampled_from(sorted(ROSTERS)),
    mutations=st.lists(
        st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 2**32)), min_size=1, max_size=3
    ),
    file_pick=st.integers(0, 100),
    base_first=st.booleans(),
)
def test_a_mutated_roster_imports_or_is_refused_cleanly(
    roster: str, mutations: list[tuple[str, int]], file_pick: int, base_first: bool
) -> None:
    files = dict(ROSTERS[roster])
    names = sorted(files)
    for mutation, seed in mutations:
        name = names[(file_pick + seed) % len(names)]
        files[name] = mutate(files[name], mutation, random.Random(seed))
    try:
        with transaction.atomic():
            if base_first or roster == "delta_1_1":
                import_roster(files=ROSTERS["v1_1" if roster == "delta_1_1" else roster])
            before = snapshot()
            try:
                import_roster(files=files)
            except RosterError as refusal:
                assert refusal.file and refusal.message
                assert snapshot() == before
            raise RolledBack
    except RolledBack:
        pass
