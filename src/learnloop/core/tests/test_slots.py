"""Slot[T]: registration order, one registration per provider, typing, lend and take back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import learnloop
from learnloop.core.slots import Slot, SlotError

Greeter = Callable[[str], str]


def hello(name: str) -> str:
    return f"Hello {name}"


def goodbye(name: str) -> str:
    return f"Goodbye {name}"


def shout(name: str) -> str:
    return name.upper()


def test_providers_come_back_in_registration_order() -> None:
    slot: Slot[Greeter] = Slot("tests.greetings")
    slot.register(goodbye)
    slot.register(hello)
    slot.register(shout)
    assert [provider("Maya") for provider in slot] == ["Goodbye Maya", "Hello Maya", "MAYA"]
    assert slot.names() == (
        f"{__name__}.goodbye",
        f"{__name__}.hello",
        f"{__name__}.shout",
    )
    assert len(slot) == 3 and hello in slot


def test_the_same_provider_twice_is_refused() -> None:
    slot: Slot[Greeter] = Slot("tests.twice")
    slot.register(hello)
    with pytest.raises(SlotError, match="already registered"):
        slot.register(hello)
    assert slot.providers() == (hello,)


def test_a_taken_name_is_refused() -> None:
    slot: Slot[Greeter] = Slot("tests.names")
    slot.register(hello, name="goals.greeting")
    with pytest.raises(SlotError, match="already taken"):
        slot.register(goodbye, name="goals.greeting")
    assert slot.providers() == (hello,)


def test_only_callables_are_providers() -> None:
    slot: Slot[Greeter] = Slot("tests.typing")
    with pytest.raises(SlotError, match="not callable"):
        slot.register("Hello")  # type: ignore[arg-type]
    assert len(slot) == 0


def test_register_returns_the_provider_so_it_decorates() -> None:
    slot: Slot[Greeter] = Slot("tests.decorator")

    @slot.register
    def wave(name: str) -> str:
        return f"*waves at {name}*"

    assert wave("Sam") == "*waves at Sam*"
    assert slot.providers() == (wave,)


def test_lent_takes_the_provider_back_even_on_error() -> None:
    slot: Slot[Greeter] = Slot("tests.lent")
    slot.register(hello)
    with pytest.raises(RuntimeError), slot.lent(shout):
        assert slot.providers() == (hello, shout)
        raise RuntimeError("boom")
    assert slot.providers() == (hello,)


def test_emptied_is_the_host_without_lenders_and_restores_them() -> None:
    slot: Slot[Greeter] = Slot("tests.emptied")
    slot.register(hello)
    with slot.emptied():
        assert [provider("x") for provider in slot] == []
    assert slot.providers() == (hello,)


def test_declared_slots_are_listed_by_name() -> None:
    first: Slot[Greeter] = Slot("tests.zz_last")
    second: Slot[Greeter] = Slot("tests.aa_first")
    names = [slot.name for slot in Slot.declared()]
    assert names.index(second.name) < names.index(first.name)


SNIPPET = """
from collections.abc import Callable
from learnloop.core.slots import Slot

Greeter = Callable[[str], str]
GREETINGS: Slot[Greeter] = Slot("snippet.greetings")


def hello(name: str) -> str:
    return name


def count(n: int) -> int:
    return n


GREETINGS.register(hello)
GREETINGS.register(count)
first: Greeter = GREETINGS.providers()[0]
"""


def test_mypy_refuses_a_provider_of_the_wrong_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "snippet.py"
    source.write_text(SNIPPET)
    monkeypatch.setenv("MYPYPATH", str(Path(learnloop.__file__).parents[1]))
    report, _, status = api.run(
        ["--config-file", "", "--follow-imports=silent", "--cache-dir", str(tmp_path), str(source)]
    )
    errors = [line for line in report.splitlines() if ": error:" in line]
    assert status == 1, report
    assert len(errors) == 1 and '"register" of "Slot"' in errors[0], report
