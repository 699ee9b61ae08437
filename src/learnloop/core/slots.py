"""Typed extension slots: how one app lends to another app's page or process.

A host app declares a slot beside the code that reads it (`Slot[T]("learning.my_learning")`);
a lending app registers a provider in its `AppConfig.ready()`; the host reads
`slot.providers()` and never imports the lender. Each slot holds one kind of provider `T`
(a callable with a fixed signature), checked by mypy where it is declared and registered.

Rules the slots keep:
- order: providers come back in the order they were registered (INSTALLED_APPS order);
- one registration per provider: registering the same provider again, or a second provider
  under a name already taken, raises `SlotError` (a second `ready()` call must not double
  a card or a commitment silently);
- a page's cards carry their own template name, so a host template renders them with
  `{% include card.template %}` and never names a lender's template;
- `query_budget`, where given, is how many queries one provider may run whatever the
  number of students; the host's tests count them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakSet

T = TypeVar("T", bound=Callable[..., object])


class SlotError(Exception):
    """A registration the slot refuses (a duplicate, or something that is not a provider)."""


@dataclass(frozen=True)
class Registration(Generic[T]):
    name: str  # "goals.help_button": the lender and what it lends
    provider: T


_DECLARED: WeakSet[Slot[Any]] = WeakSet()


class Slot(Generic[T]):
    """A named place where other apps register providers of one type."""

    def __init__(self, name: str, *, doc: str = "", query_budget: int | None = None) -> None:
        self.name = name
        self.doc = doc
        self.query_budget = query_budget
        self._registrations: list[Registration[T]] = []
        _DECLARED.add(self)

    @staticmethod
    def declared() -> list[Slot[Any]]:
        """Every slot declared so far, by name (for the architecture tests and docs)."""
        return sorted(_DECLARED, key=lambda slot: slot.name)

    def __repr__(self) -> str:
        return f"Slot({self.name!r}, {len(self._registrations)} providers)"

    def register(self, provider: T, *, name: str | None = None) -> T:
        """Add a provider (returns it, so this also works as a decorator)."""
        if not callable(provider):
            raise SlotError(f"{self.name}: {provider!r} is not callable")
        label = name or f"{provider.__module__}.{getattr(provider, '__qualname__', provider)}"
        for registration in self._registrations:
            if registration.provider is provider:
                raise SlotError(f"{self.name}: {label} is already registered")
            if registration.name == label:
                raise SlotError(f"{self.name}: the name {label} is already taken")
        self._registrations.append(Registration(label, provider))
        return provider

    def unregister(self, provider: T) -> None:
        self._registrations = [r for r in self._registrations if r.provider is not provider]

    def providers(self) -> tuple[T, ...]:
        return tuple(r.provider for r in self._registrations)

    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self._registrations)

    def registrations(self) -> tuple[Registration[T], ...]:
        return tuple(self._registrations)

    def __iter__(self) -> Iterator[T]:
        return iter(self.providers())

    def __len__(self) -> int:
        return len(self._registrations)

    def __contains__(self, provider: object) -> bool:
        return any(r.provider is provider for r in self._registrations)

    @contextmanager
    def lent(self, provider: T, *, name: str | None = None) -> Iterator[T]:
        """Register for the length of a `with` block (tests lend and take back)."""
        self.register(provider, name=name)
        try:
            yield provider
        finally:
            self.unregister(provider)

    @contextmanager
    def emptied(self) -> Iterator[None]:
        """No provider for the length of a `with` block: the host as if no lender were installed."""
        saved = self._registrations
        self._registrations = []
        try:
            yield
        finally:
            self._registrations = saved
